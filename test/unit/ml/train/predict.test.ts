import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { collectPredictions, evaluateModel, predictClips, validationMetrics, type ClipBatch } from '../../../../src/lib/ml/train';

beforeAll(async () => { await tf.setBackend('cpu'); });

/** One input v → dense with a fixed kernel: logits [v, −v] (softmax), v (sigmoid) or 2v + 1 (linear). */
function fixedModel(kind: 'softmax' | 'sigmoid' | 'linear'): tf.LayersModel {
  const units = kind === 'softmax' ? 2 : 1;
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [1], units, activation: kind })] });
  const kernel = kind === 'softmax' ? [[1, -1]] : kind === 'sigmoid' ? [[1]] : [[2]];
  const bias = kind === 'softmax' ? [0, 0] : kind === 'sigmoid' ? [0] : [1];
  model.setWeights([tf.tensor2d(kernel), tf.tensor1d(bias)]);
  return model;
}

async function* clipBatches(rows: [string, number][], batchSize: number): AsyncGenerator<ClipBatch> {
  for (let i = 0; i < rows.length; i += batchSize) {
    const part = rows.slice(i, i + batchSize);
    yield { x: tf.tensor2d(part.map(([, v]) => [v])), clipIds: part.map(([id]) => id) };
  }
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));
// Clip a: frames v = 0 and 2; clip b: one frame v = −1. Batches of 2 split clip a from nothing but mix a and b.
const frames: [string, number][] = [['a', 0], ['b', -1], ['a', 2]];

describe('predictClips', () => {
  it('averages the frames’ probabilities by default (softmax)', async () => {
    const model = fixedModel('softmax');
    const baseline = tf.memory().numTensors;
    const clips = await predictClips(model, clipBatches(frames, 2), { loss: 'softmax-cross-entropy' });
    expect(clips.map((c) => [c.clipId, c.segments])).toEqual([['a', 2], ['b', 1]]);
    // softmax([v, −v])[0] = σ(2v): clip a → (σ(0) + σ(4)) / 2
    expect(clips[0]?.outputs[0]).toBeCloseTo((0.5 + sigmoid(4)) / 2, 6);
    expect(clips[1]?.outputs[0]).toBeCloseTo(sigmoid(-2), 6);
    expect(tf.memory().numTensors).toBe(baseline);
    model.dispose();
  });

  it("'mean-logit' applies the activation to the mean logit", async () => {
    const softmax = fixedModel('softmax');
    const [a] = await predictClips(softmax, clipBatches(frames, 2), { loss: 'softmax-cross-entropy', aggregation: 'mean-logit' });
    // mean logits [1, −1] → σ(2)
    expect(a?.outputs[0]).toBeCloseTo(sigmoid(2), 5);
    expect(a?.outputs[1]).toBeCloseTo(1 - sigmoid(2), 5);
    const binary = fixedModel('sigmoid');
    const [b] = await predictClips(binary, clipBatches(frames, 3), { loss: 'sigmoid-cross-entropy', aggregation: 'mean-logit' });
    expect(b?.outputs[0]).toBeCloseTo(sigmoid(1), 5);
    const [c] = await predictClips(binary, clipBatches(frames, 3), { loss: 'sigmoid-cross-entropy' });
    expect(c?.outputs[0]).toBeCloseTo((0.5 + sigmoid(2)) / 2, 6);
    softmax.dispose();
    binary.dispose();
  });

  it('averages regression outputs as they are, and refuses a clip id count that does not match', async () => {
    const model = fixedModel('linear');
    const clips = await predictClips(model, clipBatches(frames, 2), { loss: 'mean-squared-error', aggregation: 'mean-logit' });
    expect(clips.map((c) => c.outputs)).toEqual([[3], [-1]]); // (1 + 5) / 2 and 2·(−1) + 1
    async function* bad(): AsyncGenerator<ClipBatch> { yield { x: tf.zeros([2, 1]), clipIds: ['a'] }; }
    await expect(predictClips(model, bad(), { loss: 'mean-squared-error' })).rejects.toMatchObject({ name: 'InvalidInputError' });
    model.dispose();
  });
});

