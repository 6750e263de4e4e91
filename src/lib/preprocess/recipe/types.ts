/**
 * A preprocessing recipe: declarative, plain JSON, saved with the dataset so that the very same
 * steps run again at inference time. Every field is data (no functions), so a recipe survives a
 * structured clone, IndexedDB and a JSON file unchanged.
 */

export const RECIPE_VERSION = 1;

export type ScanKind = 'image' | 'cine' | 'volume';

/** PS3.3 C.11.2.1.2 / C.11.2.1.3 VOI LUT functions. */
export type WindowFunction = 'LINEAR' | 'LINEAR_EXACT' | 'SIGMOID';

/** Rescale slope and intercept (stored values → modality values, e.g. HU). */
export interface ModalityLutStep {
  op: 'modality-lut';
}

/**
 * Window to 0..1. `file`: the scan's own window (the `windowIndex`-th, default 0), or the scan's
 * min–max when it has none; `preset`: a named window (see VOI_PRESETS) or an explicit centre
 * and width; `percentile`: the scan's low and high percentiles map to 0 and 1.
 */
export type VoiStep =
  | { op: 'voi'; source: 'file'; windowIndex?: number }
  | { op: 'voi'; source: 'preset'; preset: string; function?: WindowFunction }
  | { op: 'voi'; source: 'preset'; center: number; width: number; function?: WindowFunction }
  | { op: 'voi'; source: 'percentile'; low: number; high: number };

/**
 * `min-max`: (x − min) / (max − min) over the scan, 0 when flat. `z-score`: (x − mean) / sd
 * with the population sd over the scan (or over each channel), x − mean when sd is 0.
 * `percentile-clip`: clamps to the scan's low and high percentiles and keeps the units, so a
 * z-score or min-max step may follow (the nnU-Net CT scheme).
 */
export type NormaliseStep =
  | { op: 'normalise'; method: 'min-max' }
  | { op: 'normalise'; method: 'z-score'; per?: 'scan' | 'channel' }
  | { op: 'normalise'; method: 'percentile-clip'; low: number; high: number };

/** Grayscale is ITU-R BT.601 luma; RGB repeats a single channel three times. */
export interface PhotometricStep {
  op: 'photometric';
  to: 'grayscale' | 'rgb';
}

/**
 * `pad`: scale to fit inside height × width keeping the aspect ratio, then pad symmetrically
 * (the odd pixel goes to the bottom and right) with `padValue` (default 0). `stretch`: scale
 * each axis on its own.
 */
export interface ResizeStep {
  op: 'resize';
  height: number;
  width: number;
  mode?: 'pad' | 'stretch';
  padValue?: number;
  interpolation?: 'bilinear' | 'nearest';
}

/** Keeps the central height × width; a smaller image is padded with `padValue` (default 0). */
export interface CentreCropStep {
  op: 'centre-crop';
  height: number;
  width: number;
  padValue?: number;
}

/**
 * Crops to the ultrasound sector's bounding box: the union of the 2D regions of the Sequence
 * of Ultrasound Regions when the scan has them (`from: 'auto'` or 'regions'), else the box of
 * the pixels that are non-zero in at least `minFraction` of the frames (default 0.5), or, with
 * `pixels: 'changing'`, that change over the frames (static text and ECG traces do not).
 */
export interface CropSectorStep {
  op: 'crop-sector';
  from?: 'auto' | 'regions' | 'pixels';
  pixels?: 'non-zero' | 'changing';
  minFraction?: number;
}

/** A rectangle in pixels (whole numbers) or in fractions of the image (0..1). */
export interface CropRoiStep {
  op: 'crop-roi';
  x: number;
  y: number;
  width: number;
  height: number;
  units?: 'pixels' | 'fraction';
}

/** Volume: target spacing [z, y, x] in mm; `null` keeps that axis as it is. */
export interface ResampleSpacingStep {
  op: 'resample-spacing';
  spacingMm: [number | null, number | null, number | null];
  interpolation?: 'linear' | 'nearest';
}

/** Volume: exactly `count` slices spanning the first to the last slice. */
export interface FixedSlicesStep {
  op: 'fixed-slices';
  count: number;
  interpolation?: 'linear' | 'nearest';
}

/** Cine: frames at t_k = k / fps from the first frame, from the scan's real frame times. */
export interface ResampleFpsStep {
  op: 'resample-fps';
  fps: number;
  interpolation?: 'linear' | 'nearest';
}

/**
 * Cine: exactly `frames` frames. `sample`: evenly spaced over the whole clip (repeats when the
 * clip is shorter); `loop`: the first frames, wrapping round to the start when the clip is
 * shorter; `pad`: the first frames, then `padWith` zeros (default) or the last frame.
 */
export interface ClipLengthStep {
  op: 'clip-length';
  frames: number;
  mode: 'sample' | 'loop' | 'pad';
  padWith?: 'zeros' | 'last';
}

export type RecipeStep =
  | ModalityLutStep
  | VoiStep
  | NormaliseStep
  | PhotometricStep
  | ResizeStep
  | CentreCropStep
  | CropSectorStep
  | CropRoiStep
  | ResampleSpacingStep
  | FixedSlicesStep
  | ResampleFpsStep
  | ClipLengthStep;

export type StepOp = RecipeStep['op'];

export const STEP_OPS: readonly StepOp[] = [
  'modality-lut', 'voi', 'normalise', 'photometric', 'resize', 'centre-crop', 'crop-sector',
  'crop-roi', 'resample-spacing', 'fixed-slices', 'resample-fps', 'clip-length',
];

/** Steps that only make sense for one kind of scan. */
export const STEP_KINDS: Partial<Record<StepOp, readonly ScanKind[]>> = {
  'resample-spacing': ['volume'],
  'fixed-slices': ['volume'],
  'resample-fps': ['cine'],
  'clip-length': ['cine'],
};

export interface RecipeOutput {
  /** The runner converts at the end if the last step left another count (luma or repeat). */
  channels: 1 | 3;
  /** How a dataset may store the result; the runner always returns float32. */
  dtype?: 'float32' | 'float16' | 'uint8';
}

export interface PreprocessRecipe {
  version: typeof RECIPE_VERSION;
  name?: string;
  kind: ScanKind;
  steps: RecipeStep[];
  output: RecipeOutput;
}
