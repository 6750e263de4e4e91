/**
 * Per-scan intensity normalisations. Statistics run over the whole scan (every frame or slice)
 * so that frames of one clip keep their relative brightness. Statistics are scalars ([] shape)
 * so the big tensor only meets scalar operands: the cpu backend broadcasts anything else value
 * by value. A zero range or sd needs no special case: x − min (or x − mean) is then 0
 * everywhere, and dividing 0 by a tiny positive number keeps it 0.
 */
import * as tf from '@tensorflow/tfjs';
import { percentile } from './percentile';

/** (x − min) / (max − min) over the scan; a flat scan becomes all zeros. */
export function minMax(x: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => {
    const min = tf.min(x);
    return tf.div(tf.sub(x, min), tf.maximum(tf.sub(tf.max(x), min), TINY));
  });
}

/** Smaller than any range or sd worth keeping, larger than float32's smallest normal. */
export const TINY = 1e-30;

/** Mean and population sd over every value, as scalars. */
export function scanMoments(x: tf.Tensor): { mean: tf.Scalar; sd: tf.Scalar } {
  return tf.tidy(() => {
    const n = x.size;
    const mean = tf.div(tf.sum(x), n) as tf.Scalar;
    const centred = tf.sub(x, mean);
    const sd = tf.sqrt(tf.div(tf.sum(tf.mul(centred, centred)), n)) as tf.Scalar;
    return { mean, sd };
  });
}

/**
 * (x − mean) / sd with the population sd (divide by n), over the scan or over each channel.
 * A flat scan (sd 0) becomes x − mean, all zeros, instead of NaN.
 */
export function zScore(x: tf.Tensor4D, per: 'scan' | 'channel' = 'scan'): tf.Tensor4D {
  return tf.tidy(() => {
    if (per === 'scan' || x.shape[3] === 1) {
      const { mean, sd } = scanMoments(x);
      return tf.div(tf.sub(x, mean), tf.maximum(sd, TINY));
    }
    const { mean, variance } = tf.moments(x, [0, 1, 2], true);
    return tf.div(tf.sub(x, mean), tf.maximum(tf.sqrt(variance), TINY));
  });
}

/** Clamps to the scan's low and high percentiles; the values keep their units. */
export function percentileClip(x: tf.Tensor4D, low: number, high: number): tf.Tensor4D {
  return tf.tidy(() => tf.minimum(tf.maximum(x, percentile(x, low)), percentile(x, high)));
}
