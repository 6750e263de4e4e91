import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { applyRangeWindow, applyWindow } from '../../../../src/lib/preprocess/intensity/window';
import { minMax, percentileClip, zScore } from '../../../../src/lib/preprocess/intensity/normalise';
import { percentile } from '../../../../src/lib/preprocess/intensity/percentile';
import { invertOverRange, toGrayscale, toRgb } from '../../../../src/lib/preprocess/intensity/photometric';
import { applyRescale } from '../../../../src/lib/preprocess/intensity/modality-lut';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Runs `f` on a tensor made of `values` and returns plain numbers, checking nothing leaked. */
async function run(values: number[], shape: [number, number, number, number], f: (x: tf.Tensor4D) => tf.Tensor): Promise<number[]> {
  const before = tf.memory().numTensors;
  const x = tf.tensor4d(values, shape);
  const y = f(x);
  const out = Array.from(await y.data());
  x.dispose();
  y.dispose();
  expect(tf.memory().numTensors).toBe(before);
  return out;
}

function expectClose(actual: number[], expected: number[], digits = 6): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((v, i) => expect(v, `index ${i}`).toBeCloseTo(expected[i]!, digits));
}

const HU = [-1000, -160, -159, 40, 239, 240, 1000];
const row = (n: number): [number, number, number, number] => [1, 1, n, 1];

describe('VOI windows (PS3.3 C.11.2.1.2) to 0..1', () => {
  it('LINEAR, centre 40 width 400', async () => {
    // Thresholds: x <= 39.5 − 199.5 = −160 → 0; x > 39.5 + 199.5 = 239 → 1.
    // −159: (−159 − 39.5)/399 + 0.5 = 0.0025062656…; 40: 0.5/399 + 0.5 = 0.5012531328…
    expectClose(await run(HU, row(7), (x) => applyWindow(x, { center: 40, width: 400 })),
      [0, 0, 0.0025062656641604, 0.5012531328320802, 1, 1, 1]);
  });

  it('LINEAR_EXACT and SIGMOID', async () => {
    expectClose(await run(HU, row(7), (x) => applyWindow(x, { center: 40, width: 400, function: 'LINEAR_EXACT' })),
      [0, 0, 0.0025, 0.5, 0.9975, 1, 1]);
    // 1 / (1 + exp(−4 (x − 40) / 400)): at 140 it is 1/(1 + e^−1) = 0.7310585786.
    expectClose(await run([40, 140, -60], row(3), (x) => applyWindow(x, { center: 40, width: 400, function: 'SIGMOID' })),
      [0.5, 0.7310585786300049, 0.2689414213699951]);
  });

  it('a width of 1 is a step at the centre', async () => {
    expectClose(await run([9, 9.5, 9.6, 11], row(4), (x) => applyWindow(x, { center: 10, width: 1 })), [0, 0, 1, 1]);
  });

  it('range window from percentiles, and a flat range', async () => {
    const values = [7, 3, 10, 1, 5, 9, 2, 8, 6, 4];
    // numpy.percentile(values, [25, 90]) = [3.25, 9.1]
    expectClose(await run(values, row(10), (x) => tf.tidy(() => applyRangeWindow(x, percentile(x, 25), percentile(x, 90)))),
      values.map((v) => Math.min(1, Math.max(0, (v - 3.25) / (9.1 - 3.25)))));
    expectClose(await run([5, 5], row(2), (x) => tf.tidy(() => applyRangeWindow(x, percentile(x, 1), percentile(x, 99)))), [0, 0]);
  });
});

describe('percentiles (numpy linear convention)', () => {
  it('matches numpy.percentile at both tails and the middle', async () => {
    const values = [7, 3, 10, 1, 5, 9, 2, 8, 6, 4];
    // numpy: p 0, 0.5, 25, 50, 90, 99.5, 100 → 1, 1.045, 3.25, 5.5, 9.1, 9.955, 10
    const ps = [0, 0.5, 25, 50, 90, 99.5, 100];
    const got = await run(values, row(10), (x) => tf.tidy(() => tf.stack(ps.map((p) => percentile(x, p)))));
    expectClose(got, [1, 1.045, 3.25, 5.5, 9.1, 9.955, 10], 5);
  });
});

describe('normalisation', () => {
  it('z-score of [1, 2, 3, 4] with the population sd', async () => {
    // mean 2.5, sd sqrt(1.25) = 1.1180339887
    expectClose(await run([1, 2, 3, 4], row(4), (x) => zScore(x)),
      [-1.3416407864998738, -0.4472135954999579, 0.4472135954999579, 1.3416407864998738]);
  });

  it('z-score of a flat scan is zeros, and per channel', async () => {
    expectClose(await run([3, 3, 3], row(3), (x) => zScore(x)), [0, 0, 0]);
    // Channel 0: [1, 3] → [−1, 1]; channel 1: [10, 10] → [0, 0].
    expectClose(await run([1, 10, 3, 10], [1, 1, 2, 2], (x) => zScore(x, 'channel')), [-1, 0, 1, 0]);
  });

  it('min-max, flat included', async () => {
    expectClose(await run([-10, 0, 30], row(3), minMax), [0, 0.25, 1]);
    expectClose(await run([2, 2], row(2), minMax), [0, 0]);
  });

  it('percentile clip keeps the units', async () => {
    const values = [7, 3, 10, 1, 5, 9, 2, 8, 6, 4];
    expectClose(await run(values, row(10), (x) => percentileClip(x, 25, 90)), [7, 3.25, 9.1, 3.25, 5, 9, 3.25, 8, 6, 4], 5);
  });
});

describe('photometric and modality LUT', () => {
  it('BT.601 luma and channel repeat', async () => {
    expectClose(await run([255, 0, 0, 0, 255, 0, 10, 20, 30], [1, 1, 3, 3], toGrayscale), [76.245, 149.685, 18.15], 3);
    expectClose(await run([1, 2], row(2), toRgb), [1, 1, 1, 2, 2, 2]);
  });

  it('MONOCHROME1 inversion over the scan range', async () => {
    expectClose(await run([0, 100, 1000], row(3), invertOverRange), [1000, 900, 0]);
  });

  it('rescale for the scan and per frame', async () => {
    expectClose(await run([0, 1000], row(2), (x) => applyRescale(x, [1], [-1024])), [-1024, -24]);
    expectClose(await run([10, 10], [2, 1, 1, 1], (x) => applyRescale(x, [1, 2], [0, -5])), [10, 15]);
  });
});
