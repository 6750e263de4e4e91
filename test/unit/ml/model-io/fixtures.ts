/** Small models with non-trivial weights (batch-norm statistics included) and a matching card. */
import * as tf from '@tensorflow/tfjs';
import { buildModel, type ModelSpec } from '../../../../src/lib/ml/models';
import type { ModelCard } from '../../../../src/lib/ml/model-io';

export const RESNET_SPEC: ModelSpec = {
  family: 'resnet-small', input: [16, 16, 1], blocksPerStage: [1, 1], baseFilters: 4,
  head: { task: 'classification', classes: 3, activation: 'softmax' }, seed: 5, dropout: 0.1,
};

export const VIDEO_SPEC: ModelSpec = {
  family: 'video-frame-pool', input: [3, 16, 16, 1], temporal: 'conv1d', temporalKernel: 3, temporalFilters: 4,
  backbone: { family: 'mobilenet-v2', widthMultiplier: 0.35, stages: 2, lastConvFilters: 8 },
  head: { task: 'regression', outputs: 1 }, seed: 6,
};

export const VOLUME_SPEC: ModelSpec = {
  family: 'volume-cnn3d', input: [4, 8, 8, 1], filtersPerStage: [2, 4],
  head: { task: 'classification', classes: 2, activation: 'sigmoid' }, seed: 8,
};

/** Every weight replaced by seeded values in [0.5, 1.5), so a weight lost in transit changes predictions. */
export function modelWithDistinctWeights(spec: ModelSpec): tf.LayersModel {
  const model = buildModel(spec);
  const replacements = model.getWeights().map((w, i) => tf.randomUniform(w.shape, 0.5, 1.5, 'float32', 100 + i));
  model.setWeights(replacements);
  tf.dispose(replacements);
  return model;
}

export function fixedInput(spec: ModelSpec): tf.Tensor {
  return tf.randomUniform([2, ...spec.input], 0, 1, 'float32', 42);
}

export async function predictValues(model: tf.LayersModel, input: tf.Tensor): Promise<number[]> {
  const output = model.predict(input) as tf.Tensor;
  const values = Array.from(await output.data());
  output.dispose();
  return values;
}

export function cardFor(spec: ModelSpec): ModelCard {
  return {
    version: 1,
    name: 'Tiny test model',
    createdAt: '2026-11-27T10:00:00.000Z',
    task: spec.head.task,
    ...(spec.head.task === 'classification' ? { classes: Array.from({ length: spec.head.classes }, (_, i) => `class ${i}`) } : {}),
    inputShape: [...spec.input],
    modelSpec: spec,
    recipe: { resize: [spec.input[1], spec.input[2]], intensity: 'zscore' },
    dataSummary: { datasetName: 'synthetic', samples: { train: 8, validation: 2, test: 2 }, patients: { train: 4, validation: 1, test: 1 } },
    metrics: { 'test.accuracy': 0.5, 'test.confusion': [[1, 0], [1, 0]] },
    backend: 'cpu',
    versions: { enclave: '0.1.0', tfjs: tf.version.tfjs },
    trainingConfig: { epochs: 1, batchSize: 2, optimizer: 'adam', learningRate: 0.001 },
    notes: 'Made by the unit tests; predicts nothing real.',
  };
}

/** A stand-in for a downloaded Keras MobileNet v1: the same layer names, far fewer weights. */
export function foreignMobileNetV1(size = 16): tf.LayersModel {
  const input = tf.input({ shape: [size, size, 3], name: 'input_1' });
  const init = (seed: number) => tf.initializers.glorotUniform({ seed });
  let x = tf.layers.conv2d({ name: 'conv1', filters: 4, kernelSize: 3, strides: 2, padding: 'same', useBias: false, kernelInitializer: init(1) }).apply(input) as tf.SymbolicTensor;
  x = tf.layers.batchNormalization({ name: 'conv1_bn' }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.reLU({ name: 'conv1_relu', maxValue: 6 }).apply(x) as tf.SymbolicTensor;
  for (const block of [1, 2]) {
    x = tf.layers.depthwiseConv2d({ name: `conv_dw_${block}`, kernelSize: 3, padding: 'same', useBias: false, depthwiseInitializer: init(10 + block) }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.batchNormalization({ name: `conv_dw_${block}_bn` }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.reLU({ name: `conv_dw_${block}_relu`, maxValue: 6 }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.conv2d({ name: `conv_pw_${block}`, filters: 4 * 2 ** block, kernelSize: 1, useBias: false, kernelInitializer: init(20 + block) }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.batchNormalization({ name: `conv_pw_${block}_bn` }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.reLU({ name: `conv_pw_${block}_relu`, maxValue: 6 }).apply(x) as tf.SymbolicTensor;
  }
  x = tf.layers.globalAveragePooling2d({ name: 'global_average_pooling2d_1' }).apply(x) as tf.SymbolicTensor;
  const out = tf.layers.dense({ name: 'conv_preds', units: 10, activation: 'softmax', kernelInitializer: init(30) }).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out, name: 'mobilenet_1.00_224' });
}
