/**
 * Percentiles of a whole scan as scalar tensors, so a window or clip built on them stays on
 * the GPU with no read-back. The convention is numpy's default ('linear', type 7 of Hyndman
 * and Fan): position p/100 · (n − 1) in the sorted values, interpolated between its neighbours.
 * Only the tail that holds the position is sorted (tf.topk of the smallest or largest k
 * values), which for the usual 0.5–99.5 % is a small part of a volume.
 */
import * as tf from '@tensorflow/tfjs';

export function percentile(x: tf.Tensor, p: number): tf.Scalar {
  return tf.tidy(() => {
    const flat = tf.reshape(x, [-1]);
    const n = flat.shape[0]!;
    const position = (p / 100) * (n - 1);
    const below = Math.floor(position);
    const above = Math.min(n - 1, below + 1);
    const fraction = position - below;
    // Ascending rank r is the (r+1)-th smallest: the smallest k come from topk of −x.
    const fromLow = position <= (n - 1) / 2;
    const k = fromLow ? above + 1 : n - below;
    const { values } = tf.topk(fromLow ? tf.neg(flat) : flat, k, true);
    const atRank = (rank: number): tf.Tensor =>
      fromLow ? tf.neg(tf.slice(values, [rank], [1])) : tf.slice(values, [n - 1 - rank], [1]);
    const a = atRank(below);
    const value = fraction === 0 ? a : tf.add(a, tf.mul(tf.sub(atRank(above), a), fraction));
    return tf.reshape(value, []) as tf.Scalar;
  });
}
