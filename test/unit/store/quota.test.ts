import { afterEach, describe, expect, it, vi } from 'vitest';
import { EnclaveError } from '../../../src/lib/jobs/errors';
import { ProjectRecords } from '../../../src/lib/store/project-records';
import { ProjectsRepository } from '../../../src/lib/store/projects-repository';
import { isQuotaError, toStorageError } from '../../../src/lib/store/storage-errors';
import { failNthCall, openFresh, quotaDomException, sequentialIds, study } from './helpers';

const QUOTA_MESSAGE = (what: string) =>
  `${what} failed: the browser's storage for Enclave is full, so this change was not saved. ` +
  'Nothing saved before was lost. Free space by deleting old runs, datasets or projects, ' +
  'or allow persistent storage so the browser grants Enclave more room, then try again.';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('isQuotaError', () => {
  it('recognises the names browsers use for a full quota, also as a cause', () => {
    expect(isQuotaError(quotaDomException())).toBe(true);
    expect(isQuotaError({ name: 'NS_ERROR_DOM_QUOTA_REACHED', message: 'Quota reached' })).toBe(true);
    expect(isQuotaError(new Error('write failed', { cause: quotaDomException() }))).toBe(true);
  });

  it('does not take other failures for a full quota', () => {
    expect(isQuotaError(new DOMException('aborted', 'AbortError'))).toBe(false);
    expect(isQuotaError(new DOMException('duplicate key', 'ConstraintError'))).toBe(false);
    expect(isQuotaError(new Error('QuotaExceededError'))).toBe(false);
    expect(isQuotaError(null)).toBe(false);
  });
});

describe('toStorageError', () => {
  it('maps a quota failure to QuotaExceededError with an actionable message', () => {
    const mapped = toStorageError('Saving the run', quotaDomException());
    expect(mapped).toBeInstanceOf(EnclaveError);
    expect(mapped.name).toBe('QuotaExceededError');
    expect(mapped.message).toBe(QUOTA_MESSAGE('Saving the run'));
  });

  it('passes EnclaveErrors through and maps other DOMExceptions to StorageUnavailableError', () => {
    const notFound = new EnclaveError('NotFoundError', 'gone');
    expect(toStorageError('Reading', notFound)).toBe(notFound);
    expect(toStorageError('Reading', new DOMException('disk I/O', 'UnknownError')).name).toBe(
      'StorageUnavailableError',
    );
    expect(toStorageError('Saving', new DOMException('clone', 'DataCloneError')).name).toBe('InvalidInputError');
  });
});

async function projectWithThreeStudies() {
  const { db } = await openFresh();
  const projects = new ProjectsRepository(db, { newId: sequentialIds('p') });
  await projects.create('Full disk');
  const studies = new ProjectRecords(db, 'studies');
  for (const id of ['s1', 's2', 's3']) await studies.put(study(id, 'p-1'));
  return { db, projects, studies };
}

describe('a write that hits the quota', () => {
  it('fails with QuotaExceededError when the request throws, and loses nothing saved before', async () => {
    const { studies } = await projectWithThreeStudies();
    failNthCall('put', 1, 'throw');

    const failure = studies.put(study('s4', 'p-1'));

    await expect(failure).rejects.toBeInstanceOf(EnclaveError);
    await expect(failure).rejects.toMatchObject({
      name: 'QuotaExceededError',
      message: QUOTA_MESSAGE('Saving the study instance'),
    });
    vi.restoreAllMocks();
    expect((await studies.listByProject('p-1')).map((s) => s.id)).toEqual(['s1', 's2', 's3']);
    await expect(studies.get('s4')).rejects.toMatchObject({ name: 'NotFoundError' });
  });

  it.each(['abort-pending', 'abort-at-commit'] as const)(
    'fails with QuotaExceededError when the transaction aborts with it (%s), rolling that write back',
    async (how) => {
      const { studies } = await projectWithThreeStudies();
      failNthCall('put', 1, how);

      await expect(studies.put(study('s4', 'p-1'))).rejects.toMatchObject({
        name: 'QuotaExceededError',
        message: QUOTA_MESSAGE('Saving the study instance'),
      });
      vi.restoreAllMocks();
      expect((await studies.listByProject('p-1')).map((s) => s.id)).toEqual(['s1', 's2', 's3']);
      await expect(studies.get('s4')).rejects.toMatchObject({ name: 'NotFoundError' });
    },
  );

  it('leaves the old name when a rename hits the quota', async () => {
    const { projects } = await projectWithThreeStudies();
    failNthCall('put', 1, 'abort-at-commit');
    await expect(projects.rename('p-1', 'New')).rejects.toMatchObject({
      name: 'QuotaExceededError',
      message: QUOTA_MESSAGE('Renaming the project'),
    });
    vi.restoreAllMocks();
    expect((await projects.get('p-1')).name).toBe('Full disk');
  });

  it('creates no project when creating one hits the quota', async () => {
    const { projects } = await projectWithThreeStudies();
    failNthCall('add', 1, 'throw');
    await expect(projects.create('Second')).rejects.toMatchObject({ name: 'QuotaExceededError' });
    vi.restoreAllMocks();
    expect((await projects.list()).map((p) => p.name)).toEqual(['Full disk']);
  });

  it('maps a value that cannot be cloned to InvalidInputError, keeping earlier records', async () => {
    const { studies } = await projectWithThreeStudies();
    const unclonable = { ...study('s4', 'p-1'), file: (() => 0) as unknown as Uint8Array };
    await expect(studies.put(unclonable)).rejects.toMatchObject({ name: 'InvalidInputError' });
    expect(await studies.listByProject('p-1')).toHaveLength(3);
  });
});
