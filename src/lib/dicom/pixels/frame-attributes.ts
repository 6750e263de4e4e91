/**
 * Rescale, VOI windows and plane geometry, read from one place in the data set: the top level
 * of a classic image, or one functional group item of an enhanced multi-frame image
 * (PixelValueTransformationSequence, FrameVOILUTSequence, PlanePosition/Orientation, PixelMeasures).
 */
import type { AttributeReader } from '../attributes';
import type { FrameAttributes, FrameGeometry, Rescale, VoiLutFunction, VoiWindow } from './types';

export function readRescale(reader: AttributeReader): Rescale | undefined {
  const slope = reader.number('RescaleSlope');
  const intercept = reader.number('RescaleIntercept');
  if (slope === undefined && intercept === undefined) return undefined;
  const type = reader.string('RescaleType');
  const rescale: Rescale = { slope: slope ?? 1, intercept: intercept ?? 0 };
  if (type) rescale.type = type;
  return rescale;
}

function voiFunction(reader: AttributeReader, notes: string[]): VoiLutFunction {
  const value = reader.string('VOILUTFunction')?.toUpperCase();
  if (value === undefined || value === '' || value === 'LINEAR') return 'LINEAR';
  if (value === 'LINEAR_EXACT' || value === 'SIGMOID') return value;
  notes.push(`VOI LUT Function "${value}" is not defined by DICOM: LINEAR used`);
  return 'LINEAR';
}

/** Every valid centre/width pair; the first is the file's preferred window. */
export function readWindows(reader: AttributeReader, notes: string[]): VoiWindow[] {
  const centers = reader.numbers('WindowCenter');
  const widths = reader.numbers('WindowWidth');
  const explanations = reader.strings('WindowCenterWidthExplanation');
  const fn = voiFunction(reader, notes);
  const windows: VoiWindow[] = [];
  for (let i = 0; i < Math.min(centers.length, widths.length); i++) {
    const center = centers[i]!;
    const width = widths[i]!;
    // PS3.3 C.11.2.1.2: width >= 1 for LINEAR, > 0 otherwise.
    if (!Number.isFinite(center) || !Number.isFinite(width) || width <= 0 || (fn === 'LINEAR' && width < 1)) {
      notes.push(`window ${i + 1} (centre ${center}, width ${width}) is not valid for ${fn} and was skipped`);
      continue;
    }
    const window: VoiWindow = { center, width, function: fn };
    const explanation = explanations[i]?.trim();
    if (explanation) window.explanation = explanation;
    windows.push(window);
  }
  if (centers.length !== widths.length) notes.push(`${centers.length} window centres but ${widths.length} widths: the extra ones were ignored`);
  return windows;
}

function fixed<N extends number>(values: number[], n: N): number[] | undefined {
  return values.length >= n && values.slice(0, n).every(Number.isFinite) ? values.slice(0, n) : undefined;
}

export function readGeometry(reader: AttributeReader): FrameGeometry {
  const geometry: FrameGeometry = {};
  const position = fixed(reader.numbers('ImagePositionPatient'), 3);
  if (position) geometry.imagePositionPatient = position as FrameGeometry['imagePositionPatient'];
  const orientation = fixed(reader.numbers('ImageOrientationPatient'), 6);
  if (orientation) geometry.imageOrientationPatient = orientation as FrameGeometry['imageOrientationPatient'];
  const spacing = fixed(reader.numbers('PixelSpacing'), 2);
  if (spacing) geometry.pixelSpacing = spacing as FrameGeometry['pixelSpacing'];
  const thickness = reader.number('SliceThickness');
  if (thickness !== undefined && Number.isFinite(thickness)) geometry.sliceThickness = thickness;
  return geometry;
}

/** The attributes of one functional groups item (shared or per-frame), undefined parts absent. */
function readGroup(item: AttributeReader, notes: string[]): Partial<FrameAttributes> {
  const group: Partial<FrameAttributes> = {};
  const transform = item.sequence('PixelValueTransformationSequence')[0];
  const rescale = transform && readRescale(transform);
  if (rescale) group.rescale = rescale;
  const voi = item.sequence('FrameVOILUTSequence')[0];
  if (voi) group.windows = readWindows(voi, notes);
  const geometry: FrameGeometry = {};
  const position = item.sequence('PlanePositionSequence')[0];
  if (position) Object.assign(geometry, readGeometry(position));
  const orientation = item.sequence('PlaneOrientationSequence')[0];
  if (orientation) Object.assign(geometry, readGeometry(orientation));
  const measures = item.sequence('PixelMeasuresSequence')[0];
  if (measures) Object.assign(geometry, readGeometry(measures));
  if (Object.keys(geometry).length > 0) group.geometry = geometry;
  return group;
}

/**
 * The values every frame shares: the shared functional groups item's, else the top level's.
 */
export function readBase(reader: AttributeReader, notes: string[]): FrameAttributes {
  const sharedItem = reader.sequence('SharedFunctionalGroupsSequence')[0];
  const shared = sharedItem ? readGroup(sharedItem, notes) : {};
  const base: FrameAttributes = {
    windows: shared.windows ?? readWindows(reader, notes),
    geometry: { ...readGeometry(reader), ...shared.geometry },
  };
  const rescale = shared.rescale ?? readRescale(reader);
  if (rescale) base.rescale = rescale;
  return base;
}

/**
 * Enhanced multi-frame images: frame i's per-frame item overrides `base`. Empty when the data
 * set has no PerFrameFunctionalGroupsSequence.
 */
export function readPerFrame(reader: AttributeReader, base: FrameAttributes, frameCount: number, notes: string[]): FrameAttributes[] {
  const perFrame = reader.sequence('PerFrameFunctionalGroupsSequence');
  if (perFrame.length === 0) return [];
  if (perFrame.length !== frameCount) notes.push(`${perFrame.length} per-frame functional group items for ${frameCount} frames`);
  return perFrame.map((item) => {
    const own = readGroup(item, notes);
    const frame: FrameAttributes = {
      windows: own.windows ?? base.windows,
      geometry: { ...base.geometry, ...own.geometry },
    };
    const rescale = own.rescale ?? base.rescale;
    if (rescale) frame.rescale = rescale;
    return frame;
  });
}
