/**
 * The steps along the frame axis: cine frame rate and clip length, volume spacing and slice
 * count. Each keeps frame times or slice positions, and the source frame of each frame.
 */
import { clipIndices, selectFrames } from '../temporal/clip-length';
import { frameRatePlan } from '../temporal/frame-rate';
import { axisSamples, resampleAxis } from '../volume/linear-axis';
import { fixedSlicePlan, resampleVolume, slicePlan, spacingPlan, type AxisPlan } from '../volume/resample';
import type { ClipLengthStep, FixedSlicesStep, ResampleFpsStep, ResampleSpacingStep } from '../recipe/types';
import { composeSourceFrames, type ScanState, type StepResult } from './state';
import { stepError, type StepContext } from './step-error';
import * as tf from '@tensorflow/tfjs';

export function resampleFpsStep(state: ScanState, step: ResampleFpsStep, context: StepContext): StepResult {
  const times = state.frameTimesMs;
  if (!times) {
    throw stepError(context, 'this cine has no frame timing (Frame Time, Frame Time Vector, Cine Rate or Recommended Display Frame Rate).');
  }
  if (times.length < 2) return { tensor: tf.clone(state.tensor), note: 'a single frame has no frame rate; kept' };
  const plan = frameRatePlan(times, step.fps);
  const samples = axisSamples(plan.positions, times.length, step.interpolation ?? 'linear');
  return {
    tensor: resampleAxis(state.tensor, 0, samples),
    frameTimesMs: plan.timesMs,
    sourceFrames: composeSourceFrames(state.sourceFrames, plan.positions),
  };
}

export function clipLengthStep(state: ScanState, step: ClipLengthStep): StepResult {
  const frames = state.tensor.shape[0];
  const indices = clipIndices(frames, step.frames, step.mode, step.padWith);
  const result: StepResult = {
    tensor: selectFrames(state.tensor, indices),
    sourceFrames: indices.map((i) => (i < 0 ? -1 : state.sourceFrames[i]!)),
  };
  const times = state.frameTimesMs;
  if (times) {
    // Sampled frames keep their times; looped and padded ones continue at the mean interval.
    const interval = times.length > 1 ? (times[times.length - 1]! - times[0]!) / (times.length - 1) : 0;
    result.frameTimesMs = step.mode === 'sample' ? indices.map((i) => times[i]!) : indices.map((_, j) => j * interval);
  }
  return result;
}

export function resampleSpacingStep(state: ScanState, step: ResampleSpacingStep, context: StepContext): StepResult {
  const [zTarget, yTarget, xTarget] = step.spacingMm;
  const [, rows, columns] = state.tensor.shape;
  const plans: [AxisPlan | undefined, AxisPlan | undefined, AxisPlan | undefined] = [undefined, undefined, undefined];
  const result: Partial<StepResult> = {};
  if (zTarget !== null) {
    const positions = state.slicePositionsMm;
    if (!positions) throw stepError(context, 'this volume has no slice positions or slice spacing; build it with volumeFromSlices.');
    const plan = slicePlan(positions, zTarget);
    plans[0] = plan;
    result.slicePositionsMm = plan.positionsMm;
    result.sourceFrames = composeSourceFrames(state.sourceFrames, plan.positions);
  }
  if (yTarget !== null || xTarget !== null) {
    const spacing = state.pixelSpacingMm;
    if (!spacing) throw stepError(context, 'this volume has no pixel spacing, so it cannot be resampled in plane; use null for y and x.');
    if (yTarget !== null) plans[1] = spacingPlan(rows, spacing[0], yTarget);
    if (xTarget !== null) plans[2] = spacingPlan(columns, spacing[1], xTarget);
    result.pixelSpacingMm = [yTarget ?? spacing[0], xTarget ?? spacing[1]];
  }
  // Regions are an ultrasound notion; a resampled volume has none worth keeping.
  return { ...result, regions: [], tensor: resampleVolume(state.tensor, plans, step.interpolation ?? 'linear') };
}

export function fixedSlicesStep(state: ScanState, step: FixedSlicesStep): StepResult {
  const frames = state.tensor.shape[0];
  const positions = state.slicePositionsMm ?? Array.from({ length: frames }, (_, i) => i);
  const plan = fixedSlicePlan(positions, step.count);
  const result: StepResult = {
    tensor: resampleAxis(state.tensor, 0, axisSamples(plan.positions, frames, step.interpolation ?? 'linear')),
    sourceFrames: composeSourceFrames(state.sourceFrames, plan.positions),
  };
  if (state.slicePositionsMm) result.slicePositionsMm = plan.positionsMm;
  return result;
}
