/**
 * A training run from a stored dataset to a stored model: build the model the request describes
 * (input shape from the dataset), check the batch fits the GPU, train with a checkpoint in
 * IndexedDB at every epoch end and on cancel, evaluate on the validation and test splits, and
 * store the model zip with its card. A cancelled run (or one whose page was closed) resumes from
 * its checkpoint with `resumeTrainingRun`; a failure marks the run 'failed' with its reason and
 * keeps the last checkpoint.
 */
import * as tf from '@tensorflow/tfjs';
import { describeError, EnclaveError, type JobOptions } from '../jobs';
import type { BufferLimits } from '../ml/engine/batch-size';
import { exportModelZip } from '../ml/model-io';
import { validateModelSpec, type ModelSpec } from '../ml/models';
import {
  checkBatchSize, estimateBytesPerSample, trainModel, validateTrainConfig, type Checkpoint, type CheckpointSink, type EpochRecord,
} from '../ml/train';
import type { BaseModelsRepository } from '../store/base-models-repository';
import type { DatasetsRepository } from '../store/datasets-repository';
import type { RunsRepository } from '../store/runs-repository';
import type { DatasetRecord, RunRecord } from '../store/schema';
import { preciseBatchNormStatistics } from './training-bn';
import { decodeCheckpoint, encodeCheckpoint } from './training-checkpoint';
import { evaluateSplits, runModelCard } from './training-card';
import { datasetBatches, type DatasetBatches } from './training-data';
import { copyHeadWeights, prepareQuickMode } from './training-quick';
import { buildRunModel } from './training-model';
import { resolveModelSpec, type TrainRequest } from './training-request';

export interface TrainingDeps {
  runs: RunsRepository;
  datasets: DatasetsRepository;
  /** Needed only by runs that start from a pretrained base model. */
  baseModels?: BaseModelsRepository;
  /** The tfjs backend in use, for the record and the card (default tf.getBackend()). */
  backend?: () => string;
  /** The WebGPU device's buffer limits; undefined skips the batch-size check (cpu, wasm). */
  bufferLimits?: BufferLimits | null;
  enclaveVersion?: string;
  now?: () => number;
}

export interface TrainingJobOptions extends JobOptions {
  onEpoch?(record: EpochRecord): void;
}

/**
 * Starts and finishes (or stops) a run. Resolves with the stored run: 'finished', or 'cancelled'
 * (resumable) when the signal fired. Request errors (no labels, a head that does not fit) throw
 * before any run is stored; a failure during the run marks it 'failed' and is rethrown.
 */
export async function startTrainingRun(request: TrainRequest, deps: TrainingDeps, options: TrainingJobOptions = {}): Promise<RunRecord> {
  const dataset = await deps.datasets.get(request.datasetId);
  if (dataset.projectId !== request.projectId) {
    throw new EnclaveError('InvalidInputError', `Dataset "${dataset.name}" belongs to another project; choose a dataset of this project.`);
  }
  const source = await datasetBatches(deps.datasets, dataset, {
    labelColumn: request.labelColumn, task: request.task, batchSize: request.train.batchSize, seed: request.train.seed, validationFold: request.validationFold,
  });
  validateTrainConfig(request.train);
  const spec = validateModelSpec(resolveModelSpec(request, source.sampleShape, source.classes));
  const config: TrainRequest = { ...structuredClone(request), model: spec };
  const now = deps.now ?? Date.now;
  const time = now();
  const run = await deps.runs.create({
    id: request.runId, projectId: request.projectId, name: request.name, datasetId: request.datasetId, createdAt: time, updatedAt: time,
    status: 'running', config, history: [], data: source.summary, backend: backendOf(deps), origin: 'trained',
  });
  return runTraining(run, config, dataset, source, deps, options);
}

/** Continues a cancelled or interrupted run from its stored checkpoint, to the same end. */
export async function resumeTrainingRun(runId: string, deps: TrainingDeps, options: TrainingJobOptions = {}): Promise<RunRecord> {
  const run = await deps.runs.get(runId);
  const config = run.config;
  if (!config) throw new EnclaveError('InvalidInputError', `Run "${run.name}" was imported, not trained here, so there is nothing to resume.`);
  if (run.status === 'finished') throw new EnclaveError('InvalidInputError', `Run "${run.name}" has already finished.`);
  if (!run.checkpointArtifactId) {
    throw new EnclaveError('NotFoundError', `Run "${run.name}" stopped before its first checkpoint was saved, so it cannot resume; start it again.`);
  }
  const checkpoint = decodeCheckpoint(await deps.runs.readArtifact(run.checkpointArtifactId));
  const dataset = await deps.datasets.get(config.datasetId);
  const source = await datasetBatches(deps.datasets, dataset, {
    labelColumn: config.labelColumn, task: config.task, batchSize: config.train.batchSize, seed: config.train.seed, validationFold: config.validationFold,
  });
  const resumed = await deps.runs.update(runId, { status: 'running', reason: undefined, backend: backendOf(deps) });
  return runTraining(resumed, config, dataset, source, deps, options, checkpoint);
}

