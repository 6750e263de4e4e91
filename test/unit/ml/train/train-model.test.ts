import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { Progress } from '../../../../src/lib/jobs';
import {
  batchLoss, createOptimizer, disposeOptimizer, trainModel,
  type Checkpoint, type EpochRecord, type TrainConfig,
} from '../../../../src/lib/ml/train';
import { denseModel, separableImages, trainingData, weightsOf } from './fixtures';

beforeAll(async () => { await tf.setBackend('cpu'); });

const config = (overrides: Partial<TrainConfig> = {}): TrainConfig => ({
  optimizer: 'adam', learningRate: 0.01, schedule: { kind: 'constant' }, epochs: 3, batchSize: 4,
  loss: 'softmax-cross-entropy', seed: 11, ...overrides,
});

const train = separableImages(16, 1);
const validation = separableImages(16, 2);

describe('one training step', () => {
  it('lowers the loss on a fixed batch', async () => {
    const model = denseModel();
    const x = tf.tensor4d(train.images, [16, 8, 8, 1]);
    const y = tf.tensor1d(train.labels, 'int32');
    const lossNow = (): number => tf.tidy(() => batchLoss('softmax-cross-entropy', model.predict(x) as tf.Tensor, y, 'probabilities').dataSync()[0] as number);
    const optimizer = createOptimizer({ optimizer: 'sgd', learningRate: 0.5 });
    const before = lossNow();
    optimizer.minimize(() => batchLoss('softmax-cross-entropy', model.apply(x, { training: true }) as tf.Tensor, y, 'probabilities'), false,
      model.trainableWeights.map((w) => w.read() as tf.Variable));
    expect(lossNow()).toBeLessThan(before);
    disposeOptimizer(optimizer);
    tf.dispose([x, y]);
    model.dispose();
  });
});

