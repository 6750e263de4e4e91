import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { Progress } from '../../../../src/lib/jobs';
import {
  attachHead, buildHeadModel, buildModel, computeEmbeddings, embeddingModel, releaseSourceModel,
} from '../../../../src/lib/ml/models';
import { SOFTMAX_3, tinySpecs } from './tiny-specs';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const RESNET = tinySpecs(SOFTMAX_3)[1]!;

async function* batchesOf(input: tf.Tensor4D, size: number): AsyncGenerator<tf.Tensor> {
  for (let start = 0; start < input.shape[0]; start += size) {
    yield input.slice(start, Math.min(size, input.shape[0] - start));
  }
}

describe('quick mode', () => {
  it('embeds batch by batch into one matrix equal to a single predict, leaking nothing', async () => {
    const source = buildModel(RESNET);
    const embedder = embeddingModel(source);
    const input = tf.randomUniform([5, 32, 32, 1], 0, 1, 'float32', 9) as tf.Tensor4D;
    const expected = tf.tidy(() => Array.from((embedder.predict(input) as tf.Tensor).dataSync()));
    const baseline = tf.memory().numTensors;
    const progress: Progress[] = [];
    const matrix = await computeEmbeddings(embedder, batchesOf(input, 2), { totalRows: 5, onProgress: (p) => progress.push(p) });
    expect(tf.memory().numTensors).toBe(baseline);
    expect({ rows: matrix.rows, dim: matrix.dim }).toEqual({ rows: 5, dim: 8 });
    expect(Array.from(matrix.data)).toEqual(expected);
    expect(progress.map((p) => p.done)).toEqual([2, 4, 5]);
    input.dispose();
    source.dispose();
  });

  it('stops at a batch boundary when cancelled, still freeing the batch', async () => {
    const source = buildModel(RESNET);
    const embedder = embeddingModel(source);
    const controller = new AbortController();
    controller.abort();
    const batches = [tf.zeros([1, 32, 32, 1])];
    const baseline = tf.memory().numTensors;
    await expect(computeEmbeddings(embedder, batches, { signal: controller.signal })).rejects.toMatchObject({ name: 'CancelledError' });
    expect(tf.memory().numTensors).toBe(baseline - 1);
    source.dispose();
  });

  it('a head trained on embeddings, attached to the backbone, predicts what it predicted alone', async () => {
    const baseline = tf.memory().numTensors;
    const source = buildModel(RESNET);
    const embedder = embeddingModel(source);
    const input = tf.randomUniform([4, 32, 32, 1], 0, 1, 'float32', 2) as tf.Tensor4D;
    const matrix = await computeEmbeddings(embedder, [input.clone()]);
    const head = buildHeadModel(matrix.dim, SOFTMAX_3, { seed: 3 });
    const optimizer = tf.train.adam(0.05);
    head.compile({ optimizer, loss: 'categoricalCrossentropy' });
    const features = tf.tensor2d(matrix.data, [matrix.rows, matrix.dim]);
    const labels = tf.tidy(() => tf.oneHot(tf.tensor1d([0, 1, 2, 1], 'int32'), 3));
    await head.fit(features, labels, { epochs: 3, verbose: 0 });
    const full = attachHead(embedder, SOFTMAX_3, { weightsFrom: head });
    const alone = tf.tidy(() => Array.from((head.predict(features) as tf.Tensor).dataSync()));
    const together = tf.tidy(() => Array.from((full.predict(input) as tf.Tensor).dataSync()));
    expect(together).toEqual(alone);
    expect(() => attachHead(embedder, { task: 'regression', outputs: 2 }, { weightsFrom: head })).toThrow(expect.objectContaining({ name: 'InvalidInputError' }));
    tf.dispose([input, features, labels]);
    head.dispose();
    optimizer.dispose(); // a model does not own an optimizer it was given
    releaseSourceModel(source, full);
    full.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
  });
});
