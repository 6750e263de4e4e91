/**
 * The loop shared by runRecipe and previewRecipe: validate, build the state, run each step,
 * record what it did, and hand each intermediate state to an observer. Exactly one tensor is
 * alive between steps, and none once the caller disposes the final state's tensor (also on
 * error and cancellation).
 */
import * as tf from '@tensorflow/tfjs';
import { throwIfCancelled, type JobOptions } from '../../jobs';
import { invertOverRange, toGrayscale, toRgb } from '../intensity/photometric';
import type { PreprocessRecipe } from '../recipe/types';
import { validateRecipe } from '../recipe/validate';
import { applyStep } from './apply-step';
import { checkScanInput, type ScanInput } from './scan-input';
import { initialState, type ScanState, type StepResult } from './state';

export interface StepRecord {
  /** The step's op, 'input' for the scan as given, or 'output' for the final conversion. */
  op: string;
  shape: number[];
  min: number;
  max: number;
  mean: number;
  /** What the step decided on its own (e.g. where the sector was found). */
  note?: string;
}

export type StepObserver = (state: ScanState, record: StepRecord) => Promise<void>;

export interface Execution {
  state: ScanState;
  records: StepRecord[];
}

/** Steps that see MONOCHROME1 values as they are; every other step needs them inverted first. */
const MONOCHROME1_AWARE = new Set(['modality-lut', 'voi']);

export async function executeRecipe(scan: ScanInput, recipe: PreprocessRecipe, options: JobOptions = {}, observe?: StepObserver): Promise<Execution> {
  const checked = validateRecipe(recipe);
  checkScanInput(scan);
  const total = checked.steps.length + 1;
  const records: StepRecord[] = [];
  let state = initialState(scan);
  const advance = async (result: StepResult, op: string, notes: string[]): Promise<void> => {
    // A step that left the values as they were (a clone shares its data) keeps the statistics.
    const previous = records.at(-1);
    const unchanged = previous !== undefined && result.tensor.dataId === state.tensor.dataId;
    state = replace(state, result);
    const allNotes = [...notes, ...(result.note ? [result.note] : [])];
    const record = unchanged ? restate(previous, op, allNotes) : await summarise(state.tensor, op, allNotes);
    records.push(record);
    await observe?.(state, record);
  };
  try {
    await advance({ tensor: state.tensor }, 'input', []);
    for (const [index, step] of checked.steps.entries()) {
      throwIfCancelled(options.signal, 'Preprocessing');
      options.onProgress?.({ stage: 'preprocess', done: index, total, message: step.op });
      const notes: string[] = [];
      if (state.photometric === 'MONOCHROME1' && !MONOCHROME1_AWARE.has(step.op)) {
        state = replace(state, { tensor: invertOverRange(state.tensor), photometric: 'MONOCHROME2' });
        notes.push('MONOCHROME1 inverted over the scan range first');
      }
      await advance(await applyStep(state, step, index), step.op, notes);
    }
    throwIfCancelled(options.signal, 'Preprocessing');
    const finish = finalConversion(state, checked.output.channels);
    if (finish) await advance(finish.result, 'output', finish.notes);
    options.onProgress?.({ stage: 'preprocess', done: total, total });
    return { state, records };
  } catch (error) {
    state.tensor.dispose();
    throw error;
  }
}

/** The output's channel count, and MONOCHROME1 turned round if no step did it. */
function finalConversion(state: ScanState, channels: 1 | 3): { result: StepResult; notes: string[] } | undefined {
  const notes: string[] = [];
  let tensor = state.tensor;
  const own = (next: tf.Tensor4D): void => {
    if (tensor !== state.tensor) tensor.dispose();
    tensor = next;
  };
  if (state.photometric === 'MONOCHROME1') {
    own(invertOverRange(tensor));
    notes.push('MONOCHROME1 inverted over the scan range');
  }
  if (tensor.shape[3] !== channels) {
    own(channels === 1 ? toGrayscale(tensor) : toRgb(tensor));
    notes.push(channels === 1 ? 'converted to grayscale (BT.601 luma) for a 1-channel output' : 'grayscale repeated to 3 channels for an RGB output');
  }
  if (tensor === state.tensor) return undefined;
  return { result: { tensor, photometric: channels === 3 ? 'RGB' : 'MONOCHROME2' }, notes };
}

function replace(state: ScanState, result: StepResult): ScanState {
  if (result.tensor !== state.tensor) state.tensor.dispose();
  const { note: _note, ...changes } = result;
  return { ...state, ...changes };
}

function restate(previous: StepRecord, op: string, notes: string[]): StepRecord {
  const { note: _note, ...record } = previous;
  return notes.length > 0 ? { ...record, op, note: notes.join('; ') } : { ...record, op };
}

async function summarise(tensor: tf.Tensor4D, op: string, notes: string[]): Promise<StepRecord> {
  // sum / n rather than tf.mean, which first divides every value by n.
  const summary = tf.tidy(() => tf.stack([tf.min(tensor), tf.max(tensor), tf.div(tf.sum(tensor), tensor.size)]));
  const [min, max, mean] = await summary.data();
  summary.dispose();
  const record: StepRecord = { op, shape: [...tensor.shape], min: min!, max: max!, mean: mean! };
  if (notes.length > 0) record.note = notes.join('; ');
  return record;
}
