/**
 * The training loop: a custom loop over optimizer.minimize rather than model.fit, so that it can
 * stop at any batch boundary with a checkpoint, weight classes in a streamed dataset, and keep
 * tf.memory().numTensors flat from epoch to epoch (the record of each epoch reports it).
 *
 * What a seed makes repeatable: on one backend, given the same initial weights (the model builder
 * seeds them), the same batches in the same order (the caller's shuffle; see shuffledOrder) and
 * seeded dropout layers, two runs produce the same weights. The loop's own randomness (the
 * augmentation) is derived from (seed, epoch, batch), so a run resumed from a checkpoint
 * continues exactly as the uninterrupted run would have. Different backends round differently,
 * so runs on webgpu and cpu agree only approximately.
 */
import * as tf from '@tensorflow/tfjs';
import { cancelledError, EnclaveError, type JobOptions } from '../../jobs';
import type { BufferLimits } from '../engine/batch-size';
import { augment } from './augment';
import { checkEarlyStoppingConfig, initialEarlyStopping, updateEarlyStopping } from './early-stopping';
import { batchLoss, detectOutputKind, resolveClassWeights, type OutputKind } from './losses';
import { checkBatchSize, estimateBytesPerSample, isOutOfMemoryError, toGpuOutOfMemoryError } from './memory';
import { collectPredictions } from './predict';
import { learningRateAt, validateTrainConfig } from './schedule';
import { batchRandom } from './seeding';
import {
  createOptimizer, disposeOptimizer, readModelWeights, readOptimizerState, restoreOptimizerState,
  setLearningRate, writeModelWeights,
} from './state-io';
import type { Batch, Checkpoint, CheckpointSink, EarlyStoppingState, EpochRecord, TrainConfig, TrainingData, TrainResult } from './types';
import { validationMetrics } from './validation-metrics';

export interface TrainOptions extends JobOptions {
  onEpoch?(record: EpochRecord): void;
  /** Receives a checkpoint at every epoch end (so a reload loses at most one epoch) and on cancel. */
  checkpoint?: CheckpointSink;
  resumeFrom?: Checkpoint;
  /** The WebGPU device's limits; when given (null: the spec minima) the batch size is checked first. */
  bufferLimits?: BufferLimits | null;
  /** Bytes of the largest per-sample tensor; estimated from the model's layer shapes when absent. */
  bytesPerSample?: number;
  /** Whether the model ends in softmax/sigmoid; detected from its last layer when absent. */
  outputKind?: OutputKind;
}

interface EpochProgress {
  lossSum: number;
  samples: number;
  seconds: number;
}

interface Run {
  model: tf.LayersModel;
  data: TrainingData;
  config: TrainConfig;
  options: TrainOptions;
  optimizer: tf.Optimizer;
  trainable: tf.Variable[];
  classWeights: number[] | undefined;
  outputKind: OutputKind;
  history: EpochRecord[];
  earlyStopping: EarlyStoppingState | null;
}

const now = (): number => performance.now();

function disposeBatch(batch: Batch): void {
  tf.dispose([batch.x, batch.y]);
}

async function saveCheckpoint(run: Run, position: Checkpoint['position'], partial: EpochProgress, stoppedEarly = false): Promise<void> {
  if (!run.options.checkpoint) return;
  const checkpoint: Checkpoint = {
    version: 1,
    position,
    partialEpoch: { ...partial },
    weights: await readModelWeights(run.model),
    optimizer: await readOptimizerState(run.optimizer),
    history: run.history.map((r) => ({ ...r, valMetrics: { ...r.valMetrics } })),
    earlyStopping: run.earlyStopping ? { ...run.earlyStopping } : null,
    config: structuredClone(run.config),
    rng: { seed: run.config.seed },
    stoppedEarly,
    savedAt: new Date().toISOString(),
  };
  await run.options.checkpoint.save(checkpoint);
}

