import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { balancedClassWeights, batchLoss, detectOutputKind, resolveClassWeights } from '../../../../src/lib/ml/train';

beforeAll(async () => { await tf.setBackend('cpu'); });

const value = (t: tf.Scalar): number => { const v = t.dataSync()[0] as number; t.dispose(); return v; };
const LN2 = Math.log(2);

describe('batchLoss', () => {
  it('softmax cross-entropy from logits or probabilities, with indices or one-hot labels', () => {
    expect(value(batchLoss('softmax-cross-entropy', tf.tensor2d([[0, 0]]), tf.tensor1d([1], 'int32'), 'logits'))).toBeCloseTo(LN2, 6);
    // logits [ln 3, 0] → p = [0.75, 0.25]; label 0 → −ln 0.75
    expect(value(batchLoss('softmax-cross-entropy', tf.tensor2d([[Math.log(3), 0]]), tf.tensor2d([[1, 0]]), 'logits'))).toBeCloseTo(-Math.log(0.75), 6);
    expect(value(batchLoss('softmax-cross-entropy', tf.tensor2d([[0.75, 0.25]]), tf.tensor1d([1], 'int32'), 'probabilities'))).toBeCloseTo(-Math.log(0.25), 6);
  });

  it('class weights scale each sample, then divide by the batch size', () => {
    // Both samples lose ln 2; weights 1 and 3 → (1·ln 2 + 3·ln 2) / 2 = 2 ln 2.
    const logits = tf.zeros([2, 2]);
    expect(value(batchLoss('softmax-cross-entropy', logits, tf.tensor1d([0, 1], 'int32'), 'logits', [1, 3]))).toBeCloseTo(2 * LN2, 6);
    // Only the class-0 sample: (0.5·ln 2) / 1
    expect(value(batchLoss('softmax-cross-entropy', tf.zeros([1, 2]), tf.tensor1d([0], 'int32'), 'logits', [0.5, 3]))).toBeCloseTo(0.5 * LN2, 6);
    // sigmoid with [negative, positive] weights: p = 0.8 for a positive (−ln 0.8 · 2) and a negative (−ln 0.2 · 1)
    const p = tf.tensor2d([[0.8], [0.8]]);
    expect(value(batchLoss('sigmoid-cross-entropy', p, tf.tensor1d([1, 0]), 'probabilities', [1, 2]))).toBeCloseTo((-2 * Math.log(0.8) - Math.log(0.2)) / 2, 5);
    expect(() => batchLoss('softmax-cross-entropy', logits, tf.tensor1d([0, 1], 'int32'), 'logits', [1, 2, 3])).toThrow(expect.objectContaining({ name: 'InvalidInputError' }));
    expect(() => batchLoss('mean-squared-error', logits, tf.zeros([2, 2]), 'logits', [1, 2])).toThrow(expect.objectContaining({ name: 'InvalidInputError' }));
    logits.dispose();
    p.dispose();
  });

  it('sigmoid cross-entropy: the stable logit form equals the probability form', () => {
    const z = [-3, -0.5, 0, 2];
    const y = [0, 1, 1, 0];
    const expected = z.reduce((sum, zi, i) => {
      const p = 1 / (1 + Math.exp(-zi));
      return sum - ((y[i] as number) * Math.log(p) + (1 - (y[i] as number)) * Math.log(1 - p));
    }, 0) / z.length;
    expect(value(batchLoss('sigmoid-cross-entropy', tf.tensor2d(z, [4, 1]), tf.tensor1d(y), 'logits'))).toBeCloseTo(expected, 6);
    expect(value(batchLoss('sigmoid-cross-entropy', tf.sigmoid(tf.tensor2d(z, [4, 1])), tf.tensor1d(y), 'probabilities'))).toBeCloseTo(expected, 5);
    expect(value(batchLoss('sigmoid-cross-entropy', tf.tensor2d([[1000]]), tf.tensor1d([0]), 'logits'))).toBe(1000);
  });

  it('mean squared error, and labels that do not fit the output are refused', () => {
    expect(value(batchLoss('mean-squared-error', tf.tensor2d([[1], [3]]), tf.tensor1d([2, 5]), 'logits'))).toBeCloseTo((1 + 4) / 2, 6);
    expect(() => batchLoss('mean-squared-error', tf.zeros([2, 1]), tf.zeros([3]), 'logits')).toThrow(expect.objectContaining({ name: 'InvalidInputError' }));
  });
});

describe('detectOutputKind', () => {
  it('sees a final softmax or sigmoid, and takes anything else for logits', () => {
    const make = (activation: 'softmax' | 'sigmoid' | 'linear'): tf.LayersModel =>
      tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 2, activation })] });
    const models = [make('softmax'), make('sigmoid'), make('linear')];
    expect(models.map(detectOutputKind)).toEqual(['probabilities', 'probabilities', 'logits']);
    models.forEach((m) => m.dispose());
  });
});

describe('class weights', () => {
  it("'balanced' is n / (K · n_k)", () => {
    expect(balancedClassWeights([30, 10])).toEqual([40 / 60, 2]);
    expect(balancedClassWeights([5, 0, 5])).toEqual([10 / 15, 0, 10 / 15]);
    expect(resolveClassWeights({ classWeights: 'balanced' }, [30, 10])).toEqual([40 / 60, 2]);
    expect(resolveClassWeights({ classWeights: [1, 4] })).toEqual([1, 4]);
    expect(resolveClassWeights({})).toBeUndefined();
    expect(() => resolveClassWeights({ classWeights: 'balanced' })).toThrow(expect.objectContaining({ name: 'InvalidInputError' }));
  });
});
