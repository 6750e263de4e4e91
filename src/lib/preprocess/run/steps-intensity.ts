/**
 * The intensity steps on a ScanState: modality LUT, VOI window, normalisation, photometric.
 *
 * MONOCHROME1 (high values dark) is turned round once, so that every output reads "bright is
 * high": the VOI step inverts its 0..1 output (1 − y, as a display does after the VOI LUT);
 * any other step first inverts over the scan's own range (min + max − x). The runner does the
 * latter before the first step that is neither the modality LUT nor a window.
 */
import * as tf from '@tensorflow/tfjs';
import { applyRescale } from '../intensity/modality-lut';
import { minMax, percentileClip, zScore } from '../intensity/normalise';
import { percentile } from '../intensity/percentile';
import { invertUnit, toGrayscale, toRgb } from '../intensity/photometric';
import { applyRangeWindow, applyWindow } from '../intensity/window';
import type { ModalityLutStep, NormaliseStep, PhotometricStep, VoiStep } from '../recipe/types';
import { VOI_PRESETS } from '../recipe/voi-presets';
import type { ScanState, StepResult } from './state';
import { stepError, type StepContext } from './step-error';

export function modalityLutStep(state: ScanState, _step: ModalityLutStep): StepResult {
  if (state.photometric === 'RGB') return { tensor: tf.clone(state.tensor), note: 'colour pixels have no modality LUT; values kept' };
  const rescale = state.rescale;
  if (!rescale || rescale.every((r) => r.slope === 1 && r.intercept === 0)) {
    return { tensor: tf.clone(state.tensor), rescaled: true, note: 'no rescale in this scan; values kept' };
  }
  const tensor = applyRescale(state.tensor, rescale.map((r) => r.slope), rescale.map((r) => r.intercept));
  return { tensor, rescaled: true };
}

export function voiStep(state: ScanState, step: VoiStep, context: StepContext): StepResult {
  const notes: string[] = [];
  const x = state.tensor;
  let windowed: tf.Tensor4D;
  if (step.source === 'percentile') {
    windowed = tf.tidy(() => applyRangeWindow(x, percentile(x, step.low), percentile(x, step.high)));
  } else if (step.source === 'file') {
    const index = step.windowIndex ?? 0;
    const window = state.windows[index];
    if (window) {
      windowed = applyWindow(x, window);
      if (!state.rescaled && state.rescale?.some((r) => r.slope !== 1 || r.intercept !== 0)) {
        notes.push('the file\'s window is in modality units but no modality-lut step ran before it');
      }
    } else {
      if (state.windows.length > 0) throw stepError(context, `this scan has ${state.windows.length} window(s); window ${index} does not exist.`);
      windowed = tf.tidy(() => applyRangeWindow(x, tf.min(x), tf.max(x)));
      notes.push('no window in this scan; its minimum to maximum used');
    }
  } else {
    const preset = 'preset' in step ? VOI_PRESETS[step.preset] : { center: step.center, width: step.width };
    if (!preset) throw stepError(context, `there is no preset window named "${'preset' in step ? step.preset : ''}".`);
    windowed = applyWindow(x, { center: preset.center, width: preset.width, ...(step.function ? { function: step.function } : {}) });
  }
  if (state.photometric !== 'MONOCHROME1') return { tensor: windowed, ...noteOf(notes) };
  const inverted = invertUnit(windowed);
  windowed.dispose();
  notes.push('MONOCHROME1: window output inverted (1 − y)');
  return { tensor: inverted, photometric: 'MONOCHROME2', ...noteOf(notes) };
}

export function normaliseStep(state: ScanState, step: NormaliseStep): StepResult {
  switch (step.method) {
    case 'min-max':
      return { tensor: minMax(state.tensor) };
    case 'z-score':
      return { tensor: zScore(state.tensor, step.per ?? 'scan') };
    case 'percentile-clip':
      return { tensor: percentileClip(state.tensor, step.low, step.high) };
  }
}

export function photometricStep(state: ScanState, step: PhotometricStep): StepResult {
  if (step.to === 'grayscale') {
    return { tensor: toGrayscale(state.tensor), photometric: 'MONOCHROME2' };
  }
  return { tensor: toRgb(state.tensor), photometric: 'RGB' };
}

function noteOf(notes: string[]): { note?: string } {
  return notes.length > 0 ? { note: notes.join('; ') } : {};
}
