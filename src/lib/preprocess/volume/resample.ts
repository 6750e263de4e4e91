/**
 * Volume geometry: resampling to a target spacing and to a fixed number of slices.
 *
 * Spacing is kept exact and the size adjusts: along an axis of n samples at spacing s, the
 * output has max(1, round(n · s / target)) samples at exactly `target`, starting at the first
 * sample's centre (so the first slice's position, DICOM's ImagePositionPatient, is unchanged,
 * as in SimpleITK's resampling). Samples past the last input centre take the edge value.
 * Along z the real slice positions are used, so unevenly spaced slices land where they are.
 */
import * as tf from '@tensorflow/tfjs';
import { axisSamples, fractionalIndices, resampleAxis, type AxisInterpolation } from './linear-axis';

export interface AxisPlan {
  /** Fractional input index of each output sample. */
  positions: number[];
  spacing: number;
}

/** In-plane axis of `size` pixels at `spacing` mm, to `target` mm. */
export function spacingPlan(size: number, spacing: number, target: number): AxisPlan {
  const count = Math.max(1, Math.round((size * spacing) / target));
  return { positions: Array.from({ length: count }, (_, k) => (k * target) / spacing), spacing: target };
}

/** Slices at ascending `positionsMm`, to `target` mm from the first slice. */
export function slicePlan(positionsMm: readonly number[], target: number): AxisPlan & { positionsMm: number[] } {
  const n = positionsMm.length;
  const first = positionsMm[0]!;
  const meanSpacing = n > 1 ? (positionsMm[n - 1]! - first) / (n - 1) : target;
  const count = Math.max(1, Math.round((n * meanSpacing) / target));
  const targets = Array.from({ length: count }, (_, k) => first + k * target);
  return { positions: fractionalIndices(positionsMm, targets), spacing: target, positionsMm: targets };
}

/** `count` slices from the first to the last (one slice: the middle). */
export function fixedSlicePlan(positionsMm: readonly number[], count: number): AxisPlan & { positionsMm: number[] } {
  const n = positionsMm.length;
  const positions = count === 1 ? [(n - 1) / 2] : Array.from({ length: count }, (_, j) => (j * (n - 1)) / (count - 1));
  const at = (p: number): number => {
    const i = Math.min(n - 1, Math.floor(p));
    const next = Math.min(n - 1, i + 1);
    return positionsMm[i]! + (positionsMm[next]! - positionsMm[i]!) * (p - i);
  };
  const sliceMm = positions.map(at);
  const spacing = count > 1 ? (sliceMm[count - 1]! - sliceMm[0]!) / (count - 1) : 0;
  return { positions, spacing, positionsMm: sliceMm };
}

/** Separable resampling of [slices, rows, columns, channels]: z, then y, then x. */
export function resampleVolume(
  x: tf.Tensor4D,
  plans: [AxisPlan | undefined, AxisPlan | undefined, AxisPlan | undefined],
  interpolation: AxisInterpolation,
): tf.Tensor4D {
  return tf.tidy(() => {
    let out = x;
    plans.forEach((plan, axis) => {
      if (plan) out = resampleAxis(out, axis, axisSamples(plan.positions, out.shape[axis]!, interpolation));
    });
    return out === x ? tf.clone(x) : out;
  });
}
