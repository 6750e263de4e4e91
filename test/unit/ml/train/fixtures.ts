/** Tiny seeded models and synthetic data for the training tests (cpu backend, a few ms a step). */
import * as tf from '@tensorflow/tfjs';
import { mulberry32 } from '../../../../src/lib/util/mulberry32';
import type { Batch, EpochContext, TrainingData } from '../../../../src/lib/ml/train';

export const SIZE = 8;

/** Flatten → dense(8, relu) → dense(units, activation), weights seeded so runs repeat. */
export function denseModel(options: { units?: number; activation?: 'softmax' | 'sigmoid' | 'linear'; seed?: number; inputShape?: number[] } = {}): tf.LayersModel {
  const seed = options.seed ?? 1;
  return tf.sequential({
    layers: [
      tf.layers.flatten({ inputShape: options.inputShape ?? [SIZE, SIZE, 1] }),
      tf.layers.dense({ units: 8, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed }) }),
      tf.layers.dense({ units: options.units ?? 2, activation: options.activation ?? 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }) }),
    ],
  });
}

export interface Dataset {
  images: Float32Array;
  labels: number[];
  ids: string[];
}

/** Class 1 has a bright left half, class 0 a bright right half, both with noise: separable. */
export function separableImages(count: number, seed: number): Dataset {
  const random = mulberry32(seed);
  const images = new Float32Array(count * SIZE * SIZE);
  const labels: number[] = [];
  for (let i = 0; i < count; i++) {
    const label = i % 2;
    labels.push(label);
    for (let r = 0; r < SIZE; r++) {
      for (let c = 0; c < SIZE; c++) {
        const bright = (c < SIZE / 2) === (label === 1);
        images[i * SIZE * SIZE + r * SIZE + c] = (bright ? 0.6 : 0.2) + (random() - 0.5) * 0.3;
      }
    }
  }
  return { images, labels, ids: labels.map((_, i) => `item-${i}`) };
}

/** Batches cut in a fixed order (the test's own "shuffle" is the identity), starting at fromBatch. */
export async function* batchesOf(data: Dataset, batchSize: number, fromBatch = 0, labelsAs: 'indices' | 'column' = 'indices'): AsyncGenerator<Batch> {
  const pixels = SIZE * SIZE;
  for (let start = fromBatch * batchSize; start < data.labels.length; start += batchSize) {
    const end = Math.min(start + batchSize, data.labels.length);
    const labels = data.labels.slice(start, end);
    yield {
      x: tf.tensor4d(data.images.slice(start * pixels, end * pixels), [end - start, SIZE, SIZE, 1]),
      y: labelsAs === 'indices' ? tf.tensor1d(labels, 'int32') : tf.tensor2d(labels, [labels.length, 1]),
      itemIds: data.ids.slice(start, end),
    };
  }
}

export function trainingData(train: Dataset, validation: Dataset | undefined, batchSize: number, labelsAs: 'indices' | 'column' = 'indices'): TrainingData & { requested: EpochContext[] } {
  const requested: EpochContext[] = [];
  return {
    requested,
    train: (context) => {
      requested.push(context);
      return batchesOf(train, batchSize, context.fromBatch, labelsAs);
    },
    ...(validation ? { validation: () => batchesOf(validation, batchSize, 0, labelsAs) } : {}),
    trainCount: train.labels.length,
    validationCount: validation?.labels.length ?? 0,
    classCounts: [train.labels.filter((y) => y === 0).length, train.labels.filter((y) => y === 1).length],
  };
}

export async function weightsOf(model: tf.LayersModel): Promise<number[][]> {
  return Promise.all(model.getWeights().map(async (w) => Array.from(await w.data())));
}
