/**
 * Per-scan intensity normalisations. Statistics run over the whole scan (every frame or slice)
 * so that frames of one clip keep their relative brightness.
 */
import * as tf from '@tensorflow/tfjs';
import { percentile } from './percentile';

/** (x − min) / (max − min) over the scan; a flat scan becomes all zeros. */
export function minMax(x: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => {
    const min = tf.min(x);
    const range = tf.sub(tf.max(x), min);
    const positive = tf.greater(range, 0);
    const scaled = tf.div(tf.sub(x, min), tf.where(positive, range, tf.onesLike(range)));
    return tf.where(positive, scaled, tf.zerosLike(x));
  }) as tf.Tensor4D;
}

/**
 * (x − mean) / sd with the population sd (divide by n), over the scan or over each channel.
 * A flat scan (sd 0) becomes x − mean, all zeros, instead of NaN.
 */
export function zScore(x: tf.Tensor4D, per: 'scan' | 'channel' = 'scan'): tf.Tensor4D {
  return tf.tidy(() => {
    const axes = per === 'scan' ? [0, 1, 2, 3] : [0, 1, 2];
    const { mean, variance } = tf.moments(x, axes, true);
    const sd = tf.sqrt(variance);
    const safe = tf.where(tf.greater(sd, 0), sd, tf.onesLike(sd));
    return tf.div(tf.sub(x, mean), safe);
  });
}

/** Clamps to the scan's low and high percentiles; the values keep their units. */
export function percentileClip(x: tf.Tensor4D, low: number, high: number): tf.Tensor4D {
  return tf.tidy(() => tf.minimum(tf.maximum(x, percentile(x, low)), percentile(x, high)));
}
