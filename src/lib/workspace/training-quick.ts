/**
 * Quick mode: the backbone stays frozen, so each scan's feature vector is computed once; the
 * head then trains on those vectors in seconds, and its weights are copied onto the full model's
 * head, which is what gets evaluated and exported. Embeddings are small ([scans × features]), so
 * they are the one part of the dataset held in memory.
 */
import * as tf from '@tensorflow/tfjs';
import type { JobOptions } from '../jobs';
import { buildHeadModel, computeEmbeddings, embeddingModel, headInputLayerName, HEAD_DENSE_LAYER, type EmbeddingMatrix, type ModelSpec } from '../ml/models';
import { shuffledOrder, type Batch, type TrainingData } from '../ml/train';
import type { DatasetBatches } from './training-data';

export type SplitName = 'train' | 'validation' | 'test';

export interface QuickModeData {
  head: tf.LayersModel;
  data: TrainingData;
  /** The embeddings of one split with targets and scan ids, as batches (fixed order). */
  batches(split: SplitName): AsyncIterable<Batch>;
}

/** Embeds every split with the frozen backbone of `model`, and builds the head to train. */
export async function prepareQuickMode(model: tf.LayersModel, spec: ModelSpec, source: DatasetBatches, batchSize: number, seed: number, options: JobOptions): Promise<QuickModeData> {
  const embedder = embeddingModel(model, headInputLayerName(model));
  const matrices = {} as Record<SplitName, EmbeddingMatrix>;
  for (const split of ['train', 'validation', 'test'] as const) {
    matrices[split] = await computeEmbeddings(embedder, xOnly(source.batches(split)), {
      totalRows: source.items[split].length,
      signal: options.signal,
      onProgress: options.onProgress ? (p) => options.onProgress?.({ ...p, stage: `embed-${split}` }) : undefined,
    });
  }
  const dim = matrices.train.dim;
  const head = buildHeadModel(dim, spec.head, { dropout: spec.dropout, seed: spec.seed });
  const classification = spec.head.task === 'classification';

  function* rowsAsBatches(split: SplitName, order: readonly number[]): Generator<Batch> {
    const matrix = matrices[split];
    const items = source.items[split];
    for (let start = 0; start < order.length; start += batchSize) {
      const rows = order.slice(start, start + batchSize);
      const x = new Float32Array(rows.length * dim);
      rows.forEach((row, i) => x.set(matrix.data.subarray(row * dim, (row + 1) * dim), i * dim));
      const y = rows.map((row) => items[row]!.target);
      yield {
        x: tf.tensor2d(x, [rows.length, dim]),
        y: classification ? tf.tensor1d(y, 'int32') : tf.tensor1d(y, 'float32'),
        itemIds: rows.map((row) => items[row]!.scanId),
      };
    }
  }
  const inOrder = (split: SplitName) => Array.from({ length: source.items[split].length }, (_, i) => i);
  const data: TrainingData = {
    train: ({ epoch, fromBatch }) => toAsync(rowsAsBatches('train', shuffledOrder(source.items.train.length, seed, epoch).slice(fromBatch * batchSize))),
    ...(source.items.validation.length > 0 ? { validation: () => toAsync(rowsAsBatches('validation', inOrder('validation'))) } : {}),
    trainCount: source.data.trainCount,
    validationCount: source.data.validationCount,
    ...(source.data.classCounts ? { classCounts: source.data.classCounts } : {}),
  };
  return { head, data, batches: (split) => toAsync(rowsAsBatches(split, inOrder(split))) };
}

/** The trained head's weights onto the full model's head layer (same name, same shapes). */
export function copyHeadWeights(head: tf.LayersModel, model: tf.LayersModel): void {
  model.getLayer(HEAD_DENSE_LAYER).setWeights(head.getLayer(HEAD_DENSE_LAYER).getWeights());
}

async function* xOnly(batches: AsyncIterable<Batch>): AsyncGenerator<tf.Tensor> {
  for await (const batch of batches) {
    batch.y.dispose();
    yield batch.x;
  }
}

async function* toAsync<T>(items: Iterable<T>): AsyncGenerator<T> {
  yield* items;
}
