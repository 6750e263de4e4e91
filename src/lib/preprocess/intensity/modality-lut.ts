/**
 * The Modality LUT as rescale slope and intercept (PS3.3 C.11.1): stored values to modality
 * values, e.g. HU for CT.
 */
import * as tf from '@tensorflow/tfjs';

/** x · slope + intercept, one pair for the scan or one per frame. */
export function applyRescale(x: tf.Tensor4D, slopes: readonly number[], intercepts: readonly number[]): tf.Tensor4D {
  return tf.tidy(() => {
    const perFrame = (values: readonly number[]): tf.Tensor =>
      values.length === 1 ? tf.scalar(values[0]!) : tf.tensor4d([...values], [values.length, 1, 1, 1]);
    return tf.add(tf.mul(x, perFrame(slopes)), perFrame(intercepts));
  });
}
