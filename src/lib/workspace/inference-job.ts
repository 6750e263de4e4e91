/**
 * Inference with a stored run's model over de-identified outputs: the very recipe the model was
 * trained with (from its card) turns each planned scan into the model's input, one scan at a
 * time, and each scan gets one row of probabilities or values. A scan that cannot be read,
 * preprocessed or shaped for the model is a row with a reason; the job goes on.
 *
 * How a clip meets the model: a clip model ([frames, h, w, c] input: frame-pool, R(2+1)D) takes
 * the whole clip and predicts once. A 2D image model given a cine recipe's clips predicts every
 * frame and the clip's row is the mean of the frames' probabilities (predictClips), so
 * `segments` says how many frames went into the row.
 */
import * as tf from '@tensorflow/tfjs';
import { toCsv } from '../csv';
import { describeError, EnclaveError, throttleProgress, throwIfCancelled, type JobOptions } from '../jobs';
import { importModelZip, type ModelCard } from '../ml/model-io';
import { predictClips, type LossKind } from '../ml/train';
import { validateRecipe, type PreprocessRecipe } from '../preprocess/recipe';
import type { RunsRepository } from '../store/runs-repository';
import type { DeidOutputSource, ScanPreprocessor } from './dataset-build';
import { planScans, type PlannedScan } from './dataset-plan';
import { sampleShapeOf } from './training-request';

export interface InferenceDeps {
  runs: RunsRepository;
  preprocess: ScanPreprocessor;
}

export interface InferenceOptions extends JobOptions {
  /** Only outputs of these modalities (all when absent or empty). */
  modalities?: string[];
}

export interface InferenceRow {
  scanId: string;
  pseudonym: string;
  studyInstanceUid: string;
  status: 'ok' | 'failed';
  /** Classification: probability of each class, summing to 1 for single-label models. */
  probabilities?: Record<string, number>;
  predictedClass?: string;
  /** Regression: one value per output, named as the card names them. */
  predictedValues?: Record<string, number>;
  /** Forward passes averaged into the row: 1 for a whole clip, the frame count per frame. */
  segments?: number;
  /** Failed rows: an error name and a message a person can act on. */
  reason?: string;
  message?: string;
}

export interface InferenceReport {
  runId: string;
  task: 'classification' | 'regression';
  /** Class names (classification) or output names (regression), in column order. */
  outputs: string[];
  /** 'whole-clip' (the model takes the recipe's output as it is) or 'mean over frames'. */
  aggregation: 'whole-clip' | 'mean-probability-over-frames';
  rows: InferenceRow[];
  csv: string;
}

interface ModelUse {
  loss: LossKind;
  inputShape: number[];
  outputs: string[];
  task: ModelCard['task'];
}

export async function inferWithRun(runId: string, source: DeidOutputSource, deps: InferenceDeps, options: InferenceOptions = {}): Promise<InferenceReport> {
  const run = await deps.runs.get(runId);
  if (!run.modelArtifactId) {
    throw new EnclaveError('InvalidInputError', `Run "${run.name}" has no trained model yet (it is ${run.status}); finish or resume the training first.`);
  }
  const { model, card } = await importModelZip(await deps.runs.readArtifact(run.modelArtifactId));
  try {
    if (!card?.recipe) {
      throw new EnclaveError('ModelFormatError', `The model of run "${run.name}" has no preprocessing recipe in its card, so new scans cannot be prepared the way it was trained.`);
    }
    const recipe = validateRecipe(card.recipe);
    const use = modelUse(model, card);
    const plan = planScans(await source.items(), recipe.kind, options.modalities);
    if (plan.length === 0) {
      throw new EnclaveError('InvalidInputError', `None of the de-identified scans fits this model's ${recipe.kind} recipe; de-identify ${recipe.kind === 'cine' ? 'multi-frame (cine) instances' : recipe.kind === 'volume' ? 'series of slices' : 'single images'} first.`);
    }
    const perFrame = recipe.kind === 'cine' && use.inputShape.length === 3;
    const report = options.onProgress ? throttleProgress(options.onProgress) : undefined;
    const rows: InferenceRow[] = [];
    for (const [n, scan] of plan.entries()) {
      throwIfCancelled(options.signal, 'Inference');
      rows.push(await predictScan(model, scan, recipe, use, perFrame, source, deps.preprocess));
      report?.({ stage: 'infer', done: n + 1, total: plan.length, message: scan.scanId });
    }
    return {
      runId, task: use.task, outputs: use.outputs, aggregation: perFrame ? 'mean-probability-over-frames' : 'whole-clip',
      rows, csv: inferenceCsv(rows, use),
    };
  } finally {
    model.dispose();
  }
}

