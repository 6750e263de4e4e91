/**
 * The compute worker's training api: start, cancel and resume runs, list and delete them, move
 * their models in and out as zips, and run a model over the ingest worker's de-identified outputs
 * (served on a MessagePort). One run trains at a time; cancelling is cooperative, at the next
 * batch boundary, so the run's checkpoint is saved first. The worker file supplies what only a
 * browser has (the port wrapper, the tfjs backend and its GPU limits).
 */
import { EnclaveError, type Progress, type ProgressCallback } from '../jobs';
import type { BufferLimits } from '../ml/engine/batch-size';
import { importModelZip, PUBLIC_MODEL_SOURCES, type FetchLike, type NamedBytes } from '../ml/model-io';
import { BaseModelsRepository } from '../store/base-models-repository';
import { IdbModelCache } from '../store/model-cache';
import type { EpochRecord } from '../ml/train';
import { DatasetsRepository } from '../store/datasets-repository';
import { RunsRepository } from '../store/runs-repository';
import type { ArtifactRecord, BaseModelRecord, EnclaveDB, RunRecord } from '../store/schema';
import { downloadBaseModel, importBaseModelFiles, type DownloadOutcome, type DownloadRequest } from './base-models';
import type { DeidOutputSource, ScanPreprocessor } from './dataset-build';
import { inferWithRun, type InferenceReport } from './inference-job';
import { resumeTrainingRun, startTrainingRun, type TrainingDeps, type TrainingJobOptions } from './training-job';
import type { TrainRequest } from './training-request';

export interface TrainingApiDeps {
  openDatabase: () => Promise<EnclaveDB>;
  /** Makes the tfjs backend ready (selects it once) and says which it is. */
  ready: () => Promise<{ backend: string | null }>;
  /** The WebGPU device's buffer limits, or undefined off WebGPU (no per-buffer limit to check). */
  bufferLimits?: () => Promise<BufferLimits | null | undefined>;
  connect: (port: MessagePort) => DeidOutputSource;
  preprocess: ScanPreprocessor;
  enclaveVersion?: string;
  now?: () => number;
  newId?: () => string;
  /** The browser's fetch, for pretrained model downloads the person starts (absent: no downloads). */
  fetchImpl?: FetchLike;
  /** The app's own origin, e.g. https://enclave.example.org: downloads may come from it too. */
  appOrigin?: string;
}

export interface RunDetails {
  run: RunRecord;
  /** The run's stored files (checkpoint, model zip) without their bytes. */
  artifacts: Omit<ArtifactRecord, 'data'>[];
}

/**
 * A callback that crossed a worker boundary returns a promise that rejects once the main thread
 * released it; a report nobody listens to any more must not stop the run.
 */
function safe<T>(callback: ((value: T) => unknown) | undefined): ((value: T) => void) | undefined {
  if (!callback) return undefined;
  return (value: T) => {
    try {
      const returned = callback(value);
      if (returned instanceof Promise) returned.catch(() => undefined);
    } catch {
      // Advisory only.
    }
  };
}

