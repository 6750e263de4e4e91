/**
 * The Modality LUT as rescale slope and intercept (PS3.3 C.11.1): stored values to modality
 * values, e.g. HU for CT.
 */
import * as tf from '@tensorflow/tfjs';
import { frameOf } from '../volume/frames';

/**
 * x · slope + intercept, one pair for the scan or one per frame. Per-frame values go frame by
 * frame with scalars (see volume/frames.ts for why not a broadcast).
 */
export function applyRescale(x: tf.Tensor4D, slopes: readonly number[], intercepts: readonly number[]): tf.Tensor4D {
  return tf.tidy(() => {
    const same = slopes.every((s) => s === slopes[0]) && intercepts.every((b) => b === intercepts[0]);
    if (same) return tf.add(tf.mul(x, slopes[0]!), intercepts[0]!);
    return tf.concat(slopes.map((slope, i) => tf.add(tf.mul(frameOf(x, i), slope), intercepts[i]!)), 0);
  }) as tf.Tensor4D;
}
