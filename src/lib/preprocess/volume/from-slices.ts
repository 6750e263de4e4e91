/**
 * A volume from single-frame slices (a CT or MR series): sorted by position along the slice
 * normal (ImagePositionPatient · (row direction × column direction)), with each slice's own
 * rescale kept, and the slice positions that resampling to a spacing needs.
 */
import { EnclaveError } from '../../jobs';
import type { ScanInput, ScanPhotometric, ScanRescale, ScanWindow } from '../run/scan-input';

export interface SliceInput {
  /** rows × columns values of one slice. */
  data: Float32Array;
  rows: number;
  columns: number;
  imagePositionPatient: [number, number, number];
  imageOrientationPatient: [number, number, number, number, number, number];
  pixelSpacing?: [number, number];
  rescale?: ScanRescale;
  windows?: ScanWindow[];
  photometric?: Exclude<ScanPhotometric, 'RGB'>;
}

/** Slices closer than this along the normal are the same place twice (mixed series). */
const SAME_POSITION_MM = 1e-3;
/** Normals may differ by rounding in the header's decimal strings. */
const PARALLEL_TOLERANCE = 1e-3;

function invalid(message: string): EnclaveError {
  return new EnclaveError('InvalidInputError', message);
}

export function sliceNormal(orientation: SliceInput['imageOrientationPatient']): [number, number, number] {
  const [rx, ry, rz, cx, cy, cz] = orientation;
  const n: [number, number, number] = [ry * cz - rz * cy, rz * cx - rx * cz, rx * cy - ry * cx];
  const length = Math.hypot(...n);
  if (!(length > 0)) throw invalid(`Image Orientation (Patient) ${orientation.join('\\')} has parallel row and column directions.`);
  return [n[0] / length, n[1] / length, n[2] / length];
}

export function volumeFromSlices(slices: readonly SliceInput[]): ScanInput {
  const first = slices[0];
  if (!first) throw invalid('A volume needs at least one slice.');
  const normal = sliceNormal(first.imageOrientationPatient);
  slices.forEach((s, i) => {
    if (s.rows !== first.rows || s.columns !== first.columns) {
      throw invalid(`Slice ${i + 1} is ${s.rows}×${s.columns}, the first is ${first.rows}×${first.columns}; they cannot form one volume.`);
    }
    if (s.data.length !== s.rows * s.columns) throw invalid(`Slice ${i + 1} has ${s.data.length} values, not ${s.rows * s.columns}.`);
    const n = sliceNormal(s.imageOrientationPatient);
    const dot = n[0] * normal[0] + n[1] * normal[1] + n[2] * normal[2];
    if (Math.abs(Math.abs(dot) - 1) > PARALLEL_TOLERANCE) {
      throw invalid(`Slice ${i + 1} is not parallel to the first slice; the slices belong to different stacks or series.`);
    }
  });
  const placed = slices
    .map((slice) => ({ slice, position: dot3(slice.imagePositionPatient, normal) }))
    .sort((a, b) => a.position - b.position);
  for (let i = 1; i < placed.length; i++) {
    if (placed[i]!.position - placed[i - 1]!.position < SAME_POSITION_MM) {
      throw invalid(`Two slices lie at the same position (${placed[i]!.position.toFixed(3)} mm along the normal); the series may mix two acquisitions.`);
    }
  }
  const positions = placed.map((p) => p.position);
  const rescales = placed.map((p) => p.slice.rescale ?? { slope: 1, intercept: 0 });
  const sameRescale = rescales.every((r) => r.slope === rescales[0]!.slope && r.intercept === rescales[0]!.intercept);
  const middle = placed[Math.floor(placed.length / 2)]!.slice;
  const scan: ScanInput = {
    data: placed.map((p) => p.slice.data),
    shape: [placed.length, first.rows, first.columns, 1],
    photometric: first.photometric ?? 'MONOCHROME2',
    rescale: sameRescale ? rescales[0]! : rescales,
    slicePositionsMm: positions,
  };
  if (placed.length > 1) scan.sliceSpacingMm = (positions[positions.length - 1]! - positions[0]!) / (positions.length - 1);
  if (first.pixelSpacing) scan.pixelSpacingMm = [...first.pixelSpacing];
  if (middle.windows?.length) scan.windows = middle.windows.map((w) => ({ ...w }));
  return scan;
}

function dot3(a: readonly number[], b: readonly number[]): number {
  return a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!;
}