function backendOf(deps: TrainingDeps): string {
  return deps.backend?.() ?? tf.getBackend();
}

async function runTraining(
  run: RunRecord, config: TrainRequest, dataset: DatasetRecord, source: DatasetBatches, deps: TrainingDeps,
  options: TrainingJobOptions, resumeFrom?: Checkpoint,
): Promise<RunRecord> {
  const spec: ModelSpec = config.model;
  const { model, base } = await buildRunModel(config, spec, deps.baseModels);
  let head: tf.LayersModel | undefined;
  try {
    if (deps.bufferLimits !== undefined) {
      const check = checkBatchSize(estimateBytesPerSample(model), deps.bufferLimits, config.train.batchSize);
      if (!check.ok) throw check.error;
    }
    const quick = config.quickMode ? await prepareQuickMode(model, spec, source, config.train.batchSize, config.train.seed, options) : undefined;
    head = quick?.head;
    const sink: CheckpointSink = {
      save: async (checkpoint) => {
        const cancelled = options.signal?.aborted === true;
        await deps.runs.saveCheckpoint(run.id, encodeCheckpoint(checkpoint), {
          status: cancelled ? 'cancelled' : 'running',
          reason: cancelled ? cancelReason(checkpoint) : undefined,
          history: checkpoint.history,
          checkpointPosition: { ...checkpoint.position },
        });
      },
    };
    const trained = await trainModel(head ?? model, quick?.data ?? source.data, config.train, {
      onEpoch: options.onEpoch, onProgress: options.onProgress, signal: options.signal, checkpoint: sink, resumeFrom,
    });
    if (quick && head) copyHeadWeights(head, model);
    // Quick mode's backbone is frozen: its statistics made the embeddings the head learned from.
    else await preciseBatchNormStatistics(model, source.batches('train'), options);
    const evaluation = await evaluateSplits(
      head ?? model,
      { validation: () => (quick ?? source).batches('validation'), test: () => (quick ?? source).batches('test') },
      config, source.summary, options,
    );
    const backend = backendOf(deps);
    const card = runModelCard({
      request: config, spec, dataset, summary: source.summary, evaluation, backend, base,
      enclaveVersion: deps.enclaveVersion ?? 'development', createdAt: new Date((deps.now ?? Date.now)()).toISOString(),
    });
    const zip = await exportModelZip(model, card);
    options.onProgress?.({ stage: 'save', done: 1, total: 1, message: 'Model saved' });
    return await deps.runs.saveModel(run.id, zip, {
      status: 'finished', reason: undefined, history: trained.history, evaluation, card, backend,
    });
  } catch (error) {
    await recordStop(deps, run.id, error);
    if (describeError(error).name === 'CancelledError') return deps.runs.get(run.id);
    throw error;
  } finally {
    head?.dispose();
    model.dispose();
  }
}

function cancelReason(checkpoint: Checkpoint): { name: string; message: string } {
  const { epoch, batch } = checkpoint.position;
  return {
    name: 'CancelledError',
    message: `Cancelled in epoch ${epoch + 1} after ${batch} batches; resume to continue from there.`,
  };
}

/**
 * Marks the run after an error: 'cancelled' (its checkpoint already says where) or 'failed' with
 * the error's name and message.
 */
async function recordStop(deps: TrainingDeps, runId: string, error: unknown): Promise<void> {
  const { name, message } = describeError(error);
  try {
    if (name === 'CancelledError') {
      const current = await deps.runs.get(runId);
      if (current.status !== 'cancelled') {
        await deps.runs.update(runId, { status: 'cancelled', reason: { name, message: 'Cancelled before the first checkpoint; start the run again.' } });
      }
    } else {
      await deps.runs.update(runId, { status: 'failed', reason: { name, message } });
    }
  } catch {
    // The store may be what failed (a full disk); the original error explains more than this one.
  }
}
