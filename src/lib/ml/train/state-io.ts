/**
 * Model and optimizer state as plain named arrays (for checkpoints and best-weight snapshots),
 * and the few optimizer internals tfjs does not expose through its public API.
 */
import * as tf from '@tensorflow/tfjs';
import { EnclaveError } from '../../jobs';
import type { NamedArray, TrainConfig } from './types';

async function toNamedArray(name: string, tensor: tf.Tensor): Promise<NamedArray> {
  // A copy: on the cpu backend data() can return the tensor's own storage.
  return { name, shape: [...tensor.shape], values: new Float32Array(await tensor.data()) };
}

/** Every model weight, trainable or not (batch-norm statistics too), in model.weights order. */
export async function readModelWeights(model: tf.LayersModel): Promise<NamedArray[]> {
  return Promise.all(model.weights.map((w) => toNamedArray(w.originalName, w.read())));
}

/**
 * Writes weights back by position. Layer names are not stable across page reloads (tfjs numbers
 * them per session), so order and shape, not names, tie a saved weight to its variable.
 */
export function writeModelWeights(model: tf.LayersModel, weights: readonly NamedArray[]): void {
  const targets = model.weights;
  if (weights.length !== targets.length) {
    throw new EnclaveError('InvalidInputError', `The checkpoint holds ${weights.length} weights but the model has ${targets.length}; it was saved from a different model.`);
  }
  weights.forEach((w, i) => {
    const expected = targets[i]?.shape ?? [];
    if (w.shape.length !== expected.length || w.shape.some((d, k) => d !== expected[k])) {
      throw new EnclaveError('InvalidInputError', `Checkpoint weight ${i} (${w.name}) has shape [${w.shape}] but the model expects [${expected}]; it was saved from a different model.`);
    }
  });
  const tensors = weights.map((w) => tf.tensor(w.values, w.shape, 'float32'));
  try {
    model.setWeights(tensors);
  } finally {
    tf.dispose(tensors);
  }
}

export function createOptimizer(config: Pick<TrainConfig, 'optimizer' | 'learningRate' | 'momentum'>): tf.Optimizer {
  if (config.optimizer === 'adam') return tf.train.adam(config.learningRate);
  return config.momentum ? tf.train.momentum(config.learningRate, config.momentum) : tf.train.sgd(config.learningRate);
}

/**
 * tfjs reads Adam's rate from the `learningRate` field at every step but offers no setter; SGD and
 * momentum have setLearningRate, which also refreshes the scalar they multiply by.
 */
export function setLearningRate(optimizer: tf.Optimizer, learningRate: number): void {
  // Not `instanceof`: tfjs gives Optimizer a Symbol.hasInstance that accepts any optimizer.
  const className = optimizer.getClassName();
  if (className === 'SGD' || className === 'Momentum') {
    (optimizer as tf.SGDOptimizer).setLearningRate(learningRate);
    return;
  }
  (optimizer as unknown as { learningRate: number }).learningRate = learningRate;
}

/** Frees everything the optimizer holds, including the rate scalar MomentumOptimizer.dispose leaves behind. */
export function disposeOptimizer(optimizer: tf.Optimizer): void {
  optimizer.dispose();
  if (optimizer.getClassName() === 'Momentum') {
    (optimizer as unknown as { c?: tf.Tensor }).c?.dispose();
  }
}

/** The iteration count and the moment/momentum accumulators, in the order of the trainable weights. */
export async function readOptimizerState(optimizer: tf.Optimizer): Promise<NamedArray[]> {
  const named = await optimizer.getWeights();
  try {
    return await Promise.all(named.map((n) => toNamedArray(n.name, n.tensor)));
  } finally {
    // The first entry is a fresh scalar made by getWeights; the others are the optimizer's own variables.
    named[0]?.tensor.dispose();
  }
}

export async function restoreOptimizerState(optimizer: tf.Optimizer, state: readonly NamedArray[]): Promise<void> {
  if (state.length === 0) return;
  const named = state.map((s, i) => ({ name: s.name, tensor: tf.tensor(s.values, s.shape, i === 0 ? 'int32' : 'float32') }));
  try {
    await optimizer.setWeights(named);
  } finally {
    // setWeights wraps each tensor in a new variable, which keeps its own reference to the data.
    tf.dispose(named.map((n) => n.tensor));
  }
}
