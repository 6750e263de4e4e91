import { afterEach, describe, expect, it, vi } from 'vitest';
import { EnclaveError } from '../../../src/lib/jobs/errors';
import { ProjectRecords } from '../../../src/lib/store/project-records';
import { ProjectsRepository, validateProjectName } from '../../../src/lib/store/projects-repository';
import { openEnclaveDatabase } from '../../../src/lib/store/open';
import { PROJECT_OWNED_STORES } from '../../../src/lib/store/schema';
import type { EnclaveDB, PseudonymMapRecord } from '../../../src/lib/store/schema';
import { SettingsRepository } from '../../../src/lib/store/settings-repository';
import { DatasetsRepository } from '../../../src/lib/store/datasets-repository';
import { failNthCall, openFresh, sequentialIds, steppingClock, study } from './helpers';

const T0 = 1_700_000_000_000;

async function setUp() {
  const { factory, db } = await openFresh();
  const projects = new ProjectsRepository(db, { now: steppingClock(T0), newId: sequentialIds('p') });
  return { factory, db, projects, settings: new SettingsRepository(db) };
}

function pseudonymMap(projectId: string): PseudonymMapRecord {
  return {
    projectId,
    ciphertext: new Uint8Array([1, 2, 3]),
    salt: new Uint8Array(16).fill(7),
    iv: new Uint8Array(12).fill(9),
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: 600_000 },
    updatedAt: T0,
  };
}

/** Puts records of every owned store for a project: 2 studies and one of everything else. */
async function fillProject(db: EnclaveDB, projectId: string): Promise<void> {
  await new ProjectRecords(db, 'studies').put(study(`${projectId}-s1`, projectId));
  await new ProjectRecords(db, 'studies').put(study(`${projectId}-s2`, projectId));
  await new ProjectRecords(db, 'datasets').put({
    id: `${projectId}-d1`, projectId, createdAt: T0, name: 'frames 64', recipe: { size: 64 },
  });
  await new ProjectRecords(db, 'runs').put({
    id: `${projectId}-r1`, projectId, createdAt: T0, name: 'run 1', datasetId: `${projectId}-d1`, status: 'finished',
  });
  await new ProjectRecords(db, 'artifacts').put({
    id: `${projectId}-a1`, projectId, createdAt: T0, kind: 'weights', mediaType: 'application/octet-stream',
    ownerId: `${projectId}-r1`, data: new ArrayBuffer(8),
  });
  await new ProjectRecords(db, 'pseudonymMaps').put(pseudonymMap(projectId));
  await new DatasetsRepository(db).putScan({
    projectId, datasetId: `${projectId}-d1`, scanId: 'scan-1', facts: {}, shape: [2], dtype: 'float32', maxAbsError: 0,
  }, [new Uint8Array(8)]);
}

