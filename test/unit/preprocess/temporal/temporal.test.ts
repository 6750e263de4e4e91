import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { frameRatePlan, frameTimes } from '../../../../src/lib/preprocess/temporal/frame-rate';
import { clipIndices, selectFrames } from '../../../../src/lib/preprocess/temporal/clip-length';
import { axisSamples, resampleAxis } from '../../../../src/lib/preprocess/volume/linear-axis';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function expectClose(actual: number[], expected: number[], digits = 6): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((v, i) => expect(v, `index ${i}`).toBeCloseTo(expected[i]!, digits));
}

/** One-pixel cine; returns each output frame's value. */
async function resampleCine(values: number[], timesMs: number[], fps: number, interpolation: 'linear' | 'nearest'): Promise<number[]> {
  const before = tf.memory().numTensors;
  const plan = frameRatePlan(timesMs, fps);
  const x = tf.tensor4d(values, [values.length, 1, 1, 1]);
  const y = resampleAxis(x, 0, axisSamples(plan.positions, values.length, interpolation));
  const out = Array.from(await y.data());
  x.dispose();
  y.dispose();
  expect(tf.memory().numTensors).toBe(before);
  return out;
}

// 20 frames at 30 fps of a sine whose period is 10 frames (1/3 s): frame i = sin(2π i / 10).
const SINE = Array.from({ length: 20 }, (_, i) => Math.sin((2 * Math.PI * i) / 10));
const TIMES_30 = frameTimes(20, undefined, 30)!;
const S1 = 0.5877852522924731; // sin(π/5)
const S2 = 0.9510565162951535; // sin(2π/5)

describe('frame-rate resampling from real frame times', () => {
  it('30 → 15 fps keeps every other frame: the period becomes 5 frames', async () => {
    // Last frame at 633.3 ms; targets 0, 66.7, …, 600 ms: 10 frames at source positions 0, 2, …, 18.
    expectClose(await resampleCine(SINE, TIMES_30, 15, 'linear'), [0, S2, S1, -S1, -S2, 0, S2, S1, -S1, -S2]);
  });

  it('30 → 60 fps: linear gives midpoints, nearest repeats the earlier frame', async () => {
    const linear = await resampleCine(SINE, TIMES_30, 60, 'linear');
    expect(linear).toHaveLength(39); // 0 … 633.3 ms every 16.7 ms
    expectClose(linear.slice(0, 7), [0, S1 / 2, S1, (S1 + S2) / 2, S2, (S2 + S2) / 2, S2]);
    // Still periodic: 20 output frames per period.
    expectClose(linear.slice(20, 27), linear.slice(0, 7));
    const nearest = await resampleCine(SINE, TIMES_30, 60, 'nearest');
    expectClose(nearest.slice(0, 7), [0, 0, S1, S1, S2, S2, S2]);
  });

  it('uses uneven frame times, not a nominal rate', async () => {
    // Value equals time/10 at uneven times; linear interpolation in time recovers t/10 exactly.
    expectClose(await resampleCine([0, 3, 7, 10], [0, 30, 70, 100], 50, 'linear'), [0, 2, 4, 6, 8, 10], 5);
  });

  it('frame times come from the vector, else the rate, else nothing', () => {
    expect(frameTimes(3, [100, 133, 166], 99)).toEqual([0, 33, 66]);
    expect(frameTimes(3, undefined, 20)).toEqual([0, 50, 100]);
    expect(frameTimes(3, undefined, undefined)).toBeUndefined();
  });
});

describe('clip length', () => {
  it('sample, loop and pad from 5 frames to 8', () => {
    expect(clipIndices(5, 8, 'sample')).toEqual([0, 1, 1, 2, 2, 3, 3, 4]);
    expect(clipIndices(5, 8, 'loop')).toEqual([0, 1, 2, 3, 4, 0, 1, 2]);
    expect(clipIndices(5, 8, 'pad')).toEqual([0, 1, 2, 3, 4, -1, -1, -1]);
    expect(clipIndices(5, 8, 'pad', 'last')).toEqual([0, 1, 2, 3, 4, 4, 4, 4]);
  });

  it('from 5 frames to 3, and to 1', () => {
    expect(clipIndices(5, 3, 'sample')).toEqual([0, 2, 4]);
    expect(clipIndices(5, 3, 'loop')).toEqual([0, 1, 2]);
    expect(clipIndices(5, 3, 'pad')).toEqual([0, 1, 2]);
    expect(clipIndices(5, 1, 'sample')).toEqual([2]);
  });

  it('selects frames and appends zero frames', async () => {
    const x = tf.tensor4d([1, 2, 3, 4, 5, 6], [3, 1, 2, 1]);
    const y = selectFrames(x, [2, 0, -1]);
    expect(y.shape).toEqual([3, 1, 2, 1]);
    expect(Array.from(await y.data())).toEqual([5, 6, 1, 2, 0, 0]);
    x.dispose();
    y.dispose();
  });
});
