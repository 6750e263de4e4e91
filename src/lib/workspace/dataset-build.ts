/**
 * Builds a dataset from de-identified outputs: one scan at a time, read → decode → recipe →
 * compact storage type → chunks → IndexedDB, so a dataset of hundreds of cines never sits in
 * memory. A scan that fails is a row in the report and the build goes on; a full disk or a
 * cancel stops the build with every scan written so far kept, and the dataset marked partial.
 */
import { chunkTensor } from '../dataset/chunks';
import { chooseStorage, encodeForStorage } from '../dataset/storage-codec';
import { describeError, EnclaveError, throttleProgress, type JobOptions } from '../jobs';
import type { PreprocessRecipe } from '../preprocess/recipe';
import type { DatasetRecord, DatasetsRepository } from '../store';
import { planScans, type PlannedScan } from './dataset-plan';
import type { DeidOutputItem } from './deid-outputs';

/** Where the de-identified bytes come from (the ingest worker, over a MessagePort). */
export interface DeidOutputSource {
  items(): Promise<DeidOutputItem[]>;
  bytes(path: string): Promise<Uint8Array>;
}

/** Turns one planned scan's bytes into the recipe's output tensor (float32, row-major). */
export type ScanPreprocessor = (
  scan: PlannedScan,
  read: (path: string) => Promise<Uint8Array>,
  recipe: PreprocessRecipe,
) => Promise<{ data: Float32Array; shape: number[] }>;

export interface BuildDatasetRequest {
  projectId: string;
  datasetId: string;
  name: string;
  recipe: PreprocessRecipe;
  /** Only outputs of these modalities (all when absent or empty). */
  modalities?: string[];
}

export interface ScanFailure {
  scanId: string;
  /** An error name (e.g. PixelDecodeError); the message says what to do. */
  reason: string;
  message: string;
}

export interface BuildDatasetReport {
  dataset: DatasetRecord;
  planned: number;
  stored: number;
  byteLength: number;
  failures: ScanFailure[];
  /** Distinct storage statements ("uint8, lossless", "float16, max abs error …") with counts. */
  precision: Record<string, number>;
}

export interface BuildDatasetDeps {
  source: DeidOutputSource;
  repository: DatasetsRepository;
  preprocess: ScanPreprocessor;
  now?: () => number;
}

export async function buildDataset(request: BuildDatasetRequest, deps: BuildDatasetDeps, options: JobOptions = {}): Promise<BuildDatasetReport> {
  const now = deps.now ?? Date.now;
  const items = await deps.source.items();
  const plan = planScans(items, request.recipe.kind, request.modalities);
  if (plan.length === 0) {
    throw new EnclaveError('InvalidInputError', noScansMessage(request.recipe.kind, items.length));
  }
  const createdAt = now();
  await deps.repository.save({
    id: request.datasetId, projectId: request.projectId, createdAt, updatedAt: createdAt, name: request.name,
    recipe: JSON.parse(JSON.stringify(request.recipe)), status: 'building',
  });
  const report = options.onProgress ? throttleProgress(options.onProgress) : undefined;
  const failures: ScanFailure[] = [];
  const precision: Record<string, number> = {};
  let stored = 0;
  let byteLength = 0;
  let stopReason: string | undefined;
  for (const [n, scan] of plan.entries()) {
    if (options.signal?.aborted) {
      stopReason = `Cancelled after ${stored} of ${plan.length} scans; the scans already stored are kept.`;
      break;
    }
    let tensor: { data: Float32Array; shape: number[] };
    try {
      tensor = await deps.preprocess(scan, (path) => deps.source.bytes(path), request.recipe);
    } catch (error) {
      const { name, message } = describeError(error);
      failures.push({ scanId: scan.scanId, reason: name, message });
      report?.({ stage: 'preprocess', done: n + 1, total: plan.length, message: scan.scanId });
      continue;
    }
    const choice = chooseStorage(tensor.data);
    const encoded = encodeForStorage(tensor.shape, tensor.data, choice);
    const { index, chunks } = chunkTensor(scan.scanId, encoded, { precision: choice.statement });
    try {
      const record = await deps.repository.putScan({
        projectId: request.projectId, datasetId: request.datasetId, scanId: scan.scanId, facts: scan.facts,
        shape: index.shape, dtype: choice.dtype, scale: index.scale, offset: index.offset,
        maxAbsError: choice.maxAbsError, precision: choice.statement,
      }, chunks.map((c) => c.bytes));
      stored += 1;
      byteLength += record.byteLength;
      const statement = storageLabel(choice.dtype, choice.lossless);
      precision[statement] = (precision[statement] ?? 0) + 1;
    } catch (error) {
      // Storage errors (a full disk above all) end the build: the next scan would fail the same way.
      stopReason = `${describeError(error).message} The build stopped after ${stored} of ${plan.length} scans; those are kept.`;
      break;
    }
    report?.({ stage: 'preprocess', done: n + 1, total: plan.length, message: scan.scanId });
  }
  const status: DatasetRecord['status'] = stopReason ? 'partial' : stored === 0 ? 'failed' : 'ready';
  const dataset = await deps.repository.update(request.datasetId, {
    status, updatedAt: now(), stopReason: stopReason ?? (stored === 0 ? 'No scan could be preprocessed; see the failures.' : undefined),
  });
  return { dataset, planned: plan.length, stored, byteLength, failures, precision };
}

function storageLabel(dtype: string, lossless: boolean): string {
  return lossless ? `${dtype} (lossless)` : `${dtype} (rounded)`;
}

function noScansMessage(kind: PreprocessRecipe['kind'], outputs: number): string {
  if (outputs === 0) return 'There are no de-identified scans yet. De-identify the imported studies first: only de-identified scans may enter a dataset.';
  const what = kind === 'cine' ? 'multi-frame (cine) instances' : kind === 'volume' ? 'series of two or more slices' : 'images';
  return `None of the ${outputs} de-identified instances fits a ${kind} recipe: it needs ${what} of the chosen modalities.`;
}
