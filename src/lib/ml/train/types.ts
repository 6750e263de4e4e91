/**
 * The shapes of a training run. Everything but `Batch` and the tensors inside it is plain data
 * that survives a structured clone, so configs, records and checkpoints cross the worker boundary
 * and go into IndexedDB as they are.
 */
import type * as tf from '@tensorflow/tfjs';

/**
 * softmax-cross-entropy: one class per sample (y: class indices [b] or one-hot [b, K]);
 * sigmoid-cross-entropy: independent 0/1 labels (y: [b] or [b, K]); mean-squared-error: regression.
 */
export type LossKind = 'softmax-cross-entropy' | 'sigmoid-cross-entropy' | 'mean-squared-error';

export type LearningRateSchedule =
  | { kind: 'constant' }
  /** Multiply the rate by `factor` every `everyEpochs` epochs. */
  | { kind: 'step'; everyEpochs: number; factor: number }
  /** Half a cosine from the base rate down towards `minLearningRate` over the run (SGDR without restarts). */
  | { kind: 'cosine'; minLearningRate: number };

export type EarlyStoppingMetric = 'val_loss' | 'val_auroc' | 'val_accuracy' | 'val_mae';

export interface EarlyStoppingConfig {
  metric: EarlyStoppingMetric;
  /** Epochs without improvement before stopping. */
  patience: number;
  /** 'min' for losses and errors, 'max' for AUROC and accuracy; inferred from the metric when absent. */
  mode?: 'min' | 'max';
  /** Smallest change that counts as an improvement (default 0). */
  minDelta?: number;
}

/** Random changes to training inputs; each is drawn per sample, and only where enabled. */
export interface AugmentationConfig {
  /** Probability of a left–right flip (0 or absent: never). */
  horizontalFlip?: number;
  /** Probability of an up–down flip. Off for most clinical views, where up and down carry meaning. */
  verticalFlip?: number;
  /** Largest rotation either way, in radians (0.1745 ≈ 10°). */
  maxRotation?: number;
  /** Largest relative change of contrast: intensities are multiplied by 1 ± this. */
  intensityScale?: number;
  /** Largest shift of intensities either way, in the input's units. */
  intensityShift?: number;
  /** Video only ([b, t, h, w, c]): shift the clip's start by up to ± this many frames. */
  temporalJitter?: number;
  /** How frames shifted past the clip's ends are filled: 'wrap' around (default) or repeat the 'edge' frame. */
  temporalEdge?: 'wrap' | 'edge';
}

export interface TrainConfig {
  optimizer: 'adam' | 'sgd';
  learningRate: number;
  /** SGD only: classical momentum (0 or absent: plain SGD). */
  momentum?: number;
  schedule: LearningRateSchedule;
  epochs: number;
  /** The batch size the caller's batches were cut to; used for the memory check and messages. */
  batchSize: number;
  loss: LossKind;
  /**
   * Weight of each class in the training loss ('balanced': n / (K · n_k), scikit-learn's rule,
   * from `TrainingData.classCounts`). Validation loss is never weighted.
   */
  classWeights?: number[] | 'balanced';
  earlyStopping?: EarlyStoppingConfig;
  augmentation?: AugmentationConfig;
  /** Seeds the augmentation draws; see trainModel for what a seed makes repeatable. */
  seed: number;
}

/** One batch from the caller. The loop owns it once yielded and disposes `x` and `y` after use. */
export interface Batch {
  x: tf.Tensor;
  y: tf.Tensor;
  itemIds?: string[];
}

export interface EpochContext {
  /** 0-based epoch; use it to seed the caller's own shuffle so an epoch's order repeats. */
  epoch: number;
  /**
   * The first batch to yield: 0, or where a resumed run stopped. The caller skips the earlier
   * batches without loading them (slice its item list at fromBatch · batchSize).
   */
  fromBatch: number;
}

export interface TrainingData {
  /** The training batches of one epoch, in the same order whenever asked for the same epoch. */
  train(context: EpochContext): AsyncIterable<Batch>;
  validation?(): AsyncIterable<Batch>;
  trainCount: number;
  validationCount: number;
  /** Samples per class in the training split; needed for classWeights 'balanced'. */
  classCounts?: number[];
}

export interface EpochRecord {
  /** 1-based, as people count epochs. */
  epoch: number;
  trainLoss: number;
  valLoss?: number;
  /** val_accuracy, val_auroc (classification); val_mae, val_rmse, val_r2 (regression). */
  valMetrics: Record<string, number>;
  learningRate: number;
  /** Training samples per second over the epoch's training batches (validation excluded). */
  samplesPerSecond: number;
  /** tf.memory().numTensors after the epoch: must stay flat from epoch to epoch. */
  numTensors: number;
}

export interface NamedArray {
  name: string;
  shape: number[];
  values: Float32Array;
}

export interface EarlyStoppingState {
  best: number | null;
  bestEpoch: number | null;
  epochsWithoutImprovement: number;
  /** Model weights at the best epoch, restored when the run stops early or ends. */
  bestWeights: NamedArray[] | null;
}

export interface Checkpoint {
  version: 1;
  /** Where to continue: the 0-based epoch, and the first batch of it not yet trained. */
  position: { epoch: number; batch: number };
  /** Training-loss sum and sample count of the part of `position.epoch` already trained. */
  partialEpoch: { lossSum: number; samples: number; seconds: number };
  /** Every model weight (trainable or not) in model.weights order. */
  weights: NamedArray[];
  /**
   * The optimizer's own state via tfjs getWeights(): the iteration count, and Adam's moments or
   * SGD's momentum accumulators, in the order of the model's trainable weights.
   */
  optimizer: NamedArray[];
  history: EpochRecord[];
  earlyStopping: EarlyStoppingState | null;
  config: TrainConfig;
  /** The augmentation generator is derived from (seed, epoch, batch), so this is its whole state. */
  rng: { seed: number };
  /** True when early stopping ended the run; resuming then only restores the best weights. */
  stoppedEarly: boolean;
  savedAt: string;
}

export interface CheckpointSink {
  save(checkpoint: Checkpoint): Promise<void>;
}

export interface TrainResult {
  history: EpochRecord[];
  /** 'early-stopped' when patience ran out; the best weights are in the model in both cases. */
  stopReason: 'completed' | 'early-stopped';
  bestEpoch: number | null;
}
