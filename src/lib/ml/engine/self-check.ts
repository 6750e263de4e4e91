/**
 * The gradient the engine computes at start-up on every candidate backend and on cpu. Small
 * (a few hundred values, milliseconds on cpu) but it runs every kernel family a CNN fine-tune
 * needs backwards: conv2d (input and filter gradients), bias add, tanh, average pooling,
 * reshape, matMul and softmax cross-entropy. Inputs and weights come from a fixed seed so every
 * backend sees the same numbers.
 */
import type { Tensor, Tensor2D, Tensor4D } from '@tensorflow/tfjs-core';
import type { Tf } from './types';
import { mulberry32 } from '../../util/mulberry32';

export interface SelfCheckParameter {
  name: string;
  shape: number[];
  values: Float32Array;
}


const BATCH = 2;
const SIDE = 6;
const IN_CHANNELS = 2;
const FILTERS = 4;
const CLASSES = 3;
const FEATURES = (SIDE / 2) * (SIDE / 2) * FILTERS;
/** One-hot labels of the two samples: class 0 and class 2. */
const LABELS = [1, 0, 0, 0, 0, 1];

/** Parameters in gradient order. Scales keep tanh out of saturation so no gradient vanishes. */
export function selfCheckParameters(seed = 20261127): SelfCheckParameter[] {
  const next = mulberry32(seed);
  const make = (name: string, shape: number[], scale: number): SelfCheckParameter => {
    const size = shape.reduce((a, b) => a * b, 1);
    const values = new Float32Array(size);
    for (let i = 0; i < size; i++) values[i] = (next() * 2 - 1) * scale;
    return { name, shape, values };
  };
  return [
    make('input', [BATCH, SIDE, SIDE, IN_CHANNELS], 1),
    make('conv filter', [3, 3, IN_CHANNELS, FILTERS], 0.3),
    make('conv bias', [FILTERS], 0.1),
    make('dense weights', [FEATURES, CLASSES], 0.3),
    make('dense bias', [CLASSES], 0.1),
  ];
}

/** The self-check loss of the given parameter tensors (in `selfCheckParameters` order). */
export function selfCheckLoss(tf: Tf, params: readonly Tensor[]): Tensor {
  const [input, filter, convBias, dense, denseBias] = params;
  if (!input || !filter || !convBias || !dense || !denseBias) {
    throw new Error(`selfCheckLoss needs 5 parameter tensors, got ${params.length}`);
  }
  return tf.tidy(() => {
    const conv = tf.conv2d(input as Tensor4D, filter as Tensor4D, 1, 'same');
    const activated = tf.tanh(tf.add(conv, convBias));
    const pooled = tf.avgPool(activated as Tensor4D, 2, 2, 'valid');
    const flat = tf.reshape(pooled, [BATCH, FEATURES]);
    const logits = tf.add(tf.matMul(flat, dense as Tensor2D), denseBias);
    const labels = tf.tensor2d(LABELS, [BATCH, CLASSES]);
    return tf.losses.softmaxCrossEntropy(labels, logits);
  });
}

export interface SelfCheckGradients {
  names: string[];
  gradients: Float32Array[];
  durationMs: number;
}

/** Signature of the function that produces gradients on the active backend (injectable in tests). */
export type ComputeSelfCheckGradients = (tf: Tf) => Promise<SelfCheckGradients>;

/**
 * Gradients of the self-check loss with respect to every parameter, on whatever backend is
 * active. Reads back with `await data()` (never dataSync, which stalls WebGPU) and disposes
 * everything it made, so tf.memory().numTensors is unchanged afterwards.
 */
export const computeSelfCheckGradients: ComputeSelfCheckGradients = async (tf) => {
  const params = selfCheckParameters();
  const started = performance.now();
  let grads: Tensor[];
  try {
    grads = tf.tidy(() => {
      const tensors = params.map((p) => tf.tensor(p.values, p.shape, 'float32'));
      return tf.grads((...args: Tensor[]) => selfCheckLoss(tf, args))(tensors);
    });
  } catch (error) {
    disposeAbandonedTape(tf);
    throw error;
  }
  try {
    const data = await Promise.all(grads.map((g) => g.data<'float32'>()));
    return {
      names: params.map((p) => p.name),
      gradients: data.map((d) => Float32Array.from(d)),
      durationMs: performance.now() - started,
    };
  } finally {
    tf.dispose(grads);
  }
};

/**
 * tfjs 4.22 keeps the forward tensors a gradient needs (`saved`) on the tape and frees them
 * only when backpropagation succeeds. When a backend lacks a gradient kernel (wasm has no
 * Conv2DBackpropFilter) they would stay allocated for the life of the worker, so they are
 * released here, as tfjs itself does at the end of a successful pass.
 */
function disposeAbandonedTape(tf: Tf): void {
  const state = tf.engine().state;
  if (state.gradientDepth !== 0 || state.activeTape == null) return;
  for (const node of state.activeTape) for (const tensor of node.saved ?? []) tensor.dispose();
  // tfjs types the tape as always present but uses null for "no gradient in progress".
  state.activeTape = null as unknown as typeof state.activeTape;
}