describe('trainModel', () => {
  it('learns a separable problem: val AUROC > 0.95, per-epoch records and progress', async () => {
    const model = denseModel();
    const records: EpochRecord[] = [];
    const progress: Progress[] = [];
    const result = await trainModel(model, trainingData(train, validation, 4), config({ epochs: 8, learningRate: 0.05 }), {
      onEpoch: (r) => records.push(r),
      onProgress: (p) => progress.push(p),
    });
    expect(result.stopReason).toBe('completed');
    expect(result.history).toEqual(records);
    expect(records.map((r) => r.epoch)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const last = records[records.length - 1] as EpochRecord;
    expect(last.valMetrics.val_auroc).toBeGreaterThan(0.95);
    expect(last.valMetrics.val_accuracy).toBeGreaterThan(0.9);
    expect(last.trainLoss).toBeLessThan((records[0] as EpochRecord).trainLoss);
    expect(last.valLoss).toBeGreaterThan(0);
    expect(last.samplesPerSecond).toBeGreaterThan(0);
    expect(last.learningRate).toBe(0.05);
    expect(progress.filter((p) => p.stage === 'batch').slice(0, 4).map((p) => [p.done, p.total])).toEqual([[1, 4], [2, 4], [3, 4], [4, 4]]);
    expect(progress.filter((p) => p.stage === 'epoch').map((p) => p.done)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(structuredClone(records)).toEqual(records);
    model.dispose();
  });

  it('keeps tf.memory().numTensors flat across epochs with augmentation on, and back at the baseline after', async () => {
    const model = denseModel();
    const baseline = tf.memory().numTensors;
    const result = await trainModel(model, trainingData(train, validation, 4), config({
      augmentation: { horizontalFlip: 0.5, verticalFlip: 0.5, maxRotation: 0.2, intensityScale: 0.1, intensityShift: 0.05 },
      classWeights: 'balanced',
      earlyStopping: { metric: 'val_loss', patience: 5 },
    }));
    const counts = result.history.map((r) => r.numTensors);
    expect(counts).toHaveLength(3);
    // Adam's two moments per trainable weight (4) and its two β-power scalars live until the end.
    expect(counts).toEqual([baseline + 10, baseline + 10, baseline + 10]);
    expect(tf.memory().numTensors).toBe(baseline);
    model.dispose();
  });

  it('a conv net with batch norm and dropout keeps numTensors flat too', async () => {
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [8, 8, 1], filters: 4, kernelSize: 3, useBias: false, kernelInitializer: tf.initializers.heNormal({ seed: 3 }) }),
        tf.layers.batchNormalization(),
        tf.layers.activation({ activation: 'relu' }),
        tf.layers.globalAveragePooling2d({}),
        tf.layers.dropout({ rate: 0.2, seed: 4 }),
        tf.layers.dense({ units: 2, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 5 }) }),
      ],
    });
    const movingMean = (): number[] => Array.from(model.layers[1]?.getWeights()[2]?.dataSync() ?? []);
    const before = movingMean();
    const baseline = tf.memory().numTensors;
    const result = await trainModel(model, trainingData(train, validation, 4), config({ augmentation: { horizontalFlip: 0.5 } }));
    const counts = result.history.map((r) => r.numTensors);
    expect(new Set(counts).size).toBe(1);
    expect(tf.memory().numTensors).toBe(baseline);
    expect(movingMean()).not.toEqual(before); // training mode reached the batch-norm layer
    model.dispose();
  });

  it('trains one sigmoid output with balanced class weights on column labels', async () => {
    const model = denseModel({ units: 1, activation: 'sigmoid' });
    const unbalanced = { ...train, labels: train.labels.map((y, i) => (i < 12 ? 0 : y)) };
    const result = await trainModel(model, trainingData(unbalanced, validation, 4, 'column'), config({
      loss: 'sigmoid-cross-entropy', classWeights: 'balanced', epochs: 2,
    }));
    expect(result.history).toHaveLength(2);
    expect(Object.keys(result.history[1]?.valMetrics ?? {}).sort()).toEqual(['val_accuracy', 'val_auroc']);
    model.dispose();
  });

  it('SGD with momentum and a step schedule also returns every tensor', async () => {
    const model = denseModel();
    const baseline = tf.memory().numTensors;
    const result = await trainModel(model, trainingData(train, undefined, 4), config({
      optimizer: 'sgd', momentum: 0.9, learningRate: 0.1, schedule: { kind: 'step', everyEpochs: 1, factor: 0.5 },
    }));
    expect(result.history.map((r) => r.learningRate)).toEqual([0.1, 0.05, 0.025]);
    expect(result.history[0]?.valLoss).toBeUndefined();
    expect(tf.memory().numTensors).toBe(baseline);
    model.dispose();
  });

  it('repeats exactly for the same seed on cpu, and differs for another', async () => {
    const augmentation = { horizontalFlip: 0.5, maxRotation: 0.2, intensityScale: 0.1 };
    const runWith = async (seed: number): Promise<number[][]> => {
      const model = denseModel();
      await trainModel(model, trainingData(train, validation, 4), config({ seed, augmentation }));
      const weights = await weightsOf(model);
      model.dispose();
      return weights;
    };
    const first = await runWith(5);
    expect(await runWith(5)).toEqual(first);
    expect(await runWith(6)).not.toEqual(first);
  });

  it('cancels at a batch boundary with a checkpoint, and resumes to the same weights as an uninterrupted run', async () => {
    const augmentation = { horizontalFlip: 0.5, intensityScale: 0.1 };
    const reference = denseModel();
    await trainModel(reference, trainingData(train, validation, 4), config({ augmentation }));

    const model = denseModel();
    const controller = new AbortController();
    const saved: Checkpoint[] = [];
    const sink = { save: async (c: Checkpoint): Promise<void> => { saved.push(structuredClone(c)); } };
    await expect(trainModel(model, trainingData(train, validation, 4), config({ augmentation }), {
      signal: controller.signal,
      checkpoint: sink,
      onProgress: (p) => { if (p.stage === 'batch' && p.done === 2 && saved.length === 1) controller.abort(); },
    })).rejects.toMatchObject({ name: 'CancelledError' });
    // One checkpoint at the end of epoch 1, then the cancel one in epoch 2 after two batches.
    expect(saved.map((c) => c.position)).toEqual([{ epoch: 1, batch: 0 }, { epoch: 1, batch: 2 }]);
    const checkpoint = saved[1] as Checkpoint;
    expect(checkpoint.history).toHaveLength(1);
    expect(checkpoint.partialEpoch.samples).toBe(8);
    expect(checkpoint.optimizer[0]).toMatchObject({ name: 'iter', values: new Float32Array([6]) });
    expect(checkpoint.optimizer).toHaveLength(1 + 2 * 4);
    model.dispose();

    // After a "reload": a fresh model and a fresh data source.
    const resumed = denseModel({ seed: 99 });
    const data = trainingData(train, validation, 4);
    const result = await trainModel(resumed, data, config({ augmentation }), { resumeFrom: checkpoint });
    expect(data.requested).toEqual([{ epoch: 1, fromBatch: 2 }, { epoch: 2, fromBatch: 0 }]);
    expect(result.history.map((r) => r.epoch)).toEqual([1, 2, 3]);
    expect(await weightsOf(resumed)).toEqual(await weightsOf(reference));
    resumed.dispose();

    // The epoch-boundary checkpoint (what a page reload finds) resumes to the same weights too.
    const reloaded = denseModel({ seed: 98 });
    const fromBoundary = await trainModel(reloaded, trainingData(train, validation, 4), config({ augmentation }), { resumeFrom: saved[0] as Checkpoint });
    expect(fromBoundary.history).toHaveLength(3);
    expect(await weightsOf(reloaded)).toEqual(await weightsOf(reference));
    reloaded.dispose();
    reference.dispose();
  });

  it('a cancel during validation saves a checkpoint that re-runs only the validation', async () => {
    const reference = denseModel();
    await trainModel(reference, trainingData(train, validation, 4), config({ epochs: 2 }));
    const model = denseModel();
    const controller = new AbortController();
    const saved: Checkpoint[] = [];
    const data = trainingData(train, validation, 4);
    data.validation = async function* () {
      controller.abort(); // as if the person pressed Cancel while the first epoch was being validated
      yield* trainingData(train, validation, 4).validation?.() ?? [];
    };
    await expect(trainModel(model, data, config({ epochs: 2 }), {
      signal: controller.signal, checkpoint: { save: async (c) => { saved.push(structuredClone(c)); } },
    })).rejects.toMatchObject({ name: 'CancelledError' });
    expect(saved.map((c) => [c.position, c.history.length, c.partialEpoch.samples])).toEqual([[{ epoch: 0, batch: 4 }, 0, 16]]);
    model.dispose();
    const resumed = denseModel({ seed: 50 });
    const again = trainingData(train, validation, 4);
    const result = await trainModel(resumed, again, config({ epochs: 2 }), { resumeFrom: saved[0] as Checkpoint });
    expect(again.requested).toEqual([{ epoch: 0, fromBatch: 4 }, { epoch: 1, fromBatch: 0 }]);
    expect(result.history.map((r) => r.epoch)).toEqual([1, 2]);
    expect(await weightsOf(resumed)).toEqual(await weightsOf(reference));
    resumed.dispose();
    reference.dispose();
  });

  it('stops early and restores the best weights', async () => {
    const model = denseModel();
    const snapshots: number[][][] = [];
    // Validation labels opposite to the training rule: the better the model fits, the worse val_loss.
    const contrary = { ...validation, labels: validation.labels.map((y) => 1 - y) };
    const result = await trainModel(model, trainingData(train, contrary, 4), config({
      epochs: 12, learningRate: 0.05, earlyStopping: { metric: 'val_loss', patience: 2 },
    }), { onEpoch: () => { snapshots.push(model.getWeights().map((w) => Array.from(w.dataSync()))); } });
    const losses = result.history.map((r) => r.valLoss as number);
    const best = losses.indexOf(Math.min(...losses));
    expect(result.stopReason).toBe('early-stopped');
    expect(result.bestEpoch).toBe(best + 1);
    expect(result.history).toHaveLength(best + 1 + 2);
    expect(result.history.length).toBeLessThan(12);
    expect(snapshots[snapshots.length - 1]).not.toEqual(snapshots[best]);
    expect(await weightsOf(model)).toEqual(snapshots[best]);
    model.dispose();
  });

  it('turns an out-of-memory failure into GpuOutOfMemoryError with half the batch, and a NaN loss into advice', async () => {
    const model = denseModel();
    const baseline = tf.memory().numTensors;
    const apply = model.apply.bind(model);
    model.apply = () => { throw new RangeError('Array buffer allocation failed'); };
    await expect(trainModel(model, trainingData(train, undefined, 4), config()))
      .rejects.toMatchObject({ name: 'GpuOutOfMemoryError', message: expect.stringMatching(/batch of 4 .*Try a batch size of 2\./) });
    model.apply = apply;
    const broken = { ...train, images: train.images.map(() => Number.NaN) };
    await expect(trainModel(model, trainingData(broken, undefined, 4), config()))
      .rejects.toMatchObject({ name: 'InvalidInputError', message: expect.stringMatching(/loss became NaN in epoch 1, batch 1/) });
    expect(tf.memory().numTensors).toBe(baseline);
    model.dispose();
  });

  it('refuses what cannot work before training', async () => {
    const model = denseModel();
    const data = trainingData(train, undefined, 4);
    await expect(trainModel(model, data, config({ earlyStopping: { metric: 'val_auroc', patience: 1 } })))
      .rejects.toMatchObject({ name: 'InvalidInputError', message: expect.stringMatching(/needs a validation split/) });
    await expect(trainModel(model, trainingData(train, validation, 4), config({ earlyStopping: { metric: 'val_mae', patience: 1 } })))
      .rejects.toMatchObject({ name: 'InvalidInputError' });
    await expect(trainModel(model, data, config({ batchSize: 64 }), { bufferLimits: null, bytesPerSample: 8 * 1_048_576 }))
      .rejects.toMatchObject({ name: 'GpuOutOfMemoryError', message: expect.stringMatching(/Use a batch size of 8 or less/) });
    model.dispose();
  });
});
