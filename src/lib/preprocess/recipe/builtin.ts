/**
 * Starting points a person can pick and then edit. Each is a plain recipe (it passes
 * validateRecipe) so a dataset saves it like any other.
 */
import type { PreprocessRecipe } from './types';

/**
 * Echo clips as EchoNet-Dynamic-style video models take them: 32 grayscale frames of 112×112.
 * The frame rate and length come first so the spatial steps touch 32 frames, not the whole
 * clip; 25 fps makes 32 frames about 1.3 s, at least one heartbeat at rest.
 */
export const ECHO_CLIP_112: PreprocessRecipe = {
  version: 1,
  name: 'Echo clip 112×112, 32 frames at 25 fps',
  kind: 'cine',
  steps: [
    { op: 'photometric', to: 'grayscale' },
    { op: 'resample-fps', fps: 25, interpolation: 'linear' },
    { op: 'clip-length', frames: 32, mode: 'pad', padWith: 'zeros' },
    { op: 'crop-sector', from: 'auto' },
    { op: 'resize', height: 112, width: 112, mode: 'pad', padValue: 0 },
    { op: 'normalise', method: 'z-score' },
  ],
  output: { channels: 1, dtype: 'float32' },
};

/**
 * A small echo clip for quick training on a CPU-emulated GPU: 8 grayscale frames spread over the
 * loop (one cardiac cycle), the sector cropped, 32×32, z-scored.
 */
export const ECHO_CLIP_32: PreprocessRecipe = {
  version: 1,
  name: 'Echo clip 32×32, 8 frames',
  kind: 'cine',
  steps: [
    { op: 'photometric', to: 'grayscale' },
    { op: 'clip-length', frames: 8, mode: 'sample' },
    { op: 'crop-sector', from: 'auto' },
    { op: 'resize', height: 32, width: 32, mode: 'pad', padValue: 0 },
    { op: 'normalise', method: 'z-score' },
  ],
  output: { channels: 1, dtype: 'float32' },
};

/** One CT slice in HU, soft-tissue window, 128×128. */
export const CT_SLICE_128: PreprocessRecipe = {
  version: 1,
  name: 'CT slice 128×128, soft-tissue window',
  kind: 'image',
  steps: [
    { op: 'modality-lut' },
    { op: 'voi', source: 'preset', preset: 'ct-soft-tissue' },
    { op: 'resize', height: 128, width: 128, mode: 'pad', padValue: 0 },
  ],
  output: { channels: 1, dtype: 'float32' },
};

/**
 * An MR volume as 64 slices of 64×64: MR intensities have no absolute scale, so clip the
 * extreme 0.5 % at each end (bright vessels, dark air) and z-score what remains.
 */
export const MR_VOLUME_64: PreprocessRecipe = {
  version: 1,
  name: 'MR volume 64×64×64, percentile clip and z-score',
  kind: 'volume',
  steps: [
    { op: 'modality-lut' },
    { op: 'normalise', method: 'percentile-clip', low: 0.5, high: 99.5 },
    { op: 'fixed-slices', count: 64, interpolation: 'linear' },
    { op: 'resize', height: 64, width: 64, mode: 'pad', padValue: 0 },
    { op: 'normalise', method: 'z-score' },
  ],
  output: { channels: 1, dtype: 'float32' },
};

export const BUILTIN_RECIPES: readonly PreprocessRecipe[] = [ECHO_CLIP_112, ECHO_CLIP_32, CT_SLICE_128, MR_VOLUME_64];
