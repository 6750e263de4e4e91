import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { mulberry32 } from '../../../../src/lib/util/mulberry32';
import { augment } from '../../../../src/lib/ml/train';

beforeAll(async () => { await tf.setBackend('cpu'); });

/** A generator that returns the given values in turn, to pick each draw by hand. */
function scripted(...values: number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length] as number;
}

const grid = (): tf.Tensor4D => tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1]);

function run(x: tf.Tensor, config: Parameters<typeof augment>[1], random: () => number): number[] {
  const out = augment(x, config, random);
  const values = Array.from(out.dataSync());
  expect(out.shape).toEqual(x.shape);
  if (out !== x) out.dispose();
  x.dispose();
  return values;
}

describe('augment', () => {
  it('returns the input itself when nothing is enabled', () => {
    const x = grid();
    expect(augment(x, undefined, Math.random)).toBe(x);
    expect(augment(x, { horizontalFlip: 0, maxRotation: 0 }, Math.random)).toBe(x);
    x.dispose();
  });

  it('flips left–right and up–down, per sample', () => {
    expect(run(grid(), { horizontalFlip: 1 }, scripted(0))).toEqual([3, 2, 1, 6, 5, 4, 9, 8, 7]);
    expect(run(grid(), { verticalFlip: 1 }, scripted(0))).toEqual([7, 8, 9, 4, 5, 6, 1, 2, 3]);
    // Two samples, probability 0.5: draws 0.2 (flip) then 0.7 (keep).
    const two = tf.tensor4d([1, 2, 3, 4, 1, 2, 3, 4], [2, 2, 2, 1]);
    expect(run(two, { horizontalFlip: 0.5 }, scripted(0.2, 0.7))).toEqual([2, 1, 4, 3, 1, 2, 3, 4]);
  });

  it('rotates about the middle pixel', () => {
    // A draw of 1 gives +maxRotation: an exact counter-clockwise quarter turn, nothing lost.
    expect(run(grid(), { maxRotation: Math.PI / 2 }, scripted(1))).toEqual([3, 6, 9, 2, 5, 8, 1, 4, 7]);
    // A draw of 0.5 is no rotation.
    expect(run(grid(), { maxRotation: 0.3 }, scripted(0.5))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('scales and shifts intensities', () => {
    // scale 1 + (2·0.75 − 1)·0.2 = 1.1, shift (2·1 − 1)·0.5 = 0.5
    const values = run(tf.tensor4d([0, 1, 2, 10], [1, 2, 2, 1]), { intensityScale: 0.2, intensityShift: 0.5 }, scripted(0.75, 1));
    [0.5, 1.6, 2.7, 11.5].forEach((v, i) => expect(values[i]).toBeCloseTo(v, 5));
  });

  it('jitters the start frame of each clip, wrapping or repeating the edge', () => {
    // One clip of 4 one-pixel frames 0,1,2,3; draw 1 → shift +2 with temporalJitter 2.
    const clip = (): tf.Tensor => tf.tensor([0, 1, 2, 3], [1, 4, 1, 1, 1]);
    expect(run(clip(), { temporalJitter: 2 }, scripted(0.99))).toEqual([2, 3, 0, 1]);
    expect(run(clip(), { temporalJitter: 2, temporalEdge: 'edge' }, scripted(0.99))).toEqual([2, 3, 3, 3]);
    expect(run(clip(), { temporalJitter: 2, temporalEdge: 'edge' }, scripted(0))).toEqual([0, 0, 0, 1]);
    expect(() => augment(grid(), { temporalJitter: 1 }, Math.random)).toThrow(expect.objectContaining({ name: 'InvalidInputError' }));
  });

  it('flips every frame of a clip alike and keeps the shape of video batches', () => {
    const clips = tf.tensor([1, 2, 3, 4, 5, 6, 7, 8], [2, 2, 1, 2, 1]); // 2 clips × 2 frames × 1×2 pixels
    expect(run(clips, { horizontalFlip: 1 }, scripted(0))).toEqual([2, 1, 4, 3, 6, 5, 8, 7]);
    const x = tf.randomUniform([3, 4, 6, 6, 1], 0, 1, 'float32', 1);
    const config = { horizontalFlip: 0.5, maxRotation: 0.2, intensityScale: 0.1, temporalJitter: 1 };
    expect(run(x, config, mulberry32(3)).length).toBe(3 * 4 * 6 * 6);
  });

  it('repeats for the same generator state and leaks no tensor', () => {
    const x = tf.randomUniform([4, 8, 8, 1], 0, 1, 'float32', 2);
    const config = { horizontalFlip: 0.5, verticalFlip: 0.5, maxRotation: 0.2, intensityScale: 0.1, intensityShift: 0.1 };
    const before = tf.memory().numTensors;
    const a = augment(x, config, mulberry32(9));
    const b = augment(x, config, mulberry32(9));
    const c = augment(x, config, mulberry32(10));
    expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
    expect(Array.from(a.dataSync())).not.toEqual(Array.from(c.dataSync()));
    tf.dispose([a, b, c]);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });

  it('refuses inputs that are not images or clips', () => {
    const flat = tf.zeros([2, 16]);
    expect(() => augment(flat, { horizontalFlip: 1 }, Math.random)).toThrow(expect.objectContaining({ name: 'InvalidInputError' }));
    flat.dispose();
  });
});