/** One optimizer step on one batch; returns the batch's (weighted) training loss. */
async function trainStep(run: Run, batch: Batch, epoch: number, batchIndex: number): Promise<number> {
  const { model, config } = run;
  const x = augment(batch.x, config.augmentation, batchRandom(config.seed, epoch, batchIndex));
  try {
    const cost = run.optimizer.minimize(() => {
      const output = model.apply(x, { training: true }) as tf.Tensor;
      return batchLoss(config.loss, output, batch.y, run.outputKind, run.classWeights);
    }, true, run.trainable) as tf.Scalar;
    const value = (await cost.data())[0] as number;
    cost.dispose();
    return value;
  } finally {
    if (x !== batch.x) x.dispose();
  }
}

/** The training batches of one epoch; returns the next batch index, or throws CancelledError after a checkpoint. */
async function trainEpoch(run: Run, epoch: number, fromBatch: number, progress: EpochProgress): Promise<number> {
  const { config, options } = run;
  const batchesPerEpoch = Math.ceil(run.data.trainCount / config.batchSize);
  const iterator = run.data.train({ epoch, fromBatch })[Symbol.asyncIterator]();
  let batchIndex = fromBatch;
  try {
    for (;;) {
      if (options.signal?.aborted) {
        await saveCheckpoint(run, { epoch, batch: batchIndex }, progress);
        throw cancelledError('Training');
      }
      const started = now();
      const next = await iterator.next();
      if (next.done) break;
      const batch = next.value;
      let loss: number;
      try {
        loss = await trainStep(run, batch, epoch, batchIndex);
      } catch (error) {
        if (isOutOfMemoryError(error)) throw toGpuOutOfMemoryError(error, config.batchSize);
        throw error;
      } finally {
        disposeBatch(batch);
      }
      if (!Number.isFinite(loss)) {
        throw new EnclaveError('InvalidInputError', `The training loss became ${loss} in epoch ${epoch + 1}, batch ${batchIndex + 1}. Lower the learning rate, or check the inputs for NaN values.`);
      }
      const size = batch.x.shape[0] ?? 0;
      progress.lossSum += loss * size;
      progress.samples += size;
      progress.seconds += (now() - started) / 1000;
      batchIndex += 1;
      options.onProgress?.({ stage: 'batch', done: batchIndex, total: Math.max(batchesPerEpoch, batchIndex), message: `Epoch ${epoch + 1}/${config.epochs}, loss ${loss.toFixed(4)}` });
    }
  } finally {
    await iterator.return?.();
  }
  return batchIndex;
}

async function validate(run: Run): Promise<{ valLoss?: number; valMetrics: Record<string, number> }> {
  if (!run.data.validation) return { valMetrics: {} };
  const predictions = await collectPredictions(run.model, run.data.validation(), {
    loss: run.config.loss, outputKind: run.outputKind, signal: run.options.signal, itemCount: run.data.validationCount,
  });
  if (predictions.itemIds.length === 0) return { valMetrics: {} };
  return { valLoss: predictions.loss, valMetrics: validationMetrics(run.config.loss, predictions) };
}

function restoreFromCheckpoint(run: Run, checkpoint: Checkpoint): Promise<void> {
  if (checkpoint.config.optimizer !== run.config.optimizer || Boolean(checkpoint.config.momentum) !== Boolean(run.config.momentum)) {
    throw new EnclaveError('InvalidInputError', `The checkpoint was trained with ${checkpoint.config.optimizer} and cannot continue with ${run.config.optimizer}; resume with the same optimizer.`);
  }
  writeModelWeights(run.model, checkpoint.weights);
  run.history.push(...checkpoint.history);
  if (run.earlyStopping && checkpoint.earlyStopping) Object.assign(run.earlyStopping, checkpoint.earlyStopping);
  return restoreOptimizerState(run.optimizer, checkpoint.optimizer);
}

/**
 * Trains `model` in place. Progress: stage 'batch' (done/total of the epoch's batches) and
 * 'epoch' (done/total epochs). Cancelling the signal stops at the next batch boundary: a
 * checkpoint goes to `options.checkpoint` first, then CancelledError is thrown. A checkpoint
 * passed back as `resumeFrom` continues from the batch where it stopped, history included.
 */
