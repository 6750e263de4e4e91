import type { AttributeReader } from '../attributes';
import type { SliceSpacing } from './types';

/** Geometry of slices: where an image plane is and how far apart a series' planes lie. */

export type Vec3 = [number, number, number];

/**
 * Direction cosines are DS text rounded by the writer, often to 4–6 digits; 1e-3 per cosine
 * (about 0.06°) accepts that rounding and still tells real obliques apart.
 */
export const ORIENTATION_TOLERANCE = 1e-3;
/** Gaps closer than this (mm) are one position: the same slice again (echoes, time points). */
export const SAME_POSITION_MM = 1e-3;
/**
 * Gaps count as uniform within max(0.01 mm, 0.5 % of the mean gap): positions are DS text
 * (16 characters), so 1000 mm table positions carry about 1e-4 mm of rounding, while a missing
 * slice changes one gap by 100 %.
 */
export const SPACING_TOLERANCE = { absoluteMm: 0.01, relative: 0.005 } as const;

/**
 * ImageOrientationPatient of a classic image, else of an enhanced multi-frame image (Plane
 * Orientation in the shared, then the first per-frame functional group).
 */
export function orientationOf(reader: AttributeReader): number[] | undefined {
  return sixOrThree(reader.numbers('ImageOrientationPatient'), 6)
    ?? sixOrThree(functionalGroupNumbers(reader, 'PlaneOrientationSequence', 'ImageOrientationPatient'), 6);
}

/** ImagePositionPatient, with the same enhanced fallback. */
export function positionOf(reader: AttributeReader): Vec3 | undefined {
  const v = sixOrThree(reader.numbers('ImagePositionPatient'), 3)
    ?? sixOrThree(functionalGroupNumbers(reader, 'PlanePositionSequence', 'ImagePositionPatient'), 3);
  return v ? [v[0] as number, v[1] as number, v[2] as number] : undefined;
}

function functionalGroupNumbers(reader: AttributeReader, macro: string, keyword: string): number[] {
  for (const group of ['SharedFunctionalGroupsSequence', 'PerFrameFunctionalGroupsSequence']) {
    const item = reader.sequence(group)[0]?.sequence(macro)[0];
    const values = item?.numbers(keyword) ?? [];
    if (values.length > 0) return values;
  }
  return [];
}

function sixOrThree(values: number[], n: number): number[] | undefined {
  return values.length === n && values.every(Number.isFinite) ? values : undefined;
}

/** Unit normal row × column of an orientation, or undefined if the cosines are degenerate. */
export function sliceNormal(orientation: readonly number[]): Vec3 | undefined {
  const [rx = 0, ry = 0, rz = 0, cx = 0, cy = 0, cz = 0] = orientation;
  const n: Vec3 = [ry * cz - rz * cy, rz * cx - rx * cz, rx * cy - ry * cx];
  const length = Math.hypot(n[0], n[1], n[2]);
  if (!(length > 0.5)) return undefined; // row and column nearly parallel: not a plane
  return [n[0] / length, n[1] / length, n[2] / length];
}

export function sameOrientation(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, k) => Math.abs(v - (b[k] ?? NaN)) <= ORIENTATION_TOLERANCE);
}

export function dot(a: readonly number[], b: readonly number[]): number {
  return (a[0] ?? 0) * (b[0] ?? 0) + (a[1] ?? 0) * (b[1] ?? 0) + (a[2] ?? 0) * (b[2] ?? 0);
}

export interface PositionSummary {
  spacing?: SliceSpacing;
  /** Positions that repeat an earlier one (within SAME_POSITION_MM). */
  repeated: number;
}

/** Gaps between consecutive distinct positions along the normal (any order in, sorted here). */
export function summarisePositions(positions: readonly number[]): PositionSummary {
  const sorted = [...positions].sort((a, b) => a - b);
  const gaps: number[] = [];
  let repeated = 0;
  for (let k = 1; k < sorted.length; k++) {
    const gap = (sorted[k] as number) - (sorted[k - 1] as number);
    if (gap < SAME_POSITION_MM) repeated++;
    else gaps.push(gap);
  }
  if (gaps.length === 0) return { repeated };
  const mean = gaps.reduce((s, g) => s + g, 0) / gaps.length;
  // reduce, not Math.min(...gaps): spreading tens of thousands of arguments can overflow the stack
  const min = gaps.reduce((m, g) => (g < m ? g : m), Infinity);
  const max = gaps.reduce((m, g) => (g > m ? g : m), -Infinity);
  const tolerance = Math.max(SPACING_TOLERANCE.absoluteMm, SPACING_TOLERANCE.relative * mean);
  return { spacing: { mean: round6(mean), min: round6(min), max: round6(max), uniform: max - min <= tolerance }, repeated };
}

function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6 || 0; // `|| 0`: no -0 in plain data
}
