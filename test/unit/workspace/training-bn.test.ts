import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { Batch } from '../../../src/lib/ml/train';
import { batchNormLayers, preciseBatchNormStatistics } from '../../../src/lib/workspace/training-bn';

beforeAll(async () => { await tf.setBackend('cpu'); });

function bnModel(): tf.LayersModel {
  const input = tf.input({ shape: [1] });
  const normed = tf.layers.batchNormalization({ name: 'bn', momentum: 0.99 }).apply(input) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: tf.layers.dense({ units: 1 }).apply(normed) as tf.SymbolicTensor });
}

async function* batches(...values: number[][]): AsyncGenerator<Batch> {
  for (const v of values) yield { x: tf.tensor2d(v, [v.length, 1]), y: tf.zeros([v.length]) };
}

describe('preciseBatchNormStatistics', () => {
  it('sets the moving statistics to the mean of the batches\' statistics, skipping one-sample batches', async () => {
    const model = bnModel();
    const baseline = tf.memory().numTensors;
    // Batch means 1 and 6, (biased) variances 1 and 4; the batch [100] alone is skipped.
    const used = await preciseBatchNormStatistics(model, batches([0, 2], [4, 8], [100]));
    expect(used).toBe(2);
    expect(tf.memory().numTensors).toBe(baseline);
    const [gamma, beta, movingMean, movingVariance] = model.getLayer('bn').getWeights().map((w) => w.dataSync()[0]);
    expect([gamma, beta]).toEqual([1, 0]);
    expect(movingMean).toBeCloseTo(3.5, 5);
    expect(movingVariance).toBeCloseTo(2.5, 5);
    expect((model.getLayer('bn') as unknown as { momentum: number }).momentum).toBe(0.99);
    model.dispose();
  });

  it('finds batch-norm layers inside a per-frame network', () => {
    const frame = bnModel();
    const clip = tf.input({ shape: [3, 1] });
    const frames = tf.layers.timeDistributed({ layer: frame }).apply(clip) as tf.SymbolicTensor;
    const outer = tf.layers.batchNormalization({ name: 'outer_bn' }).apply(frames) as tf.SymbolicTensor;
    const model = tf.model({ inputs: clip, outputs: outer });
    expect(batchNormLayers(model).map((layer) => layer.name).sort()).toEqual(['bn', 'outer_bn']);
    model.dispose();
  });
});
