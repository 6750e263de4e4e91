import { afterEach, describe, expect, it, vi } from 'vitest';
import { ProjectsRepository } from '../../../src/lib/store/projects-repository';
import { RunsRepository } from '../../../src/lib/store/runs-repository';
import type { RunRecord } from '../../../src/lib/store/schema';
import { failNthCall, openFresh, sequentialIds, steppingClock } from '../store/helpers';

async function setUp() {
  const { db } = await openFresh();
  await new ProjectsRepository(db, { newId: sequentialIds('p') }).create('Echo');
  const runs = new RunsRepository(db, steppingClock(1_000, 1));
  const run: RunRecord = { id: 'r1', projectId: 'p-1', createdAt: 1, name: 'First', datasetId: 'd1', status: 'running', history: [] };
  await runs.create(run);
  return runs;
}

afterEach(() => vi.restoreAllMocks());

describe('RunsRepository', () => {
  it('keeps one checkpoint per run, replaced together with the run status', async () => {
    const runs = await setUp();
    await runs.saveCheckpoint('r1', new Uint8Array([1, 2, 3]), { checkpointPosition: { epoch: 1, batch: 0 } });
    const after = await runs.saveCheckpoint('r1', new Uint8Array([4, 5]), {
      status: 'cancelled', reason: { name: 'CancelledError', message: 'stopped' }, checkpointPosition: { epoch: 1, batch: 2 },
    });
    expect(after).toMatchObject({ status: 'cancelled', checkpointArtifactId: 'r1/checkpoint', checkpointPosition: { epoch: 1, batch: 2 }, updatedAt: 1_001 });
    expect([...(await runs.readArtifact('r1/checkpoint'))]).toEqual([4, 5]);
    expect((await runs.artifactsOf('r1')).map((a) => [a.id, a.kind, a.byteLength, a.ownerId])).toEqual([['r1/checkpoint', 'training-checkpoint', 2, 'r1']]);
  });

  it('loses nothing when the disk fills during a checkpoint: the earlier checkpoint and status stay', async () => {
    const runs = await setUp();
    await runs.saveCheckpoint('r1', new Uint8Array([1, 2, 3]), { checkpointPosition: { epoch: 1, batch: 0 } });
    failNthCall('put', 2, 'abort-at-commit'); // the run record, after the checkpoint's bytes
    await expect(runs.saveCheckpoint('r1', new Uint8Array([9]), { checkpointPosition: { epoch: 2, batch: 0 } })).rejects.toMatchObject({
      name: 'QuotaExceededError',
      message: expect.stringMatching(/^Saving the training checkpoint failed: the browser's storage for Enclave is full/),
    });
    vi.restoreAllMocks();
    expect([...(await runs.readArtifact('r1/checkpoint'))]).toEqual([1, 2, 3]);
    expect((await runs.get('r1')).checkpointPosition).toEqual({ epoch: 1, batch: 0 });
  });

  it('a saved model replaces the checkpoint; deleting the run removes its files', async () => {
    const runs = await setUp();
    await runs.saveCheckpoint('r1', new Uint8Array([1]), { checkpointPosition: { epoch: 1, batch: 0 } });
    const finished = await runs.saveModel('r1', new Uint8Array([7, 7]), { status: 'finished' });
    expect(finished.status).toBe('finished');
    expect(finished.modelArtifactId).toBe('r1/model');
    expect('checkpointArtifactId' in finished || 'checkpointPosition' in finished).toBe(false);
    expect((await runs.artifactsOf('r1')).map((a) => a.id)).toEqual(['r1/model']);
    await runs.delete('r1');
    expect(await runs.listByProject('p-1')).toEqual([]);
    await expect(runs.readArtifact('r1/model')).rejects.toMatchObject({ name: 'NotFoundError' });
    await expect(runs.get('r1')).rejects.toMatchObject({ name: 'NotFoundError', message: 'No run with id r1 is stored in this browser; it may have been deleted.' });
  });

  it('refuses a second run under the same id, and a run of an unknown project', async () => {
    const runs = await setUp();
    const again: RunRecord = { id: 'r1', projectId: 'p-1', createdAt: 2, name: 'Again', datasetId: null, status: 'queued' };
    await expect(runs.create(again)).rejects.toMatchObject({ name: 'InvalidInputError', message: 'A run with id r1 already exists; start the new run under another id.' });
    await expect(runs.create({ ...again, id: 'r2', projectId: 'nope' })).rejects.toMatchObject({ name: 'NotFoundError' });
    expect((await runs.listByProject('p-1')).map((r) => r.name)).toEqual(['First']);
  });
});
