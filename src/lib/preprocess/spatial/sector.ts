/**
 * Where the ultrasound sector is: from the header's regions when it has them, else from the
 * pixels. Outside the fan a scanner writes exact zeros, but text, calipers and the ECG trace
 * are non-zero too; they are static, so "changing" (differs between consecutive frames in at
 * least minFraction of the frame pairs) leaves them out where "non-zero" cannot.
 */
import * as tf from '@tensorflow/tfjs';
import type { PixelBox, ScanRegion } from '../run/scan-input';
import { clampBox, unionBox } from './boxes';

const TWO_D = 1;

/** The union of the 2D (B-mode) regions, or of all regions when none says 2D. */
export function sectorBoxFromRegions(regions: readonly ScanRegion[], rows: number, columns: number): PixelBox | undefined {
  const twoD = regions.filter((r) => r.spatialFormat === TWO_D);
  const union = unionBox(twoD.length > 0 ? twoD : regions);
  return union && clampBox(union, rows, columns);
}

/** 1 where a pixel belongs to the sector, [rows, columns]. */
export function sectorMask(x: tf.Tensor4D, pixels: 'non-zero' | 'changing', minFraction: number): tf.Tensor2D {
  return tf.tidy(() => {
    const frames = x.shape[0];
    const active = pixels === 'non-zero'
      ? tf.any(tf.notEqual(x, 0), 3)
      : tf.any(tf.notEqual(tf.slice(x, [1, 0, 0, 0], [frames - 1, -1, -1, -1]), tf.slice(x, [0, 0, 0, 0], [frames - 1, -1, -1, -1])), 3);
    // Summing whole-frame slices, not tf.mean over axis 0, which transposes value by value on cpu.
    const counts = tf.cast(active, 'float32');
    const count = counts.shape[0];
    const perFrame = Array.from({ length: count }, (_, i) => tf.reshape(tf.slice(counts, [i, 0, 0], [1, -1, -1]), counts.shape.slice(1)));
    const fraction = tf.div(count === 1 ? perFrame[0]! : tf.addN(perFrame), count);
    // A small tolerance so that 0.5 of 4 frames means "2 of 4" despite float rounding.
    return tf.cast(tf.greaterEqual(fraction, minFraction - 1e-6), 'float32') as tf.Tensor2D;
  });
}

/** Bounding box of the ones of a [rows, columns] mask; undefined when it has none. */
export async function boxOfMask(mask: tf.Tensor2D): Promise<PixelBox | undefined> {
  const [byRow, byColumn] = tf.tidy(() => [tf.max(mask, 1), tf.max(mask, 0)]);
  const [rowsHit, columnsHit] = await Promise.all([byRow!.data(), byColumn!.data()]);
  byRow!.dispose();
  byColumn!.dispose();
  const first = (a: ArrayLike<number>): number => Array.prototype.findIndex.call(a, (v: number) => v > 0);
  const last = (a: ArrayLike<number>): number => {
    for (let i = a.length - 1; i >= 0; i--) if (a[i]! > 0) return i;
    return -1;
  };
  const y0 = first(rowsHit);
  if (y0 < 0) return undefined;
  return { x0: first(columnsHit), y0, x1: last(columnsHit), y1: last(rowsHit) };
}
