/**
 * One scan as the recipe runner takes it, independent of DICOM parsing: float pixels plus the
 * few header facts the steps need. The runner works on one scan at a time, so a dataset of
 * hundreds of scans never sits in memory at once.
 */
import { EnclaveError } from '../../jobs';

export type ScanPhotometric = 'MONOCHROME1' | 'MONOCHROME2' | 'RGB';

export interface ScanRescale {
  slope: number;
  intercept: number;
}

export interface ScanWindow {
  center: number;
  width: number;
  function?: 'LINEAR' | 'LINEAR_EXACT' | 'SIGMOID';
}

/** A rectangle in pixels, both ends inclusive (as DICOM's RegionLocationMin/Max). */
export interface PixelBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface ScanRegion extends PixelBox {
  /** RegionSpatialFormat: 1 is a 2D (B-mode) area; a sector crop prefers those. */
  spatialFormat?: number;
}

export interface ScanInput {
  /** Frame-major, samples interleaved: one array for all frames, or one per frame. */
  data: Float32Array | Float32Array[];
  /** [frames, rows, columns, samples]; frames are slices for a volume. */
  shape: [number, number, number, number];
  /** Colour spaces other than RGB (YBR, palette) are converted before a scan gets here. */
  photometric: ScanPhotometric;
  /** One for the scan, or one per frame (CT slices may each have their own). */
  rescale?: ScanRescale | ScanRescale[];
  windows?: ScanWindow[];
  /** Row spacing then column spacing, in mm. */
  pixelSpacingMm?: [number, number];
  /** Volumes: distance between slices; derived from slicePositionsMm when absent. */
  sliceSpacingMm?: number;
  /** Volumes: each slice's position along the normal, ascending (see volumeFromSlices). */
  slicePositionsMm?: number[];
  /** Cine: each frame's time from the first frame, ascending (first is 0). */
  frameTimesMs?: number[];
  /** Cine: used when frameTimesMs is absent. */
  frameRateFps?: number;
  ultrasoundRegions?: ScanRegion[];
}

function invalid(message: string): EnclaveError {
  return new EnclaveError('InvalidInputError', message);
}

/** Checks that the arrays agree with the shape, so a kernel never reads past an array. */
export function checkScanInput(scan: ScanInput): void {
  const [frames, rows, columns, samples] = scan.shape;
  if (![frames, rows, columns].every((n) => Number.isInteger(n) && n > 0)) {
    throw invalid(`This scan's shape [${scan.shape.join(', ')}] is not a list of positive whole numbers.`);
  }
  if (samples !== 1 && samples !== 3) throw invalid(`This scan has ${samples} samples per pixel; only 1 (grayscale) or 3 (RGB) can be preprocessed.`);
  if ((samples === 3) !== (scan.photometric === 'RGB')) {
    throw invalid(`This scan is ${scan.photometric} with ${samples} samples per pixel; RGB needs 3 and MONOCHROME 1.`);
  }
  const frameLength = rows * columns * samples;
  if (Array.isArray(scan.data)) {
    if (scan.data.length !== frames) throw invalid(`This scan has ${scan.data.length} frame arrays for ${frames} frames.`);
    const bad = scan.data.findIndex((d) => d.length !== frameLength);
    if (bad >= 0) throw invalid(`Frame ${bad + 1} has ${scan.data[bad]!.length} values, not ${frameLength} (${rows}×${columns}×${samples}).`);
  } else if (scan.data.length !== frames * frameLength) {
    throw invalid(`This scan has ${scan.data.length} values, not ${frames * frameLength} (${scan.shape.join('×')}).`);
  }
  if (Array.isArray(scan.rescale) && scan.rescale.length !== frames) {
    throw invalid(`This scan has ${scan.rescale.length} rescale values for ${frames} frames.`);
  }
  checkAscending(scan.frameTimesMs, frames, 'frame times');
  checkAscending(scan.slicePositionsMm, frames, 'slice positions');
}

function checkAscending(values: number[] | undefined, frames: number, what: string): void {
  if (values === undefined) return;
  if (values.length !== frames) throw invalid(`This scan has ${values.length} ${what} for ${frames} frames.`);
  for (let i = 1; i < values.length; i++) {
    if (!(values[i]! > values[i - 1]!)) {
      throw invalid(`This scan's ${what} do not increase at frame ${i + 1} (${values[i - 1]} then ${values[i]}).`);
    }
  }
}

/** All frames in one frame-major array (a view of the input when it already is one). */
export function scanData(scan: ScanInput): Float32Array {
  if (!Array.isArray(scan.data)) return scan.data;
  const frameLength = scan.shape[1] * scan.shape[2] * scan.shape[3];
  const all = new Float32Array(frameLength * scan.data.length);
  scan.data.forEach((frame, i) => all.set(frame, i * frameLength));
  return all;
}
