/**
 * scanInputFromDecoded: the project's decoded frames of one instance (src/lib/dicom/pixels) to
 * a ScanInput. Colour (RGB, YBR, palette) becomes 8-bit RGB through the display conversion;
 * grayscale keeps its stored values, with the rescale (per frame for enhanced images), the
 * windows, the spacing, the frame timing and the ultrasound regions alongside.
 */
import { EnclaveError } from '../../jobs';
import { toDisplayRgb } from '../../dicom/pixels/colour';
import { frameAttributes } from '../../dicom/pixels/describe';
import type { DecodedFrame, PixelImageDescription } from '../../dicom/pixels/types';
import { spatialRegion, type UltrasoundRegion } from '../../dicom/metadata/us-regions';
import type { ScanInput, ScanRegion, ScanRescale } from './scan-input';

export interface DecodedScanExtras {
  /** frameRateOf(reader)?.fps (src/lib/dicom/metadata/frame-rate.ts). */
  frameRateFps?: number;
  /** Frame Time Vector (0018,1065): ms since the previous frame, the first entry 0. */
  frameTimeVectorMs?: number[];
  /** ultrasoundRegions(reader) (src/lib/dicom/metadata/us-regions.ts). */
  ultrasoundRegions?: UltrasoundRegion[];
}

/** Physical Units code 3 is cm (PS3.3 C.8.5.5.1.15). */
const CM_TO_MM = 10;

function invalid(message: string): EnclaveError {
  return new EnclaveError('InvalidInputError', message);
}

export function scanInputFromDecoded(frames: readonly DecodedFrame[], description: PixelImageDescription, extras: DecodedScanExtras = {}): ScanInput {
  const first = frames[0];
  if (!first) throw invalid('This instance has no decoded frames to preprocess.');
  const bad = frames.findIndex((f) => f.rows !== first.rows || f.columns !== first.columns);
  if (bad >= 0) throw invalid(`Frame ${bad + 1} is ${frames[bad]!.rows}×${frames[bad]!.columns}, frame 1 is ${first.rows}×${first.columns}.`);
  const pi = first.photometricInterpretation;
  const colour = first.samplesPerPixel === 3 || pi.startsWith('PALETTE');
  const scan: ScanInput = {
    data: frames.map((f) => (colour ? Float32Array.from(toDisplayRgb(f, description)) : Float32Array.from(f.data))),
    shape: [frames.length, first.rows, first.columns, colour ? 3 : 1],
    photometric: colour ? 'RGB' : pi === 'MONOCHROME1' ? 'MONOCHROME1' : 'MONOCHROME2',
  };
  if (!colour) {
    const rescale = rescaleOf(description, frames.length);
    if (rescale) scan.rescale = rescale;
    const windows = frameAttributes(description, 0).windows;
    if (windows.length > 0) scan.windows = windows.map((w) => ({ center: w.center, width: w.width, function: w.function }));
  }
  const spacing = pixelSpacingOf(description, extras.ultrasoundRegions ?? []);
  if (spacing) scan.pixelSpacingMm = spacing;
  const times = frameTimesOf(extras.frameTimeVectorMs, frames.length);
  if (times) scan.frameTimesMs = times;
  else if (extras.frameRateFps !== undefined && extras.frameRateFps > 0) scan.frameRateFps = extras.frameRateFps;
  const regions = (extras.ultrasoundRegions ?? []).flatMap((r): ScanRegion[] => {
    if (r.x0 === undefined || r.y0 === undefined || r.x1 === undefined || r.y1 === undefined) return [];
    return [{ x0: r.x0, y0: r.y0, x1: r.x1, y1: r.y1, ...(r.spatialFormat !== undefined ? { spatialFormat: r.spatialFormat } : {}) }];
  });
  if (regions.length > 0) scan.ultrasoundRegions = regions;
  return scan;
}

/** One rescale when every frame shares it, else one per frame; undefined when none has one. */
function rescaleOf(description: PixelImageDescription, frames: number): ScanRescale | ScanRescale[] | undefined {
  const all = Array.from({ length: frames }, (_, i) => frameAttributes(description, i).rescale);
  if (all.every((r) => r === undefined)) return undefined;
  const values = all.map((r) => ({ slope: r?.slope ?? 1, intercept: r?.intercept ?? 0 }));
  const same = values.every((v) => v.slope === values[0]!.slope && v.intercept === values[0]!.intercept);
  return same ? values[0]! : values;
}

/** Pixel Spacing when the header has it, else the ultrasound region's physical deltas. */
function pixelSpacingOf(description: PixelImageDescription, regions: readonly UltrasoundRegion[]): [number, number] | undefined {
  const spacing = frameAttributes(description, 0).geometry.pixelSpacing;
  if (spacing) return [spacing[0], spacing[1]];
  const region = spatialRegion(regions);
  if (region?.deltaX === undefined || region.deltaY === undefined) return undefined;
  return [Math.abs(region.deltaY) * CM_TO_MM, Math.abs(region.deltaX) * CM_TO_MM];
}

/** Cumulative times from the vector of increments, when it has one entry per frame and rises. */
function frameTimesOf(vector: readonly number[] | undefined, frames: number): number[] | undefined {
  if (!vector || vector.length !== frames || frames < 2) return undefined;
  const times: number[] = [];
  let t = 0;
  for (const [i, step] of vector.entries()) {
    if (i > 0 && !(step > 0)) return undefined;
    t += i === 0 ? 0 : step;
    times.push(t);
  }
  return times;
}
