import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { describeModel, embeddingModel, framePoolOver, prepareTransferModel, releaseSourceModel } from '../../../../src/lib/ml/models';
import { exportModelZip, importModelZip, loadLayersModelFromFiles, type ModelCard } from '../../../../src/lib/ml/model-io';
import { foreignMobileNetV1, predictValues } from './fixtures';
import { shardedFiles } from './sharded';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

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
