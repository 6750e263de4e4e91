/**
 * runRecipe: one scan through one recipe, to a float32 array ready for a dataset. The unit of
 * work is a single scan, so a worker streaming hundreds of scans holds one at a time; results
 * are plain data (no tensors) and cross a worker boundary by transfer.
 */
import type { JobOptions } from '../../jobs';
import type { PreprocessRecipe } from '../recipe/types';
import { executeRecipe, type StepRecord } from './execute';
import type { ScanInput } from './scan-input';
import type { ScanState } from './state';

export interface StepSnapshot {
  op: string;
  shape: number[];
  data: Float32Array;
}

export interface RecipeResult {
  /** Frame-major [frames, rows, columns, channels], channels interleaved. */
  data: Float32Array;
  shape: number[];
  /** The scan as given ('input'), each step, and the final conversion ('output') if any. */
  steps: StepRecord[];
  /** Every intermediate array, in the order of `steps`, when asked for with keepSteps. */
  preview?: StepSnapshot[];
  /** Geometry after the recipe, for the dataset's record. */
  pixelSpacingMm?: [number, number];
  slicePositionsMm?: number[];
  frameTimesMs?: number[];
  /** Fractional source frame of each output frame (−1 for padding). */
  sourceFrames: number[];
}

export type RunOptions = JobOptions & { keepSteps?: boolean };

export async function runRecipe(scan: ScanInput, recipe: PreprocessRecipe, options: RunOptions = {}): Promise<RecipeResult> {
  const preview: StepSnapshot[] = [];
  const observe = options.keepSteps
    ? async (state: ScanState, record: StepRecord): Promise<void> => {
      preview.push({ op: record.op, shape: [...state.tensor.shape], data: (await state.tensor.data()) as Float32Array });
    }
    : undefined;
  const { state, records } = await executeRecipe(scan, recipe, options, observe);
  try {
    // data(), not dataSync(): on WebGPU a synchronous read blocks the worker on the GPU.
    const data = (await state.tensor.data()) as Float32Array;
    const result: RecipeResult = { data, shape: [...state.tensor.shape], steps: records, sourceFrames: state.sourceFrames };
    if (options.keepSteps) result.preview = preview;
    if (state.pixelSpacingMm) result.pixelSpacingMm = state.pixelSpacingMm;
    if (state.slicePositionsMm) result.slicePositionsMm = state.slicePositionsMm;
    if (state.frameTimesMs) result.frameTimesMs = state.frameTimesMs;
    return result;
  } finally {
    state.tensor.dispose();
  }
}
