import { afterEach, describe, expect, it, vi } from 'vitest';
import { ECHO_CLIP_112 } from '../../../src/lib/preprocess/recipe';
import { DatasetsRepository } from '../../../src/lib/store/datasets-repository';
import { ProjectsRepository } from '../../../src/lib/store/projects-repository';
import { buildDataset, type DeidOutputSource, type ScanPreprocessor } from '../../../src/lib/workspace/dataset-build';
import { planScans } from '../../../src/lib/workspace/dataset-plan';
import type { DeidOutputItem } from '../../../src/lib/workspace/deid-outputs';
import { failNthCall, openFresh, sequentialIds } from '../store/helpers';

function item(path: string, frames: number, extra: Partial<DeidOutputItem> = {}): DeidOutputItem {
  const [pseudonym = '', study = '', series = ''] = path.split('/');
  return {
    path, pseudonym, studyInstanceUid: study, seriesInstanceUid: series, sopInstanceUid: path, modality: 'US',
    rows: 4, columns: 4, frames, hasPixels: frames > 0, byteLength: 100, ...extra,
  };
}

const ITEMS = [
  item('ANON-1/2.25.1/2.25.11/a.dcm', 16),
  item('ANON-1/2.25.1/2.25.11/b.dcm', 16),
  item('ANON-2/2.25.2/2.25.21/c.dcm', 12),
  item('ANON-3/2.25.3/2.25.31/s1.dcm', 1, { modality: 'CT' }),
  item('ANON-3/2.25.3/2.25.31/s2.dcm', 1, { modality: 'CT' }),
  item('ANON-3/2.25.3/2.25.32/sr.dcm', 0, { modality: 'SR' }),
];

function source(items: DeidOutputItem[]): DeidOutputSource & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    items: async () => items,
    bytes: async (path) => {
      reads.push(path);
      return new Uint8Array([path.length]);
    },
  };
}

/** A stand-in for decode + recipe: values 0, 1/255, 2/255… so the codec picks lossless uint8. */
const gridPreprocess: ScanPreprocessor = async (scan, read) => {
  for (const path of scan.paths) await read(path);
  return { data: Float32Array.from({ length: 8 }, (_, i) => i / 255), shape: [2, 2, 2, 1] };
};

async function setUp() {
  const { db } = await openFresh();
  await new ProjectsRepository(db, { newId: sequentialIds('p') }).create('Echo');
  return new DatasetsRepository(db);
}

afterEach(() => vi.restoreAllMocks());

describe('planScans', () => {
  it('takes multi-frame instances for cine, single frames for images, and series of slices for volumes', () => {
    expect(planScans(ITEMS, 'cine').map((s) => s.scanId)).toEqual([
      'ANON-1/2.25.1/2.25.11/a', 'ANON-1/2.25.1/2.25.11/b', 'ANON-2/2.25.2/2.25.21/c',
    ]);
    expect(planScans(ITEMS, 'image').map((s) => s.paths)).toEqual([['ANON-3/2.25.3/2.25.31/s1.dcm'], ['ANON-3/2.25.3/2.25.31/s2.dcm']]);
    const [volume] = planScans(ITEMS, 'volume');
    expect(volume).toEqual({
      scanId: 'ANON-3/2.25.3/2.25.31',
      paths: ['ANON-3/2.25.3/2.25.31/s1.dcm', 'ANON-3/2.25.3/2.25.31/s2.dcm'],
      facts: { pseudonym: 'ANON-3', studyInstanceUid: '2.25.3', seriesInstanceUid: '2.25.31', modality: 'CT', file: 'ANON-3/2.25.3/2.25.31', instances: 2, frames: 2 },
    });
    expect(planScans(ITEMS, 'cine', ['ct'])).toEqual([]);
  });
});

