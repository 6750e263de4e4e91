/**
 * Cropping frames to a box, and the centre crop (which pads an image smaller than the crop).
 */
import * as tf from '@tensorflow/tfjs';
import type { PixelBox } from '../run/scan-input';
import { padFrames } from './resize';

/** Keeps the pixels of `box` (inclusive ends), which must lie inside the frames. */
export function cropFrames(x: tf.Tensor4D, box: PixelBox): tf.Tensor4D {
  return tf.slice(x, [0, box.y0, box.x0, 0], [-1, box.y1 - box.y0 + 1, box.x1 - box.x0 + 1, -1]);
}

export interface CentreCropGeometry {
  /** The part of the input kept (inclusive ends). */
  box: PixelBox;
  /** Padding added when the input is smaller than the crop (odd pixel bottom and right). */
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export function centreCropGeometry(rows: number, columns: number, height: number, width: number): CentreCropGeometry {
  const axis = (size: number, target: number): { start: number; kept: number; before: number; after: number } => {
    if (size >= target) return { start: Math.floor((size - target) / 2), kept: target, before: 0, after: 0 };
    const before = Math.floor((target - size) / 2);
    return { start: 0, kept: size, before, after: target - size - before };
  };
  const y = axis(rows, height);
  const x = axis(columns, width);
  return {
    box: { x0: x.start, y0: y.start, x1: x.start + x.kept - 1, y1: y.start + y.kept - 1 },
    top: y.before, bottom: y.after, left: x.before, right: x.after,
  };
}

export function centreCrop(x: tf.Tensor4D, geometry: CentreCropGeometry, padValue = 0): tf.Tensor4D {
  return tf.tidy(() => padFrames(cropFrames(x, geometry.box), geometry, padValue));
}
