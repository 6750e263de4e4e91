/**
 * One step of a recipe on a ScanState: the dispatch from `op` to the step's code.
 */
import type { RecipeStep } from '../recipe/types';
import type { ScanState, StepResult } from './state';
import type { StepContext } from './step-error';
import { modalityLutStep, normaliseStep, photometricStep, voiStep } from './steps-intensity';
import { centreCropStep, cropRoiStep, cropSectorStep, resizeStep } from './steps-spatial';
import { clipLengthStep, fixedSlicesStep, resampleFpsStep, resampleSpacingStep } from './steps-temporal';

export async function applyStep(state: ScanState, step: RecipeStep, index: number): Promise<StepResult> {
  const context: StepContext = { index, step };
  switch (step.op) {
    case 'modality-lut': return modalityLutStep(state, step);
    case 'voi': return voiStep(state, step, context);
    case 'normalise': return normaliseStep(state, step);
    case 'photometric': return photometricStep(state, step);
    case 'resize': return resizeStep(state, step);
    case 'centre-crop': return centreCropStep(state, step);
    case 'crop-sector': return cropSectorStep(state, step, context);
    case 'crop-roi': return cropRoiStep(state, step, context);
    case 'resample-spacing': return resampleSpacingStep(state, step, context);
    case 'fixed-slices': return fixedSlicesStep(state, step);
    case 'resample-fps': return resampleFpsStep(state, step, context);
    case 'clip-length': return clipLengthStep(state, step);
  }
}