describe('buildDataset', () => {
  it('stores every scan in the compact type, reports progress, and marks the dataset ready', async () => {
    const repository = await setUp();
    const progress: number[] = [];
    const report = await buildDataset(
      { projectId: 'p-1', datasetId: 'd1', name: 'Echo clips', recipe: ECHO_CLIP_112 },
      { source: source(ITEMS), repository, preprocess: gridPreprocess, now: () => 5 },
      { onProgress: (p) => progress.push(p.done) },
    );
    expect([report.planned, report.stored, report.failures, report.byteLength]).toEqual([3, 3, [], 24]);
    expect(report.precision).toEqual({ 'uint8 (lossless)': 3 });
    expect(report.dataset.status).toBe('ready');
    expect(progress.at(-1)).toBe(3);
    const scans = await repository.listScans('d1');
    expect(scans.map((s) => [s.scanId, s.dtype, s.shape.join('x'), s.facts.pseudonym])).toEqual([
      ['ANON-1/2.25.1/2.25.11/a', 'uint8', '2x2x2x1', 'ANON-1'],
      ['ANON-1/2.25.1/2.25.11/b', 'uint8', '2x2x2x1', 'ANON-1'],
      ['ANON-2/2.25.2/2.25.21/c', 'uint8', '2x2x2x1', 'ANON-2'],
    ]);
    expect([...(await repository.readScan('d1', 'ANON-2/2.25.2/2.25.21/c')).bytes]).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('records a scan that cannot be preprocessed as a failure and carries on', async () => {
    const repository = await setUp();
    const flaky: ScanPreprocessor = async (scan, read, recipe) => {
      if (scan.scanId.endsWith('/b')) throw Object.assign(new Error('Frame 3 could not be decoded.'), { name: 'PixelDecodeError' });
      return gridPreprocess(scan, read, recipe);
    };
    const report = await buildDataset(
      { projectId: 'p-1', datasetId: 'd1', name: 'Echo', recipe: ECHO_CLIP_112 },
      { source: source(ITEMS), repository, preprocess: flaky },
    );
    expect(report.stored).toBe(2);
    expect(report.failures).toEqual([{ scanId: 'ANON-1/2.25.1/2.25.11/b', reason: 'PixelDecodeError', message: 'Frame 3 could not be decoded.' }]);
    expect(report.dataset.status).toBe('ready');
  });

  it('stops on a full disk, keeps the scans already stored and marks the dataset partial', async () => {
    const repository = await setUp();
    // put #1 is the dataset record; #2–#3 scan a (record + chunk); #4 is scan b's record.
    failNthCall('put', 4, 'abort-at-commit');
    const report = await buildDataset(
      { projectId: 'p-1', datasetId: 'd1', name: 'Echo', recipe: ECHO_CLIP_112 },
      { source: source(ITEMS), repository, preprocess: gridPreprocess },
    );
    vi.restoreAllMocks();
    expect(report.stored).toBe(1);
    expect(report.dataset.status).toBe('partial');
    expect(report.dataset.stopReason).toMatch(/The build stopped after 1 of 3 scans; those are kept\.$/);
    expect((await repository.listScans('d1')).map((s) => s.scanId)).toEqual(['ANON-1/2.25.1/2.25.11/a']);
  });

  it('stops between scans when cancelled, keeping what is done', async () => {
    const repository = await setUp();
    const controller = new AbortController();
    const cancelling: ScanPreprocessor = async (scan, read, recipe) => {
      const out = await gridPreprocess(scan, read, recipe);
      controller.abort();
      return out;
    };
    const report = await buildDataset(
      { projectId: 'p-1', datasetId: 'd1', name: 'Echo', recipe: ECHO_CLIP_112 },
      { source: source(ITEMS), repository, preprocess: cancelling },
      { signal: controller.signal },
    );
    expect([report.stored, report.dataset.status]).toEqual([1, 'partial']);
    expect(report.dataset.stopReason).toBe('Cancelled after 1 of 3 scans; the scans already stored are kept.');
  });

  it('says what to do when nothing fits the recipe, without creating a dataset', async () => {
    const repository = await setUp();
    const deps = { source: source([]), repository, preprocess: gridPreprocess };
    await expect(buildDataset({ projectId: 'p-1', datasetId: 'd1', name: 'x', recipe: ECHO_CLIP_112 }, deps)).rejects.toMatchObject({
      name: 'InvalidInputError',
      message: 'There are no de-identified scans yet. De-identify the imported studies first: only de-identified scans may enter a dataset.',
    });
    expect(await repository.listByProject('p-1')).toEqual([]);
  });
});
