/**
 * Training-time augmentation of image batches [b, h, w, c] and video or volume batches
 * [b, t, h, w, c]. Every random choice is drawn per sample from the generator it is given, in a
 * fixed order, so the same generator state gives the same batch; the frames of one clip share
 * their flip, rotation and intensity change, so the motion within a clip stays intact.
 */
import * as tf from '@tensorflow/tfjs';
import { EnclaveError } from '../../jobs';
import type { AugmentationConfig } from './types';

interface SampleDraw {
  horizontalFlip: boolean;
  verticalFlip: boolean;
  rotation: number;
  scale: number;
  shift: number;
  frameShift: number;
}

function symmetric(random: () => number, half: number): number {
  return (2 * random() - 1) * half;
}

export function isAugmentationEnabled(config: AugmentationConfig | undefined): boolean {
  if (!config) return false;
  return (config.horizontalFlip ?? 0) > 0 || (config.verticalFlip ?? 0) > 0 || (config.maxRotation ?? 0) > 0
    || (config.intensityScale ?? 0) > 0 || (config.intensityShift ?? 0) > 0 || (config.temporalJitter ?? 0) > 0;
}

function drawSample(config: AugmentationConfig, random: () => number): SampleDraw {
  const jitter = Math.floor(config.temporalJitter ?? 0);
  return {
    horizontalFlip: (config.horizontalFlip ?? 0) > 0 && random() < (config.horizontalFlip ?? 0),
    verticalFlip: (config.verticalFlip ?? 0) > 0 && random() < (config.verticalFlip ?? 0),
    rotation: (config.maxRotation ?? 0) > 0 ? symmetric(random, config.maxRotation ?? 0) : 0,
    scale: (config.intensityScale ?? 0) > 0 ? 1 + symmetric(random, config.intensityScale ?? 0) : 1,
    shift: (config.intensityShift ?? 0) > 0 ? symmetric(random, config.intensityShift ?? 0) : 0,
    frameShift: jitter > 0 ? Math.floor(random() * (2 * jitter + 1)) - jitter : 0,
  };
}

/** Per-sample choice between two tensors of the same shape: `when[i] ? a[i] : b[i]`. */
function choose(when: boolean[], a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const mask = tf.tensor(when, [when.length, ...new Array<number>(a.rank - 1).fill(1)], 'bool');
  return tf.where(mask, a, b);
}

/** Shifts each clip's frames by its own offset: frame j takes frame j + shift (wrapped or clamped). */
function shiftFrames(x: tf.Tensor, shifts: number[], edge: 'wrap' | 'edge'): tf.Tensor {
  const [b, t] = x.shape as [number, number];
  const indices: number[] = [];
  for (let i = 0; i < b; i++) {
    for (let j = 0; j < t; j++) {
      const source = j + (shifts[i] as number);
      const inside = edge === 'wrap' ? ((source % t) + t) % t : Math.min(t - 1, Math.max(0, source));
      indices.push(i * t + inside);
    }
  }
  const frames = x.reshape([b * t, ...x.shape.slice(2)]);
  return tf.gather(frames, tf.tensor1d(indices, 'int32')).reshape(x.shape);
}

/** Rotates each sample (all frames of a clip alike) about its pixel centre; corners fill with 0. */
function rotate(x: tf.Tensor, angles: number[]): tf.Tensor {
  const [h, w, c] = x.shape.slice(-3) as [number, number, number];
  // rotateWithOffset's centre is a fraction of the size; (n − 1) / 2n puts it on the middle pixel.
  const centre: [number, number] = [(w - 1) / (2 * w), (h - 1) / (2 * h)];
  const samples = tf.unstack(x, 0).map((sample, i) => {
    const angle = angles[i] as number;
    if (angle === 0) return sample;
    const frames = sample.reshape([-1, h, w, c]) as tf.Tensor4D;
    return tf.image.rotateWithOffset(frames, angle, 0, centre).reshape(sample.shape);
  });
  return tf.stack(samples, 0);
}

/**
 * Returns a new tensor (the caller disposes both), or `x` itself when nothing is enabled.
 * Rotation needs at least 4 dimensions; temporal jitter needs 5.
 */
export function augment(x: tf.Tensor, config: AugmentationConfig | undefined, random: () => number): tf.Tensor {
  if (!config || !isAugmentationEnabled(config)) return x;
  if (x.rank !== 4 && x.rank !== 5) {
    throw new EnclaveError('InvalidInputError', `Augmentation works on images [b, h, w, c] or clips [b, t, h, w, c], not on inputs of shape [${x.shape}]; turn it off for this model.`);
  }
  if ((config.temporalJitter ?? 0) > 0 && x.rank !== 5) {
    throw new EnclaveError('InvalidInputError', 'Temporal jitter needs clips [b, t, h, w, c]; turn it off for still images.');
  }
  const draws = Array.from({ length: x.shape[0] ?? 0 }, () => drawSample(config, random));
  return tf.tidy(() => {
    let out = x;
    if (draws.some((d) => d.frameShift !== 0)) out = shiftFrames(out, draws.map((d) => d.frameShift), config.temporalEdge ?? 'wrap');
    if (draws.some((d) => d.horizontalFlip)) out = choose(draws.map((d) => d.horizontalFlip), tf.reverse(out, out.rank - 2), out);
    if (draws.some((d) => d.verticalFlip)) out = choose(draws.map((d) => d.verticalFlip), tf.reverse(out, out.rank - 3), out);
    if (draws.some((d) => d.rotation !== 0)) out = rotate(out, draws.map((d) => d.rotation));
    if (draws.some((d) => d.scale !== 1 || d.shift !== 0)) {
      const perSample = [draws.length, ...new Array<number>(out.rank - 1).fill(1)];
      out = tf.add(tf.mul(out, tf.tensor(draws.map((d) => d.scale), perSample)), tf.tensor(draws.map((d) => d.shift), perSample));
    }
    return out === x ? tf.clone(x) : out;
  });
}
