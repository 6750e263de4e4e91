/**
 * previewRecipe: one 2D frame after each step, for the recipe editor's step-by-step preview.
 * The frame shown after a temporal step is the one that came from nearest the chosen source
 * frame, so the preview follows the same moment of the clip (or place in the volume).
 */
import * as tf from '@tensorflow/tfjs';
import type { JobOptions } from '../../jobs';
import type { PreprocessRecipe } from '../recipe/types';
import { executeRecipe, type StepRecord } from './execute';
import type { ScanInput } from './scan-input';
import type { ScanState } from './state';

export interface PreviewFrame extends StepRecord {
  /** Which frame of the step's output is shown. */
  frame: number;
  rows: number;
  columns: number;
  channels: number;
  /** rows × columns × channels, channels interleaved. */
  data: Float32Array;
}

export async function previewRecipe(scan: ScanInput, recipe: PreprocessRecipe, frameIndex: number, options: JobOptions = {}): Promise<PreviewFrame[]> {
  const frames: PreviewFrame[] = [];
  const observe = async (state: ScanState, record: StepRecord): Promise<void> => {
    const frame = nearestFrame(state.sourceFrames, frameIndex);
    const [, rows, columns, channels] = state.tensor.shape;
    const slice = tf.slice(state.tensor, [frame, 0, 0, 0], [1, -1, -1, -1]);
    const data = (await slice.data()) as Float32Array;
    slice.dispose();
    frames.push({ ...record, frame, rows, columns, channels, data });
  };
  const { state } = await executeRecipe(scan, recipe, options, observe);
  state.tensor.dispose();
  return frames;
}

/** The frame whose source frame is nearest `target` (the first on a tie); padding never wins. */
export function nearestFrame(sourceFrames: readonly number[], target: number): number {
  let best = 0;
  let bestDistance = Number.POSITIVE_INFINITY;
  sourceFrames.forEach((source, i) => {
    const distance = source < 0 ? Number.POSITIVE_INFINITY : Math.abs(source - target);
    if (distance < bestDistance) {
      best = i;
      bestDistance = distance;
    }
  });
  return best;
}
