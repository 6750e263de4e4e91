/**
 * Resampling along one axis of a tensor at fractional source indices: the shared kernel of
 * frame-rate resampling (axis 0 = time), slice resampling (axis 0 = z) and in-plane spacing
 * (axes 1 and 2). Positions outside [0, size − 1] take the edge value.
 */
import * as tf from '@tensorflow/tfjs';
import { blendFrames } from './frames';

export type AxisInterpolation = 'linear' | 'nearest';

export interface AxisSamples {
  below: number[];
  above: number[];
  /** Weight of `above` in each output sample (0 for nearest). */
  weights: number[];
}

/** Nearest picks the earlier sample on an exact tie, so a result never looks ahead in time. */
export function axisSamples(positions: readonly number[], size: number, interpolation: AxisInterpolation): AxisSamples {
  const below: number[] = [];
  const above: number[] = [];
  const weights: number[] = [];
  for (const raw of positions) {
    const p = Math.min(size - 1, Math.max(0, raw));
    if (interpolation === 'nearest') {
      const i = Math.min(size - 1, Math.max(0, Math.ceil(p - 0.5 - 1e-9)));
      below.push(i);
      above.push(i);
      weights.push(0);
      continue;
    }
    const i = Math.floor(p + 1e-9);
    const w = p - i;
    below.push(Math.min(i, size - 1));
    above.push(Math.min(i + 1, size - 1));
    weights.push(w < 1e-9 ? 0 : w);
  }
  return { below, above, weights };
}

export function resampleAxis<T extends tf.Tensor>(x: T, axis: number, samples: AxisSamples): T {
  return tf.tidy(() => {
    const size = x.shape[axis]!;
    const identity = samples.below.length === size && samples.below.every((b, i) => b === i) && samples.weights.every((w) => w === 0);
    if (identity) return tf.clone(x);
    if (axis === 0 && x.rank === 4) return blendFrames(x as unknown as tf.Tensor4D, samples);
    const low = tf.gather(x, tf.tensor1d(samples.below, 'int32'), axis);
    if (samples.weights.every((w) => w === 0)) return low;
    const high = tf.gather(x, tf.tensor1d(samples.above, 'int32'), axis);
    const shape = x.shape.map((_, i) => (i === axis ? samples.weights.length : 1));
    const w = tf.reshape(tf.tensor1d(samples.weights), shape);
    return tf.add(low, tf.mul(tf.sub(high, low), w));
  }) as T;
}

/**
 * Fractional indices of `targets` among ascending `coordinates` (times or positions): the
 * bracketing pair and the fraction between them; outside the range, the end index.
 */
export function fractionalIndices(coordinates: readonly number[], targets: readonly number[]): number[] {
  const last = coordinates.length - 1;
  let i = 0;
  return targets.map((t) => {
    if (t <= coordinates[0]!) return 0;
    if (t >= coordinates[last]!) return last;
    // Targets usually ascend, so the search resumes where the last one stopped.
    if (t < coordinates[i]!) i = 0;
    while (i < last - 1 && coordinates[i + 1]! <= t) i++;
    return i + (t - coordinates[i]!) / (coordinates[i + 1]! - coordinates[i]!);
  });
}