/** The loss says how outputs become probabilities: the card's training config, else the head. */
function modelUse(model: tf.LayersModel, card: ModelCard): ModelUse {
  const inputShape = (model.inputs[0]?.shape.slice(1) ?? []) as number[];
  const width = (model.outputs[0]?.shape[model.outputs[0].shape.length - 1] ?? 1) as number;
  const trained = (card.trainingConfig as { loss?: LossKind } | undefined)?.loss;
  const loss: LossKind = trained ?? (card.task === 'regression' ? 'mean-squared-error' : width === 1 ? 'sigmoid-cross-entropy' : 'softmax-cross-entropy');
  const named = card.classes ?? [];
  const outputs = card.task === 'classification'
    ? (width === 1 ? (named.length === 2 ? named : ['negative', 'positive']) : named.length === width ? named : Array.from({ length: width }, (_, k) => `class ${k}`))
    : (named.length === width ? named : Array.from({ length: width }, (_, k) => `output ${k}`));
  return { loss, inputShape, outputs, task: card.task };
}

async function predictScan(
  model: tf.LayersModel, scan: PlannedScan, recipe: PreprocessRecipe, use: ModelUse, perFrame: boolean,
  source: DeidOutputSource, preprocess: ScanPreprocessor,
): Promise<InferenceRow> {
  const base = { scanId: scan.scanId, pseudonym: scan.facts.pseudonym, studyInstanceUid: scan.facts.studyInstanceUid };
  try {
    const tensor = await preprocess(scan, (path) => source.bytes(path), recipe);
    const sample = perFrame ? tensor.shape.slice(1) : sampleShapeOf(recipe.kind, tensor.shape);
    if (sample.join('x') !== use.inputShape.join('x')) {
      throw new EnclaveError('InvalidInputError', `The recipe made [${tensor.shape.join(', ')}] of this scan, but the model takes [${use.inputShape.join(', ')}]${perFrame ? ' per frame' : ''}.`);
    }
    const rows = perFrame ? tensor.shape[0] ?? 1 : 1;
    const [prediction] = await predictClips(model, single({ x: tf.tensor(tensor.data, [rows, ...sample], 'float32'), clipIds: new Array<string>(rows).fill(scan.scanId) }), { loss: use.loss });
    if (!prediction) throw new EnclaveError('InvalidInputError', 'The model gave no output for this scan.');
    return { ...base, status: 'ok', segments: prediction.segments, ...namedOutputs(prediction.outputs, use) };
  } catch (error) {
    const { name, message } = describeError(error);
    return { ...base, status: 'failed', reason: name, message };
  }
}

function namedOutputs(values: number[], use: ModelUse): Pick<InferenceRow, 'probabilities' | 'predictedClass' | 'predictedValues'> {
  if (use.task === 'regression') return { predictedValues: Object.fromEntries(use.outputs.map((name, k) => [name, values[k] ?? Number.NaN])) };
  // One sigmoid output is p(positive); the row shows both classes so every row sums to 1.
  const probabilities = values.length === 1 ? [1 - (values[0] ?? 0), values[0] ?? 0] : values;
  let best = 0;
  probabilities.forEach((p, k) => { if (p > (probabilities[best] ?? -Infinity)) best = k; });
  return {
    probabilities: Object.fromEntries(use.outputs.map((name, k) => [name, probabilities[k] ?? Number.NaN])),
    predictedClass: use.outputs[best],
  };
}

export function inferenceCsv(rows: readonly InferenceRow[], use: Pick<ModelUse, 'outputs' | 'task'>): string {
  const valueColumns = use.task === 'classification' ? use.outputs.map((name) => `p_${name}`) : use.outputs.map((name) => `predicted_${name}`);
  const header = ['scan_id', 'pseudonym', 'study_instance_uid', ...valueColumns, ...(use.task === 'classification' ? ['predicted_class'] : []), 'segments', 'status', 'reason', 'message'];
  const records = rows.map((row) => [
    row.scanId, row.pseudonym, row.studyInstanceUid,
    ...use.outputs.map((name) => (use.task === 'classification' ? row.probabilities?.[name] : row.predictedValues?.[name]) ?? ''),
    ...(use.task === 'classification' ? [row.predictedClass ?? ''] : []),
    row.segments ?? '', row.status, row.reason ?? '', row.message ?? '',
  ]);
  return toCsv(header, records, { guardFormulas: true });
}

async function* single<T>(item: T): AsyncGenerator<T> {
  yield item;
}
