/**
 * One line of plain words per step, for the recipe editor, the dataset's record and the model
 * card: "Resize to 112×112, aspect kept, padded with 0 (bilinear)".
 */
import type { PreprocessRecipe, RecipeStep } from './types';
import { VOI_PRESETS } from './voi-presets';

export function describeStep(step: RecipeStep): string {
  switch (step.op) {
    case 'modality-lut':
      return 'Modality LUT (rescale slope and intercept)';
    case 'voi':
      if (step.source === 'file') return `Window from the file (window ${(step.windowIndex ?? 0) + 1}) to 0–1`;
      if (step.source === 'percentile') return `Window from the ${step.low}th to the ${step.high}th percentile to 0–1`;
      if ('preset' in step) {
        const p = VOI_PRESETS[step.preset];
        return `Window ${step.preset}${p ? ` (centre ${p.center}, width ${p.width})` : ''} to 0–1`;
      }
      return `Window centre ${step.center}, width ${step.width}${step.function && step.function !== 'LINEAR' ? ` (${step.function})` : ''} to 0–1`;
    case 'normalise':
      if (step.method === 'min-max') return 'Normalise minimum–maximum to 0–1 over the scan';
      if (step.method === 'z-score') return `Z-score over the ${step.per === 'channel' ? 'scan, per channel' : 'scan'}`;
      return `Clip to the ${step.low}th–${step.high}th percentile`;
    case 'photometric':
      return step.to === 'grayscale' ? 'Grayscale (BT.601 luma)' : 'RGB (gray repeated)';
    case 'resize':
      return `Resize to ${step.height}×${step.width}, ${(step.mode ?? 'pad') === 'pad' ? `aspect kept, padded with ${step.padValue ?? 0}` : 'stretched'} (${step.interpolation ?? 'bilinear'})`;
    case 'centre-crop':
      return `Centre crop ${step.height}×${step.width}`;
    case 'crop-sector':
      return `Crop to the ultrasound sector (${{ auto: 'regions, else pixels', regions: 'regions', pixels: 'pixels' }[step.from ?? 'auto']})`;
    case 'crop-roi':
      return step.units === 'fraction'
        ? `Crop to x ${step.x}, y ${step.y}, ${step.width} × ${step.height} of the image`
        : `Crop to x ${step.x}, y ${step.y}, ${step.width}×${step.height} pixels`;
    case 'resample-spacing':
      return `Resample to ${step.spacingMm.map((v) => (v === null ? 'as is' : `${v} mm`)).join(' × ')} (z × y × x)`;
    case 'fixed-slices':
      return `${step.count} slices, first to last`;
    case 'resample-fps':
      return `Resample to ${step.fps} fps (${step.interpolation ?? 'linear'})`;
    case 'clip-length':
      return `${step.frames} frames (${step.mode === 'pad' ? `pad with ${step.padWith ?? 'zeros'}` : step.mode})`;
  }
}

export function describeRecipe(recipe: PreprocessRecipe): string[] {
  return [...recipe.steps.map(describeStep), `Output: ${recipe.output.channels === 1 ? '1 channel' : '3 channels'}`];
}
