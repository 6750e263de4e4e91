/**
 * Building blocks shared by the model families. Every layer gets an explicit, stable name
 * (`block3_expand`, `stem_bn`…) so a saved model can be cut and partly unfrozen by block, and
 * every random initialiser gets its own seed derived from the spec's seed, so a build repeats.
 */
import * as tf from '@tensorflow/tfjs';

export type Sym = tf.SymbolicTensor;

/** Hands out one distinct, repeatable seed per initialiser, in build order. */
export class SeededInit {
  #next = 0;
  constructor(private readonly seed: number) {}

  /** Distinct per call: one shared seed would give every same-shaped kernel identical values. */
  nextSeed(): number {
    this.#next += 1;
    return (this.seed * 10_007 + this.#next) % 2_147_483_647;
  }

  kernel(): ReturnType<typeof tf.initializers.glorotUniform> {
    return tf.initializers.glorotUniform({ seed: this.nextSeed() });
  }
}

export type Activation = 'relu' | 'relu6' | 'none';

export function activation(x: Sym, kind: Activation, name: string): Sym {
  if (kind === 'none') return x;
  const layer = kind === 'relu6' ? tf.layers.reLU({ maxValue: 6, name }) : tf.layers.reLU({ name });
  return layer.apply(x) as Sym;
}

/**
 * Batch norm over the channel axis. tfjs 4.22 batch norm stops at rank 4, so a 5D map
 * [d, h, w, c] is reshaped to [d·h, w, c] around it: per-channel statistics over every other
 * axis are the same either way.
 */
export function batchNorm(x: Sym, name: string): Sym {
  const layer = tf.layers.batchNormalization({ name, momentum: 0.99, epsilon: 1e-3 });
  if (x.shape.length !== 5) return layer.apply(x) as Sym;
  const [, d, h, w, c] = x.shape as [null, number, number, number, number];
  const flat = tf.layers.reshape({ name: `${name}_to4d`, targetShape: [d * h, w, c] }).apply(x) as Sym;
  const normalised = layer.apply(flat) as Sym;
  return tf.layers.reshape({ name: `${name}_to5d`, targetShape: [d, h, w, c] }).apply(normalised) as Sym;
}

export interface ConvOptions {
  filters: number;
  kernel: number;
  strides?: number;
  act: Activation;
}

/** conv (no bias: batch norm supplies it) → batch norm → activation, named `${name}`, `_bn`, `_relu`. */
export function conv2dBn(x: Sym, name: string, options: ConvOptions, init: SeededInit): Sym {
  const conv = tf.layers.conv2d({
    name, filters: options.filters, kernelSize: options.kernel, strides: options.strides ?? 1,
    padding: 'same', useBias: false, kernelInitializer: init.kernel(),
  }).apply(x) as Sym;
  return activation(batchNorm(conv, `${name}_bn`), options.act, `${name}_relu`);
}

export interface Conv3dOptions {
  filters: number;
  kernel: [number, number, number];
  strides?: [number, number, number];
  act: Activation;
}

export function conv3dBn(x: Sym, name: string, options: Conv3dOptions, init: SeededInit): Sym {
  const conv = tf.layers.conv3d({
    name, filters: options.filters, kernelSize: options.kernel, strides: options.strides ?? [1, 1, 1],
    padding: 'same', useBias: false, kernelInitializer: init.kernel(),
  }).apply(x) as Sym;
  return activation(batchNorm(conv, `${name}_bn`), options.act, `${name}_relu`);
}

export function add(a: Sym, b: Sym, name: string): Sym {
  return tf.layers.add({ name }).apply([a, b]) as Sym;
}

/**
 * Averages every position of a feature map into one vector per sample. tfjs has no
 * globalAveragePooling3d, so rank-5 maps are flattened to [positions, channels] first.
 */
export function poolToVector(x: Sym, name: string): Sym {
  const rank = x.shape.length;
  if (rank === 2) return x;
  if (rank === 3) return tf.layers.globalAveragePooling1d({ name }).apply(x) as Sym;
  if (rank === 4) return tf.layers.globalAveragePooling2d({ name }).apply(x) as Sym;
  const channels = x.shape[rank - 1];
  if (typeof channels !== 'number') throw new Error(`Cannot pool a feature map without a known channel count (${name}).`);
  const flat = tf.layers.reshape({ name: `${name}_flatten`, targetShape: [-1, channels] }).apply(x) as Sym;
  return tf.layers.globalAveragePooling1d({ name }).apply(flat) as Sym;
}

/** Keras's rule: filter counts are multiples of 8 and never shrink by more than 10 %. */
export function makeDivisible(value: number, divisor = 8): number {
  const rounded = Math.max(divisor, Math.floor((value + divisor / 2) / divisor) * divisor);
  return rounded < 0.9 * value ? rounded + divisor : rounded;
}