describe('collectPredictions and validationMetrics', () => {
  it('collects probabilities, targets, ids and the mean loss of a sigmoid model', async () => {
    const model = fixedModel('sigmoid');
    async function* batches(): AsyncGenerator<{ x: tf.Tensor; y: tf.Tensor; itemIds: string[] }> {
      yield { x: tf.tensor2d([[2], [-1]]), y: tf.tensor1d([1, 0]), itemIds: ['p', 'q'] };
      yield { x: tf.tensor2d([[0.5]]), y: tf.tensor1d([0]), itemIds: ['r'] };
    }
    const baseline = tf.memory().numTensors;
    const predictions = await collectPredictions(model, batches(), { loss: 'sigmoid-cross-entropy', outputKind: 'probabilities' });
    expect(tf.memory().numTensors).toBe(baseline);
    expect(predictions.itemIds).toEqual(['p', 'q', 'r']);
    expect(predictions.targets).toEqual([[1], [0], [0]]);
    predictions.outputs.forEach((row, i) => expect(row[0]).toBeCloseTo(sigmoid([2, -1, 0.5][i] as number), 6));
    const expectedLoss = (-Math.log(sigmoid(2)) - Math.log(1 - sigmoid(-1)) - Math.log(1 - sigmoid(0.5))) / 3;
    expect(predictions.loss).toBeCloseTo(expectedLoss, 5);
    // Scores 0.88 (pos), 0.27, 0.62 (neg): AUROC 1; at 0.5 the 0.62 negative is wrong → 2/3.
    expect(validationMetrics('sigmoid-cross-entropy', predictions)).toEqual({ val_accuracy: 2 / 3, val_auroc: 1 });
    model.dispose();
  });

  it('regression metrics per output, and no AUROC for a one-class split', () => {
    const regression = validationMetrics('mean-squared-error', { outputs: [[1], [2], [4]], targets: [[1], [3], [5]], itemIds: [], loss: 0 });
    expect(regression.val_mae).toBeCloseTo(2 / 3, 12);
    expect(regression.val_rmse).toBeCloseTo(Math.sqrt(2 / 3), 12);
    // SS_res = 0 + 1 + 1, SS_tot = 4 + 0 + 4 around the mean 3
    expect(regression.val_r2).toBeCloseTo(1 - 2 / 8, 12);
    const oneClass = validationMetrics('softmax-cross-entropy', { outputs: [[0.7, 0.3], [0.4, 0.6]], targets: [[1, 0], [1, 0]], itemIds: [], loss: 0 });
    expect(oneClass).toEqual({ val_accuracy: 0.5 });
  });
});

describe('evaluateModel', () => {
  it('evaluates a split end to end from batches', async () => {
    const model = fixedModel('sigmoid');
    async function* batches(): AsyncGenerator<{ x: tf.Tensor; y: tf.Tensor; itemIds: string[] }> {
      yield { x: tf.tensor2d([[2], [-1], [0.5], [-2]]), y: tf.tensor1d([1, 0, 1, 0]), itemIds: ['p', 'q', 'r', 's'] };
    }
    const report = await evaluateModel(model, batches(), { loss: 'sigmoid-cross-entropy', classes: ['no', 'yes'], bootstrap: { resamples: 20 } });
    if (report.task !== 'classification') throw new Error('expected a classification report');
    expect(report.auroc?.auroc).toBe(1);
    expect(report.confusion.items).toEqual([[['q', 's'], []], [[], ['p', 'r']]]);
    const linear = fixedModel('linear');
    async function* targets(): AsyncGenerator<{ x: tf.Tensor; y: tf.Tensor }> { yield { x: tf.tensor2d([[1], [2]]), y: tf.tensor1d([3, 4]) }; }
    const regression = await evaluateModel(linear, targets(), { loss: 'mean-squared-error' });
    if (regression.task !== 'regression') throw new Error('expected a regression report');
    expect(regression.outputs[0]?.metrics.meanAbsoluteError).toBe(0.5); // predictions 3 and 5
    model.dispose();
    linear.dispose();
  });
});
