import { afterEach, describe, expect, it, vi } from 'vitest';
import { DatasetsRepository } from '../../../src/lib/store/datasets-repository';
import { ProjectsRepository } from '../../../src/lib/store/projects-repository';
import type { DatasetRecord, DatasetScanRecord } from '../../../src/lib/store/schema';
import { failNthCall, openFresh, sequentialIds } from './helpers';

const T0 = 1_700_000_000_000;

async function setUp() {
  const { db } = await openFresh();
  await new ProjectsRepository(db, { newId: sequentialIds('p') }).create('Echo');
  const datasets = new DatasetsRepository(db);
  await datasets.save(dataset('d1'));
  await datasets.save(dataset('d2'));
  return { db, datasets };
}

function dataset(id: string): DatasetRecord {
  return { id, projectId: 'p-1', createdAt: T0, name: `set ${id}`, recipe: { version: 1 }, status: 'building' };
}

function scan(datasetId: string, scanId: string): Omit<DatasetScanRecord, 'id' | 'chunkCount' | 'byteLength'> {
  return { projectId: 'p-1', datasetId, scanId, facts: { pseudonym: 'ANON-1' }, shape: [2, 3], dtype: 'uint8', scale: 1 / 255, offset: 0, maxAbsError: 0 };
}

const bytes = (...values: number[]) => new Uint8Array(values);

afterEach(() => vi.restoreAllMocks());

describe('DatasetsRepository', () => {
  it('stores a scan in chunks and reads it back joined, with its size', async () => {
    const { datasets } = await setUp();
    const stored = await datasets.putScan(scan('d1', 's1'), [bytes(1, 2, 3, 4), bytes(5, 6)]);
    expect([stored.id, stored.chunkCount, stored.byteLength]).toEqual(['d1/s1', 2, 6]);

    const back = await datasets.readScan('d1', 's1');
    expect([...back.bytes]).toEqual([1, 2, 3, 4, 5, 6]);
    expect(back.scan.shape).toEqual([2, 3]);
    expect(await datasets.size('d1')).toEqual({ scans: 1, byteLength: 6 });
    expect(await datasets.size('d2')).toEqual({ scans: 0, byteLength: 0 });
  });

  it('replaces a rebuilt scan whole, dropping chunks the new version no longer has', async () => {
    const { db, datasets } = await setUp();
    await datasets.putScan(scan('d1', 's1'), [bytes(1), bytes(2), bytes(3)]);
    await datasets.putScan(scan('d1', 's1'), [bytes(9, 9)]);
    expect([...(await datasets.readScan('d1', 's1')).bytes]).toEqual([9, 9]);
    expect(await db.countFromIndex('tensorChunks', 'by-dataset', 'd1')).toBe(1);
  });

  it('keeps every earlier scan when the disk fills while writing the next one', async () => {
    const { datasets } = await setUp();
    await datasets.putScan(scan('d1', 's1'), [bytes(1, 2)]);
    failNthCall('put', 2, 'abort-at-commit'); // the second chunk of s2
    await expect(datasets.putScan(scan('d1', 's2'), [bytes(3), bytes(4)])).rejects.toMatchObject({ name: 'QuotaExceededError' });
    vi.restoreAllMocks();
    expect((await datasets.listScans('d1')).map((s) => s.scanId)).toEqual(['s1']);
    expect([...(await datasets.readScan('d1', 's1')).bytes]).toEqual([1, 2]);
  });

  it('deletes a dataset with its scans and chunks, leaving other datasets alone', async () => {
    const { db, datasets } = await setUp();
    await datasets.putScan(scan('d1', 's1'), [bytes(1), bytes(2)]);
    await datasets.putScan(scan('d2', 's1'), [bytes(7)]);
    await datasets.delete('d1');
    expect((await datasets.listByProject('p-1')).map((d) => d.id)).toEqual(['d2']);
    expect(await db.count('datasetScans')).toBe(1);
    expect(await db.count('tensorChunks')).toBe(1);
    expect([...(await datasets.readScan('d2', 's1')).bytes]).toEqual([7]);
    await expect(datasets.get('d1')).rejects.toMatchObject({ name: 'NotFoundError' });
  });

  it('updates fields of a dataset, and refuses a scan for a dataset that does not exist', async () => {
    const { datasets } = await setUp();
    const updated = await datasets.update('d1', { status: 'ready', splits: { seed: 7 } });
    expect([updated.status, updated.name, updated.splits]).toEqual(['ready', 'set d1', { seed: 7 }]);
    await expect(datasets.putScan(scan('nope', 's1'), [bytes(1)])).rejects.toMatchObject({
      name: 'NotFoundError',
      message: 'No dataset with id nope is stored in this browser; it may have been deleted.',
    });
    await expect(datasets.readScan('d1', 'missing')).rejects.toMatchObject({ name: 'NotFoundError' });
  });
});