export async function trainModel(
  model: tf.LayersModel,
  data: TrainingData,
  config: TrainConfig,
  options: TrainOptions = {},
): Promise<TrainResult> {
  validateTrainConfig(config);
  if (config.earlyStopping) checkEarlyStoppingConfig(config.earlyStopping, config.loss, data.validation !== undefined);
  if (options.bufferLimits !== undefined) {
    const check = checkBatchSize(options.bytesPerSample ?? estimateBytesPerSample(model), options.bufferLimits, config.batchSize);
    if (!check.ok) throw check.error;
  }
  const run: Run = {
    model, data, config, options,
    optimizer: createOptimizer(config),
    trainable: model.trainableWeights.map((w) => w.read() as tf.Variable),
    classWeights: resolveClassWeights(config, data.classCounts),
    outputKind: options.outputKind ?? detectOutputKind(model),
    history: [],
    earlyStopping: config.earlyStopping ? initialEarlyStopping() : null,
  };
  try {
    const resume = options.resumeFrom;
    if (resume) await restoreFromCheckpoint(run, resume);
    let stopReason: TrainResult['stopReason'] = resume?.stoppedEarly ? 'early-stopped' : 'completed';
    const firstEpoch = resume?.stoppedEarly ? config.epochs : resume?.position.epoch ?? 0;
    for (let epoch = firstEpoch; epoch < config.epochs; epoch++) {
      const resuming = resume !== undefined && epoch === resume.position.epoch;
      const progress: EpochProgress = resuming ? { ...resume.partialEpoch } : { lossSum: 0, samples: 0, seconds: 0 };
      const learningRate = learningRateAt(config, epoch);
      setLearningRate(run.optimizer, learningRate);
      const batchesDone = await trainEpoch(run, epoch, resuming ? resume.position.batch : 0, progress);
      if (options.signal?.aborted) {
        await saveCheckpoint(run, { epoch, batch: batchesDone }, progress);
        throw cancelledError('Training');
      }
      const { valLoss, valMetrics } = await validate(run).catch(async (error: unknown) => {
        if (error instanceof EnclaveError && error.name === 'CancelledError') {
          // Training of this epoch is done; resuming re-runs only its validation.
          await saveCheckpoint(run, { epoch, batch: batchesDone }, progress);
          throw cancelledError('Training');
        }
        throw isOutOfMemoryError(error) ? toGpuOutOfMemoryError(error, config.batchSize) : error;
      });
      const record: EpochRecord = {
        epoch: epoch + 1,
        trainLoss: progress.samples > 0 ? progress.lossSum / progress.samples : Number.NaN,
        ...(valLoss === undefined ? {} : { valLoss }),
        valMetrics,
        learningRate,
        samplesPerSecond: progress.seconds > 0 ? progress.samples / progress.seconds : 0,
        numTensors: tf.memory().numTensors,
      };
      run.history.push(record);
      options.onEpoch?.(record);
      options.onProgress?.({ stage: 'epoch', done: epoch + 1, total: config.epochs, message: `Epoch ${epoch + 1}: loss ${record.trainLoss.toFixed(4)}` });
      let stop = false;
      if (run.earlyStopping && config.earlyStopping) {
        const metric = config.earlyStopping.metric;
        const value = metric === 'val_loss' ? valLoss : valMetrics[metric];
        const update = updateEarlyStopping(run.earlyStopping, config.earlyStopping, epoch + 1, value);
        if (update.improved) run.earlyStopping.bestWeights = await readModelWeights(model);
        stop = update.stop;
      }
      await saveCheckpoint(run, { epoch: epoch + 1, batch: 0 }, { lossSum: 0, samples: 0, seconds: 0 }, stop);
      if (stop) {
        stopReason = 'early-stopped';
        break;
      }
    }
    const best = run.earlyStopping;
    if (best?.bestWeights && best.bestEpoch !== run.history[run.history.length - 1]?.epoch) writeModelWeights(model, best.bestWeights);
    return { history: run.history, stopReason, bestEpoch: best?.bestEpoch ?? null };
  } finally {
    disposeOptimizer(run.optimizer);
  }
}
