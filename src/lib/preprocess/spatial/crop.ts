/**
 * Cropping frames to a box, and the centre crop (which pads an image smaller than the crop).
 */
import * as tf from '@tensorflow/tfjs';
import type { PixelBox } from '../run/scan-input';
import { padFrames } from './resize';

/**
 * Keeps the pixels of `box` (inclusive ends), which must lie inside the frames. A crop that
 * keeps whole rows is a slice (a view on the cpu backend); any other is cropAndResize with
 * nearest sampling at the box's own size, which lands on whole pixels (every coordinate is an
 * integer up to float rounding) and so copies them exactly. tf.slice would do the same, but
 * the cpu backend reads a strided slice value by value, about 40× slower.
 */
export function cropFrames(x: tf.Tensor4D, box: PixelBox): tf.Tensor4D {
  const [frames, rows, columns] = x.shape;
  const height = box.y1 - box.y0 + 1;
  const width = box.x1 - box.x0 + 1;
  if (width === columns && (frames === 1 || height === rows)) return tf.slice(x, [0, box.y0, 0, 0], [-1, height, -1, -1]);
  return tf.tidy(() => {
    const norm = (v: number, size: number): number => (size > 1 ? v / (size - 1) : 0);
    const boxes = tf.tensor2d(
      Array.from({ length: frames }, () => [norm(box.y0, rows), norm(box.x0, columns), norm(box.y1, rows), norm(box.x1, columns)]),
      [frames, 4],
    );
    const frameIndices = tf.tensor1d(Array.from({ length: frames }, (_, i) => i), 'int32');
    return tf.image.cropAndResize(x, boxes, frameIndices, [height, width], 'nearest');
  });
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