async function countOwned(db: EnclaveDB, projectId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const store of PROJECT_OWNED_STORES) {
    counts[store] = (await new ProjectRecords(db, store).listByProject(projectId)).length;
  }
  return counts;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('ProjectsRepository', () => {
  it('creates a project with a trimmed name, clock timestamps and empty settings', async () => {
    const { projects } = await setUp();
    const project = await projects.create('  Liver US  ');
    expect(project).toEqual({ id: 'p-1', name: 'Liver US', createdAt: T0, updatedAt: T0, settings: {} });
    expect(await projects.get('p-1')).toEqual(project);
  });

  it('gives new projects a random UUID by default', async () => {
    const { db } = await openFresh();
    const project = await new ProjectsRepository(db).create('Default ids');
    expect(project.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('lists projects most recently changed first', async () => {
    const { projects } = await setUp();
    await projects.create('Alpha'); // T0
    await projects.create('Beta'); // T0 + 1 s
    await projects.create('Gamma'); // T0 + 2 s
    await projects.rename('p-1', 'Alpha 2'); // updatedAt T0 + 3 s
    expect((await projects.list()).map((p) => p.name)).toEqual(['Alpha 2', 'Gamma', 'Beta']);
  });

  it('renames with a trimmed name and a new updatedAt, keeping createdAt', async () => {
    const { projects } = await setUp();
    await projects.create('Old');
    const renamed = await projects.rename('p-1', '  New name ');
    expect(renamed).toEqual({ id: 'p-1', name: 'New name', createdAt: T0, updatedAt: T0 + 1_000, settings: {} });
    expect((await projects.get('p-1')).name).toBe('New name');
  });

  it('rejects an empty or blank name with InvalidInputError and keeps the old one', async () => {
    const { projects } = await setUp();
    await projects.create('Keep me');
    await expect(projects.rename('p-1', '   ')).rejects.toMatchObject({
      name: 'InvalidInputError',
      message: 'A project needs a name; type at least one letter.',
    });
    await expect(projects.create('')).rejects.toBeInstanceOf(EnclaveError);
    expect((await projects.get('p-1')).name).toBe('Keep me');
    expect(await projects.list()).toHaveLength(1);
  });

  it('rejects a name over 120 characters', () => {
    expect(validateProjectName('x'.repeat(120))).toBe('x'.repeat(120));
    expect(() => validateProjectName('x'.repeat(121))).toThrow(
      'A project name may have at most 120 characters; this one has 121.',
    );
  });

  it('fails with NotFoundError for a missing id on get, rename and delete', async () => {
    const { projects } = await setUp();
    for (const attempt of [projects.get('nope'), projects.rename('nope', 'x'), projects.delete('nope')]) {
      await expect(attempt).rejects.toMatchObject({
        name: 'NotFoundError',
        message: 'No project with id nope is stored in this browser; it may have been deleted in another tab.',
      });
    }
  });

  it('merges settings and drops keys set to undefined', async () => {
    const { projects } = await setUp();
    await projects.create('Policy', { deidPolicy: { profile: 'basic' }, note: 'x' });
    const updated = await projects.updateSettings('p-1', { note: undefined, extra: [1, 2] });
    expect(updated.settings).toEqual({ deidPolicy: { profile: 'basic' }, extra: [1, 2] });
    expect((await projects.get('p-1')).settings).toEqual({ deidPolicy: { profile: 'basic' }, extra: [1, 2] });
  });

  it('switches the current project through settings', async () => {
    const { projects, settings } = await setUp();
    await projects.create('A');
    const b = await projects.create('B');
    expect(await settings.currentProject()).toBeNull();
    expect(await settings.get('currentProjectId')).toBeUndefined();
    await settings.setCurrentProject('p-2');
    expect(await settings.get('currentProjectId')).toBe('p-2');
    expect(await settings.currentProject()).toEqual(b);
    await expect(settings.setCurrentProject('missing')).rejects.toMatchObject({ name: 'NotFoundError' });
    expect(await settings.get('currentProjectId')).toBe('p-2');
    await settings.setCurrentProject(null);
    expect(await settings.currentProject()).toBeNull();
  });

  it('deletes a project with every record it owns, and nothing of other projects', async () => {
    const { db, projects, settings } = await setUp();
    await projects.create('Doomed');
    await projects.create('Kept');
    await fillProject(db, 'p-1');
    await fillProject(db, 'p-2');
    await settings.setCurrentProject('p-1');

    const deletion = await projects.delete('p-1');

    expect(deletion.project.name).toBe('Doomed');
    expect(deletion.deletedRecords).toEqual({ studies: 2, datasets: 1, runs: 1, artifacts: 1, pseudonymMaps: 1, datasetScans: 1, tensorChunks: 1, baseModels: 0 });
    expect(await countOwned(db, 'p-1')).toEqual({ studies: 0, datasets: 0, runs: 0, artifacts: 0, pseudonymMaps: 0, datasetScans: 0, tensorChunks: 0, baseModels: 0 });
    expect(await countOwned(db, 'p-2')).toEqual({ studies: 2, datasets: 1, runs: 1, artifacts: 1, pseudonymMaps: 1, datasetScans: 1, tensorChunks: 1, baseModels: 0 });
    expect((await projects.list()).map((p) => p.id)).toEqual(['p-2']);
    expect(await settings.get('currentProjectId')).toBeNull();
    await expect(projects.get('p-1')).rejects.toMatchObject({ name: 'NotFoundError' });
  });

  it('leaves the current project alone when deleting another one', async () => {
    const { projects, settings } = await setUp();
    await projects.create('A');
    await projects.create('B');
    await settings.setCurrentProject('p-2');
    await projects.delete('p-1');
    expect(await settings.get('currentProjectId')).toBe('p-2');
  });

  it('deletes all or nothing: a failure midway keeps the project and all its records', async () => {
    const { db, projects } = await setUp();
    await projects.create('Survivor');
    await fillProject(db, 'p-1');
    failNthCall('delete', 4, 'throw'); // after both studies and the dataset were deleted
    await expect(projects.delete('p-1')).rejects.toMatchObject({ name: 'QuotaExceededError' });
    vi.restoreAllMocks();
    expect(await countOwned(db, 'p-1')).toEqual({ studies: 2, datasets: 1, runs: 1, artifacts: 1, pseudonymMaps: 1, datasetScans: 1, tensorChunks: 1, baseModels: 0 });
    expect((await projects.get('p-1')).name).toBe('Survivor');
  });

  it('keeps projects across connections', async () => {
    const { factory, db, projects } = await setUp();
    await projects.create('Persistent');
    db.close();
    const reopened = await openEnclaveDatabase({ indexedDB: factory });
    expect((await new ProjectsRepository(reopened).list()).map((p) => p.name)).toEqual(['Persistent']);
  });
});
