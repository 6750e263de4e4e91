/**
 * Whole-frame selection and blending along axis 0 (time or z) from contiguous slices and
 * scalar arithmetic only. tf.gather and per-frame weight tensors broadcast element by element
 * on the cpu backend (about 1–2 µs per value, minutes for a clip), while a slice of whole frames
 * is a view there and scalar ops take the fast path; on GPU backends both ways are cheap.
 */
import * as tf from '@tensorflow/tfjs';
import type { AxisSamples } from './linear-axis';

/** Frame `index` of x, as a [1, …] tensor (a view on the cpu backend). */
export function frameOf(x: tf.Tensor4D, index: number): tf.Tensor4D {
  return tf.slice(x, [index, 0, 0, 0], [1, -1, -1, -1]);
}

/** Frames at `indices`, runs of consecutive indices taken as one slice. */
export function framesAt(x: tf.Tensor4D, indices: readonly number[]): tf.Tensor4D {
  return tf.tidy(() => {
    const parts: tf.Tensor4D[] = [];
    let start = 0;
    for (let i = 1; i <= indices.length; i++) {
      if (i < indices.length && indices[i] === indices[i - 1]! + 1) continue;
      parts.push(tf.slice(x, [indices[start]!, 0, 0, 0], [i - start, -1, -1, -1]));
      start = i;
    }
    return parts.length === 1 ? tf.clone(parts[0]!) : tf.concat(parts, 0);
  });
}

/** Output frame k = (1 − w_k) · frame below_k + w_k · frame above_k. */
export function blendFrames(x: tf.Tensor4D, samples: AxisSamples): tf.Tensor4D {
  if (samples.weights.every((w) => w === 0)) return framesAt(x, samples.below);
  return tf.tidy(() => {
    const frames = samples.weights.map((w, k) => {
      const below = frameOf(x, samples.below[k]!);
      if (w === 0) return below;
      return tf.add(tf.mul(below, 1 - w), tf.mul(frameOf(x, samples.above[k]!), w)) as tf.Tensor4D;
    });
    return tf.concat(frames, 0);
  });
}
