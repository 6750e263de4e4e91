import { describe, expect, it } from 'vitest';
import { ProjectRecords } from '../../../src/lib/store/project-records';
import { ProjectsRepository } from '../../../src/lib/store/projects-repository';
import type { ArtifactRecord } from '../../../src/lib/store/schema';
import { openFresh, sequentialIds, study } from './helpers';

async function twoProjects() {
  const { db } = await openFresh();
  const projects = new ProjectsRepository(db, { newId: sequentialIds('p') });
  await projects.create('One');
  await projects.create('Two');
  return { db, studies: new ProjectRecords(db, 'studies') };
}

describe('ProjectRecords', () => {
  it('puts, gets, lists by project in key order, replaces and deletes', async () => {
    const { studies } = await twoProjects();
    await studies.put(study('b', 'p-1'));
    await studies.put(study('a', 'p-1'));
    await studies.put(study('c', 'p-2'));

    expect((await studies.listByProject('p-1')).map((s) => s.id)).toEqual(['a', 'b']);
    expect((await studies.listByProject('p-2')).map((s) => s.id)).toEqual(['c']);
    expect(await studies.listByProject('p-3')).toEqual([]);
    expect(await studies.get('a')).toEqual(study('a', 'p-1'));

    await studies.put({ ...study('a', 'p-1'), modality: 'CT' });
    expect((await studies.get('a')).modality).toBe('CT');

    await studies.delete('a');
    expect((await studies.listByProject('p-1')).map((s) => s.id)).toEqual(['b']);
  });

  it('keeps bytes intact', async () => {
    const { db } = await twoProjects();
    const artifacts = new ProjectRecords(db, 'artifacts');
    const weights: ArtifactRecord = {
      id: 'w', projectId: 'p-1', createdAt: 5, kind: 'weights', mediaType: 'application/octet-stream',
      ownerId: null, data: new Float32Array([0.5, -2]).buffer,
    };
    await artifacts.put(weights);
    const back = await artifacts.get('w');
    expect([...new Float32Array(back.data as ArrayBuffer)]).toEqual([0.5, -2]);
  });

  it('fails with NotFoundError for a missing record on get and delete', async () => {
    const { studies } = await twoProjects();
    await expect(studies.get('zz')).rejects.toMatchObject({
      name: 'NotFoundError',
      message: 'No study instance with key zz is stored in this browser; it may have been deleted.',
    });
    await expect(studies.delete('zz')).rejects.toMatchObject({ name: 'NotFoundError' });
  });

  it('refuses a record whose project does not exist, so no orphan is stored', async () => {
    const { studies } = await twoProjects();
    await expect(studies.put(study('x', 'ghost'))).rejects.toMatchObject({ name: 'NotFoundError' });
    expect(await studies.listByProject('ghost')).toEqual([]);
  });

  it('refuses a record without an id or project id', async () => {
    const { studies } = await twoProjects();
    await expect(studies.put({ ...study('x', 'p-1'), id: '' })).rejects.toMatchObject({
      name: 'InvalidInputError',
      message: 'A record for "studies" needs a non-empty text "id"; nothing was saved.',
    });
    await expect(studies.put({ ...study('x', 'p-1'), projectId: '' })).rejects.toMatchObject({
      name: 'InvalidInputError',
    });
  });
});
