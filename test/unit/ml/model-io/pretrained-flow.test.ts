import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { describeModel, embeddingModel, framePoolOver, prepareTransferModel, releaseSourceModel } from '../../../../src/lib/ml/models';
import { exportModelZip, importModelZip, loadLayersModelFromFiles, type ModelCard } from '../../../../src/lib/ml/model-io';
import { predictValues } from './fixtures';
import { shardedFiles } from './sharded';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A stand-in for a downloaded Keras MobileNet v1: the same layer names, far fewer weights. */
function foreignMobileNetV1(): tf.LayersModel {
  const input = tf.input({ shape: [16, 16, 3], name: 'input_1' });
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

function card(model: tf.LayersModel, task: ModelCard['task']): ModelCard {
  return {
    version: 1, name: 'transfer', createdAt: '2026-11-27T12:00:00Z', task, inputShape: model.inputs[0]!.shape.slice(1) as number[],
    dataSummary: { samples: { train: 2 } }, metrics: {}, backend: 'cpu', versions: { enclave: '0.1.0', tfjs: tf.version.tfjs },
    notes: '', pretrained: { source: 'test stand-in', cutLayer: 'conv_pw_2_relu', unfrozenBlocks: 2 },
  };
}

describe('fine-tuning a dropped pretrained model', () => {
  it('loads it from files, cuts it, adds a head, unfreezes the last blocks, and survives a zip round trip', async () => {
    const baseline = tf.memory().numTensors;
    const original = foreignMobileNetV1();
    const { modelJsonBytes, shards } = await shardedFiles(original, 256);
    original.dispose();
    const loaded = await loadLayersModelFromFiles([
      { name: 'model.json', bytes: modelJsonBytes }, ...shards.map((s) => ({ name: s.path, bytes: s.bytes })),
    ]);
    const model = prepareTransferModel(loaded, {
      cutLayer: 'conv_pw_2_relu', head: { task: 'regression', outputs: 1 }, unfreezeLastN: 2, seed: 3,
    });
    const described = describeModel(model);
    expect(described.blocks.map((b) => [b.name, b.trainableParams])).toEqual([
      ['conv1', 0], ['conv_dw_1', 0], ['conv_pw_1', 0],
      // conv_dw_2: 3·3·8 depthwise kernel + gamma and beta 16; conv_pw_2: 1·1·8·16 kernel + 32.
      ['conv_dw_2', 72 + 16], ['conv_pw_2', 128 + 32],
    ]);
    expect(described.blocks.at(-1)?.layers).toEqual(['conv_pw_2', 'conv_pw_2_bn', 'conv_pw_2_relu', 'features']);
    expect(described.head?.trainableParams).toBe(16 + 1);
    const input = tf.randomUniform([2, 16, 16, 3], 0, 1, 'float32', 1);
    const before = await predictValues(model, input);
    expect(before).toHaveLength(2);
    const imported = await importModelZip(await exportModelZip(model, card(model, 'regression')));
    model.dispose();
    expect(await predictValues(imported.model, input)).toEqual(before);
    imported.model.dispose();
    input.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('runs a cut pretrained image network on every frame of a clip, round-tripping through a zip', async () => {
    const baseline = tf.memory().numTensors;
    const source = foreignMobileNetV1();
    const video = framePoolOver(embeddingModel(source, 'conv_pw_2_relu'), {
      frames: 4, temporal: 'conv1d', temporalFilters: 6, head: { task: 'classification', classes: 2, activation: 'softmax' }, seed: 2,
    });
    expect(releaseSourceModel(source, video)).toBe(2); // the classifier past the cut: kernel and bias
    expect(video.inputs[0]?.shape).toEqual([null, 4, 16, 16, 3]);
    expect(describeModel(video).blocks.map((b) => b.name)).toEqual(['conv1', 'conv_dw_1', 'conv_pw_1', 'conv_dw_2', 'conv_pw_2', 'temporal']);
    const clip = tf.randomUniform([1, 4, 16, 16, 3], 0, 1, 'float32', 4);
    const before = await predictValues(video, clip);
    const imported = await importModelZip(await exportModelZip(video, card(video, 'classification')));
    video.dispose();
    expect(await predictValues(imported.model, clip)).toEqual(before);
    imported.model.dispose();
    clip.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
  });
});