export function createTrainingApi(deps: TrainingApiDeps) {
  let stores: Promise<{ runs: RunsRepository; datasets: DatasetsRepository; baseModels: BaseModelsRepository; modelCache: IdbModelCache }> | undefined;
  const repositories = () => (stores ??= deps.openDatabase().then((db) => ({
    runs: new RunsRepository(db, deps.now), datasets: new DatasetsRepository(db), baseModels: new BaseModelsRepository(db), modelCache: new IdbModelCache(db, deps.now),
  })));
  let training: { runId: string; controller: AbortController } | undefined;
  let inferring: AbortController | undefined;

  async function trainingDeps(): Promise<TrainingDeps> {
    const { backend } = await deps.ready();
    const limits = backend === 'webgpu' ? await deps.bufferLimits?.() : undefined;
    const { runs, datasets, baseModels } = await repositories();
    return {
      runs, datasets, baseModels,
      ...(backend ? { backend: () => backend } : {}),
      ...(limits !== undefined ? { bufferLimits: limits } : {}),
      enclaveVersion: deps.enclaveVersion, now: deps.now,
    };
  }

  async function exclusively(runId: string, job: (options: TrainingJobOptions) => Promise<RunRecord>, onProgress?: ProgressCallback, onEpoch?: (record: EpochRecord) => void): Promise<RunRecord> {
    if (training) {
      throw new EnclaveError('InvalidInputError', `Run ${training.runId} is training; cancel it or wait for it to finish before starting another.`);
    }
    const controller = new AbortController();
    training = { runId, controller };
    try {
      return await job({ signal: controller.signal, onProgress: safe<Progress>(onProgress), onEpoch: safe<EpochRecord>(onEpoch) });
    } finally {
      training = undefined;
    }
  }

  return {
    /** Trains a run to the end; resolves with the stored run ('finished', or 'cancelled' after cancelRun). */
    async startRun(request: TrainRequest, onProgress?: ProgressCallback, onEpoch?: (record: EpochRecord) => void): Promise<RunRecord> {
      const plain = JSON.parse(JSON.stringify(request)) as TrainRequest;
      return exclusively(plain.runId, async (options) => startTrainingRun(plain, await trainingDeps(), options), onProgress, onEpoch);
    },
    /** Stops the training run at its next batch boundary, after saving a checkpoint. */
    async cancelRun(): Promise<void> {
      training?.controller.abort();
    },
    /** Continues a cancelled or interrupted (page reloaded) run from its checkpoint. */
    async resumeRun(runId: string, onProgress?: ProgressCallback, onEpoch?: (record: EpochRecord) => void): Promise<RunRecord> {
      return exclusively(runId, async (options) => resumeTrainingRun(runId, await trainingDeps(), options), onProgress, onEpoch);
    },
    /** The id of the run training now, if any: a run stored as 'running' but not this one was interrupted. */
    async trainingRunId(): Promise<string | null> {
      return training?.runId ?? null;
    },
    async listRuns(projectId: string): Promise<RunRecord[]> {
      return (await repositories()).runs.listByProject(projectId);
    },
    async runDetails(runId: string): Promise<RunDetails> {
      const { runs } = await repositories();
      return { run: await runs.get(runId), artifacts: await runs.artifactsOf(runId) };
    },
    async deleteRun(runId: string): Promise<void> {
      if (training?.runId === runId) throw new EnclaveError('InvalidInputError', 'This run is training; cancel it before deleting it.');
      await (await repositories()).runs.delete(runId);
    },
    /** The run's model as a zip: tfjs layers model (model.json, weights.bin) and model-card.json. */
    async exportRunModel(runId: string): Promise<Blob> {
      const { runs } = await repositories();
      const run = await runs.get(runId);
      if (!run.modelArtifactId) throw new EnclaveError('InvalidInputError', `Run "${run.name}" has no trained model yet (it is ${run.status}).`);
      return new Blob([(await runs.readArtifact(run.modelArtifactId)) as BlobPart], { type: 'application/zip' });
    },
    /** Stores a model zip (from Enclave or any tfjs app) as a finished run of the project, ready for inference. */
    async importRunModel(bytes: Uint8Array, projectId: string, name?: string): Promise<RunRecord> {
      await deps.ready();
      const { model, card } = await importModelZip(bytes);
      model.dispose();
      const { runs } = await repositories();
      const time = (deps.now ?? Date.now)();
      const runId = `run-${(deps.newId ?? (() => crypto.randomUUID()))()}`;
      await runs.create({
        id: runId, projectId, name: name?.trim() || card?.name || 'Imported model', datasetId: null, createdAt: time, updatedAt: time,
        status: 'queued', origin: 'imported', ...(card ? { card, backend: card.backend } : {}),
      });
      try {
        return await runs.saveModel(runId, bytes, { status: 'finished' });
      } catch (error) {
        // A run without its model would only mislead: take it away again, keeping the first error.
        await runs.delete(runId).catch(() => undefined);
        throw error;
      }
    },
    /** Runs the model over the de-identified outputs served on `port`; one row per scan, failures included. */
    async inferWithRun(runId: string, port: MessagePort, onProgress?: ProgressCallback, modalities: string[] = []): Promise<InferenceReport> {
      await deps.ready();
      inferring = new AbortController();
      try {
        return await inferWithRun(runId, deps.connect(port), { runs: (await repositories()).runs, preprocess: deps.preprocess }, {
          signal: inferring.signal, onProgress: safe<Progress>(onProgress), modalities,
        });
      } finally {
        inferring = undefined;
        port.close();
      }
    },
    async cancelInference(): Promise<void> {
      inferring?.abort();
    },
    async listBaseModels(projectId: string): Promise<BaseModelRecord[]> {
      return (await repositories()).baseModels.listByProject(projectId);
    },
    /** Stores a dropped tfjs layers model (model.json and its weight files) as a base model of the project. */
    async importBaseModelFiles(projectId: string, files: NamedBytes[]): Promise<BaseModelRecord> {
      await deps.ready();
      const { baseModels } = await repositories();
      return importBaseModelFiles(projectId, files, { repository: baseModels, now: deps.now });
    },
    /** Downloads a catalogue model or a typed address (only where the page's policy allows) into the project. */
    async downloadBaseModel(projectId: string, request: DownloadRequest, onProgress?: ProgressCallback): Promise<DownloadOutcome> {
      if (!deps.fetchImpl) throw new EnclaveError('InvalidInputError', 'Downloading models is not available here; load the model from its files instead.');
      await deps.ready();
      const { baseModels, modelCache } = await repositories();
      return downloadBaseModel(projectId, request, {
        repository: baseModels, cache: modelCache, fetchImpl: deps.fetchImpl, now: deps.now,
        allowedSources: [...(deps.appOrigin ? [`${deps.appOrigin}/`] : []), ...PUBLIC_MODEL_SOURCES],
      }, { onProgress: safe<Progress>(onProgress) });
    },
    async deleteBaseModel(id: string): Promise<void> {
      await (await repositories()).baseModels.delete(id);
    },
  };
}

export type TrainingApi = ReturnType<typeof createTrainingApi>;
