/**
 * The model card travels with every exported model: what it predicts, what it was trained on
 * (counts only, never a patient's data), how, how well, and on which software. Versioned so a
 * later Enclave can still read cards written by this one.
 */
import { EnclaveError } from '../../jobs';
import { validateModelSpec, type ModelSpec } from '../models/spec';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface DataSummary {
  /** A name the researcher gave the dataset; never a patient identifier. */
  datasetName?: string;
  /** Samples per split, e.g. { train: 120, validation: 30, test: 30 }. */
  samples: Record<string, number>;
  /** Patients per split, when the split was by patient. */
  patients?: Record<string, number>;
  /** Samples per class in the training split (classification). */
  classCounts?: Record<string, number>;
  /** Modality and preprocessing in words, e.g. "echo A4C, 8 frames, 64×64, grey". */
  description?: string;
}

export interface ModelCard {
  version: 1;
  name: string;
  /** ISO 8601. */
  createdAt: string;
  task: 'classification' | 'regression';
  /** Class names in output order (classification); output names for regression if known. */
  classes?: string[];
  /** Input without the batch dimension, e.g. [64, 64, 3] or [8, 64, 64, 3]. */
  inputShape: number[];
  modelSpec?: ModelSpec;
  /** The preprocessing recipe that made the inputs (owned by src/lib/preprocess). */
  recipe?: JsonValue;
  dataSummary: DataSummary;
  /** Named results, e.g. { "test.auc": 0.91, "test.confusion": [[…]] }. */
  metrics: Record<string, JsonValue>;
  /** The tfjs backend the model was trained on: webgpu, webgl, wasm or cpu. */
  backend: string;
  versions: { enclave: string; tfjs: string };
  trainingConfig?: JsonValue;
  /** Intended use, limits, who trained it: free text. */
  notes: string;
  /** Where pretrained weights came from, if any (catalogue id or URL). */
  pretrained?: { source: string; cutLayer?: string; unfrozenBlocks?: number };
}

export const MODEL_CARD_VERSION = 1;

/** Checks untrusted JSON (from an imported zip) and returns it typed, or says what is wrong. */
export function validateModelCard(value: unknown): ModelCard {
  const problems: string[] = [];
  if (!isRecord(value)) throw invalidCard(['it is not a JSON object']);
  if (value.version !== MODEL_CARD_VERSION) {
    throw invalidCard([`its version is ${JSON.stringify(value.version)}; this Enclave reads version ${MODEL_CARD_VERSION}`]);
  }
  if (typeof value.name !== 'string' || value.name.trim() === '') problems.push('name must be a non-empty text');
  if (typeof value.createdAt !== 'string' || Number.isNaN(Date.parse(value.createdAt))) problems.push('createdAt must be an ISO date');
  if (value.task !== 'classification' && value.task !== 'regression') problems.push(`task must be 'classification' or 'regression'`);
  if (value.classes !== undefined && !(Array.isArray(value.classes) && value.classes.every((c) => typeof c === 'string'))) {
    problems.push('classes must be a list of texts');
  }
  if (!(Array.isArray(value.inputShape) && value.inputShape.length > 0 && value.inputShape.every((d) => Number.isInteger(d) && d > 0))) {
    problems.push('inputShape must be a list of positive whole numbers');
  }
  if (value.modelSpec !== undefined) {
    try {
      validateModelSpec(value.modelSpec);
    } catch (error) {
      problems.push(`modelSpec is not valid (${(error as Error).message})`);
    }
  }
  checkDataSummary(value.dataSummary, problems);
  if (!isRecord(value.metrics) || !isJson(value.metrics)) problems.push('metrics must be a JSON object');
  if (typeof value.backend !== 'string') problems.push('backend must be a text');
  const versions = value.versions;
  if (!isRecord(versions) || typeof versions.enclave !== 'string' || typeof versions.tfjs !== 'string') {
    problems.push('versions must give enclave and tfjs as texts');
  }
  if (typeof value.notes !== 'string') problems.push('notes must be a text');
  for (const key of ['recipe', 'trainingConfig'] as const) {
    if (value[key] !== undefined && !isJson(value[key])) problems.push(`${key} must be plain JSON`);
  }
  const pretrained = value.pretrained;
  if (pretrained !== undefined && !(isRecord(pretrained) && typeof pretrained.source === 'string')) {
    problems.push('pretrained must name its source');
  }
  if (problems.length > 0) throw invalidCard(problems);
  return value as unknown as ModelCard;
}

function checkDataSummary(value: unknown, problems: string[]): void {
  if (!isRecord(value)) {
    problems.push('dataSummary must be a JSON object');
    return;
  }
  for (const key of ['samples', 'patients', 'classCounts'] as const) {
    const counts = value[key];
    if (counts === undefined && key !== 'samples') continue;
    if (!isRecord(counts) || !Object.values(counts).every((n) => Number.isInteger(n) && (n as number) >= 0)) {
      problems.push(`dataSummary.${key} must map names to whole numbers`);
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isJson(value: unknown, depth = 0): boolean {
  if (depth > 32) return false;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((v) => isJson(v, depth + 1));
  if (isRecord(value)) return Object.values(value).every((v) => isJson(v, depth + 1));
  return false;
}

function invalidCard(problems: string[]): EnclaveError {
  return new EnclaveError('ModelFormatError', `The model card (model-card.json) is not valid: ${problems.join('; ')}.`);
}
