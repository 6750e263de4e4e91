/**
 * VOI windows to 0..1, as tensors, following PS3.3 C.11.2.1.2 with yMin = 0 and yMax = 1
 * (the same formulas as src/lib/dicom/pixels/voi.ts, which renders for display).
 * LINEAR: x <= c − 0.5 − (w−1)/2 → 0; x > c − 0.5 + (w−1)/2 → 1;
 *   else (x − (c − 0.5)) / (w − 1) + 0.5. The formula itself reaches 0 and 1 exactly at the
 *   two thresholds, so clamping it to [0, 1] is the piecewise definition.
 * LINEAR_EXACT (C.11.2.1.3.2): clamp((x − c) / w + 0.5, 0, 1).
 * SIGMOID (C.11.2.1.3.1): 1 / (1 + exp(−4 (x − c) / w)).
 */
import * as tf from '@tensorflow/tfjs';
import type { WindowFunction } from '../recipe/types';

export interface WindowParameters {
  center: number;
  width: number;
  function?: WindowFunction;
}

export function applyWindow<T extends tf.Tensor>(x: T, window: WindowParameters): T {
  const c = window.center;
  const w = window.width;
  return tf.tidy(() => {
    switch (window.function ?? 'LINEAR') {
      case 'LINEAR':
        // A width of 1 or less is a step at the centre (C.11.2.1.2.1 divides by w − 1).
        if (w <= 1) return tf.cast(tf.greater(x, c - 0.5), 'float32');
        return tf.clipByValue(tf.add(tf.div(tf.sub(x, c - 0.5), w - 1), 0.5), 0, 1);
      case 'LINEAR_EXACT':
        return tf.clipByValue(tf.add(tf.div(tf.sub(x, c), w), 0.5), 0, 1);
      case 'SIGMOID':
        return tf.sigmoid(tf.mul(tf.sub(x, c), 4 / w));
    }
  }) as T;
}

/**
 * Maps [low, high] (scalar tensors, e.g. percentiles) linearly to [0, 1], clamped. When low
 * equals high the window is a step: x <= low → 0, x > low → 1 (a flat scan is all 0).
 */
export function applyRangeWindow<T extends tf.Tensor>(x: T, low: tf.Scalar, high: tf.Scalar): T {
  return tf.tidy(() => {
    // 1e-30: see TINY in normalise.ts; the division then saturates to the step.
    const range = tf.maximum(tf.sub(high, low), 1e-30);
    return tf.clipByValue(tf.div(tf.sub(x, low), range), 0, 1);
  }) as T;
}
