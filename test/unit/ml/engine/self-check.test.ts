import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import {
  computeSelfCheckGradients,
  selfCheckLoss,
  selfCheckParameters,
} from '../../../../src/lib/ml/engine/self-check';

function lossOf(values: Float32Array[]): number {
  const params = selfCheckParameters();
  return tf.tidy(() => {
    const tensors = params.map((p, i) => tf.tensor(values[i] ?? p.values, p.shape));
    return selfCheckLoss(tf, tensors).dataSync()[0] ?? Number.NaN;
  });
}

/** Regression guard: the seeded problem must not drift, or every backend's history changes meaning. */
const LOSS_AT_SEED = 1.0372733;

describe('self-check gradient', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('uses fixed, seeded parameters of the documented shapes', () => {
    const params = selfCheckParameters();
    expect(params.map((p) => [p.name, p.shape])).toEqual([
      ['input', [2, 6, 6, 2]],
      ['conv filter', [3, 3, 2, 4]],
      ['conv bias', [4]],
      ['dense weights', [36, 3]],
      ['dense bias', [3]],
    ]);
    expect(selfCheckParameters()[1]?.values).toEqual(params[1]?.values);
    expect(selfCheckParameters(1)[1]?.values).not.toEqual(params[1]?.values);
  });

  it('has a loss of about ln(3) (a near-uniform classifier), the same every time', () => {
    const values = selfCheckParameters().map((p) => p.values);
    const loss = lossOf(values);
    expect(loss).toBeCloseTo(LOSS_AT_SEED, 5);
    expect(Math.abs(loss - Math.log(3))).toBeLessThan(0.5);
  });

  it('matches a central finite-difference estimate along a random direction per parameter', async () => {
    const { names, gradients } = await computeSelfCheckGradients(tf);
    expect(names).toEqual(['input', 'conv filter', 'conv bias', 'dense weights', 'dense bias']);
    const base = selfCheckParameters().map((p) => p.values);
    const eps = 1e-2;
    for (let t = 0; t < base.length; t++) {
      const original = base[t] as Float32Array;
      const gradient = gradients[t] as Float32Array;
      // A fixed ±1 direction touches every element, so one FD pair checks the whole tensor.
      const direction = original.map((_, i) => ((i * 7919) % 3 === 0 ? -1 : 1));
      const shifted = (sign: number) =>
        base.map((v, k) => (k === t ? v.map((x, i) => x + sign * eps * (direction[i] ?? 0)) : v));
      const finiteDifference = (lossOf(shifted(1)) - lossOf(shifted(-1))) / (2 * eps);
      const analytic = gradient.reduce((sum, g, i) => sum + g * (direction[i] ?? 0), 0);
      expect(Math.abs(analytic)).toBeGreaterThan(1e-3);
      expect(Math.abs(finiteDifference - analytic)).toBeLessThan(2e-4 + 1e-2 * Math.abs(analytic));
    }
  });

  it('leaves no tensors behind', async () => {
    await computeSelfCheckGradients(tf); // warm-up: kernels may cache constants on first use
    const before = tf.memory().numTensors;
    await computeSelfCheckGradients(tf);
    expect(tf.memory().numTensors).toBe(before);
  });
});

