import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { Batch } from '../../../src/lib/ml/train';
import type { ImportedLabels } from '../../../src/lib/preprocess/labels';
import { datasetBatches } from '../../../src/lib/workspace/training-data';
import { sampleShapeOf } from '../../../src/lib/workspace/training-request';
import { buildTrainingFixture, type TrainingFixture } from './training-fixture';

let fixture: TrainingFixture;
beforeAll(async () => { fixture = await buildTrainingFixture(); }, 120_000);

const options = { labelColumn: 'reduced_function', task: 'classification', batchSize: 3, seed: 1 } as const;

async function collect(batches: AsyncIterable<Batch>): Promise<{ ids: string[]; shapes: number[][]; y: number[] }> {
  const out = { ids: [] as string[], shapes: [] as number[][], y: [] as number[] };
  for await (const batch of batches) {
    out.ids.push(...(batch.itemIds ?? []));
    out.shapes.push(batch.x.shape);
    out.y.push(...(await batch.y.data()));
    tf.dispose([batch.x, batch.y]);
  }
  return out;
}

describe('sampleShapeOf', () => {
  it('drops the single frame of an image, keeps clips and volumes whole', () => {
    expect(sampleShapeOf('image', [1, 64, 64, 3])).toEqual([64, 64, 3]);
    expect(sampleShapeOf('cine', [8, 32, 32, 1])).toEqual([8, 32, 32, 1]);
    expect(sampleShapeOf('volume', [16, 32, 32])).toEqual([16, 32, 32, 1]);
    expect(() => sampleShapeOf('image', [4, 8, 8, 1])).toThrow('An image dataset should hold one frame per scan, but a scan has shape [4, 8, 8, 1]; rebuild the dataset with an image recipe.');
  });
});

describe('datasetBatches', () => {
  it('yields clips [b, frames, h, w, c] with class indices, in one order per (seed, epoch), from any batch', async () => {
    const dataset = await fixture.datasets.get(fixture.datasetId);
    const source = await datasetBatches(fixture.datasets, dataset, options);
    expect(source.sampleShape).toEqual([8, 32, 32, 1]);
    expect(source.summary).toEqual({
      samples: { train: 7, validation: 3, test: 2 }, patients: { train: 4, validation: 2, test: 2 }, unlabelled: 0, classes: ['0', '1'], classCounts: [5, 2],
    });
    expect(source.data.classCounts).toEqual([5, 2]);
    const baseline = tf.memory().numTensors;
    const epoch0 = await collect(source.data.train({ epoch: 0, fromBatch: 0 }));
    expect(tf.memory().numTensors).toBe(baseline);
    expect(epoch0.shapes).toEqual([[3, 8, 32, 32, 1], [3, 8, 32, 32, 1], [1, 8, 32, 32, 1]]);
    expect([...epoch0.ids].sort()).toEqual(source.items.train.map((s) => s.scanId).sort());
    expect(epoch0.y).toEqual(epoch0.ids.map((id) => source.items.train.find((s) => s.scanId === id)!.target));
    expect(await collect(source.data.train({ epoch: 0, fromBatch: 0 }))).toEqual(epoch0);
    expect((await collect(source.data.train({ epoch: 0, fromBatch: 1 }))).ids).toEqual(epoch0.ids.slice(3));
    expect((await collect(source.data.train({ epoch: 1, fromBatch: 0 }))).ids).not.toEqual(epoch0.ids);
    const validation = await collect(source.data.validation!());
    expect(validation.ids).toEqual(source.items.validation.map((s) => s.scanId));
    const splits = dataset.splits as { assignment: Record<string, string> };
    expect(validation.ids.every((id) => splits.assignment[id] === 'validation')).toBe(true);
  });

  it('decodes the stored values exactly as the dataset kept them', async () => {
    const dataset = await fixture.datasets.get(fixture.datasetId);
    const source = await datasetBatches(fixture.datasets, dataset, { ...options, batchSize: 1 });
    const first = source.items.test[0]!;
    const iterator = source.batches('test')[Symbol.asyncIterator]();
    const { value } = await iterator.next();
    const batch = value as Batch;
    const values = await batch.x.data();
    tf.dispose([batch.x, batch.y]);
    await iterator.return?.();
    expect(first.record.dtype).toBe('float16');
    // z-scored clip: mean 0, sd 1 over the clip.
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
    expect(mean).toBeCloseTo(0, 2);
    expect(sd).toBeCloseTo(1, 2);
  });

  it('leaves out unlabelled scans and counts them; regression targets are numbers', async () => {
    const dataset = await fixture.datasets.get(fixture.datasetId);
    const labels = structuredClone(dataset.labels) as unknown as { labels: ImportedLabels };
    const dropped = labels.labels.records.shift()!;
    const source = await datasetBatches(fixture.datasets, { ...dataset, labels: labels as never }, { ...options, labelColumn: 'ejection_fraction', task: 'regression' });
    expect(source.summary.unlabelled).toBe(dropped.itemIds.length);
    const all = [...source.items.train, ...source.items.validation, ...source.items.test];
    expect(all).toHaveLength(12 - dropped.itemIds.length);
    expect(all.every((s) => s.target > 10 && s.target < 80)).toBe(true);
    expect(source.classes).toBeUndefined();
    const train = await collect(source.data.train({ epoch: 0, fromBatch: 0 }));
    const efOf = new Map(all.map((s) => [s.scanId, s.target]));
    train.y.forEach((value, i) => expect(value).toBeCloseTo(efOf.get(train.ids[i]!)!, 4));
  });

  it('says what is missing when the dataset has no splits', async () => {
    const dataset = await fixture.datasets.get(fixture.datasetId);
    await expect(datasetBatches(fixture.datasets, { ...dataset, splits: undefined }, options)).rejects.toMatchObject({
      name: 'InvalidInputError', message: 'Dataset "Echo 32" has no train/validation/test splits yet; make the splits in the Dataset step first.',
    });
  });
});
