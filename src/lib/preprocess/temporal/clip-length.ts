/**
 * A fixed clip length. Deterministic on purpose (no random start), so that a dataset built
 * twice, or a scan at inference time, gets the same frames.
 *   sample: N evenly spaced frames from the first to the last, index round(j · (M − 1) / (N − 1))
 *           (one frame: the middle one); a short clip repeats frames.
 *   loop:   frames 0, 1, …, wrapping to the start (j mod M); a long clip keeps its first N.
 *   pad:    the first N frames; past the end, zeros or the last frame again.
 */
import * as tf from '@tensorflow/tfjs';
import { framesAt } from '../volume/frames';

/** -1 stands for a frame of zeros. */
export function clipIndices(sourceFrames: number, frames: number, mode: 'sample' | 'loop' | 'pad', padWith: 'zeros' | 'last' = 'zeros'): number[] {
  const m = sourceFrames;
  return Array.from({ length: frames }, (_, j) => {
    switch (mode) {
      case 'sample':
        return frames === 1 ? Math.floor((m - 1) / 2) : Math.round((j * (m - 1)) / (frames - 1));
      case 'loop':
        return j % m;
      case 'pad':
        return j < m ? j : padWith === 'last' ? m - 1 : -1;
    }
  });
}

export function selectFrames(x: tf.Tensor4D, indices: readonly number[]): tf.Tensor4D {
  return tf.tidy(() => {
    const kept = indices.filter((i) => i >= 0);
    const zeros = indices.length - kept.length;
    // Zero frames only ever come at the end (pad mode), so gather then append them.
    const gathered = kept.length > 0 ? framesAt(x, kept) : undefined;
    if (zeros === 0) return gathered!;
    const blank = tf.zeros([zeros, x.shape[1], x.shape[2], x.shape[3]]) as tf.Tensor4D;
    return gathered ? tf.concat([gathered, blank], 0) : blank;
  });
}
