/**
 * Channel conversions on [frames, rows, columns, channels] tensors.
 */
import * as tf from '@tensorflow/tfjs';

/** ITU-R BT.601 luma, the weights DICOM's YBR_FULL and most image libraries use. */
export const BT601_LUMA = [0.299, 0.587, 0.114] as const;

/** A matrix product ([pixels, 3] × [3, 1]), which every backend runs fast, unlike a broadcast. */
export function toGrayscale(x: tf.Tensor4D): tf.Tensor4D {
  if (x.shape[3] === 1) return tf.clone(x);
  const [frames, rows, columns] = x.shape;
  return tf.tidy(() => tf.reshape(tf.matMul(tf.reshape(x, [-1, 3]), tf.tensor2d([...BT601_LUMA], [3, 1])), [frames, rows, columns, 1]));
}

export function toRgb(x: tf.Tensor4D): tf.Tensor4D {
  if (x.shape[3] === 3) return tf.clone(x);
  return tf.tile(x, [1, 1, 1, 3]);
}

/**
 * MONOCHROME1 (high values dark) to MONOCHROME2 sense over the scan's own range: min + max − x,
 * so the darkest and brightest values swap and the range stays the same.
 */
export function invertOverRange(x: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => tf.sub(tf.add(tf.min(x), tf.max(x)), x));
}

/** MONOCHROME1 inversion of an output already windowed to 0..1. */
export function invertUnit<T extends tf.Tensor>(x: T): T {
  return tf.tidy(() => tf.sub(1, x)) as T;
}

