import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import {
  attachHead, blockKeyOf, buildModel, describeModel, embeddingModel, releaseSourceModel, setTrainableBlocks,
} from '../../../../src/lib/ml/models';
import { REGRESSION_1, SOFTMAX_3, tinySpecs } from './tiny-specs';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const [MOBILENET, RESNET, FRAME_POOL_CONV] = tinySpecs(SOFTMAX_3);

describe('blocks', () => {
  it('groups foreign layer names by their first number, and Enclave names by prefix', () => {
    expect(['conv_dw_3_bn', 'conv_pw_13_relu', 'conv1', 'block_16_project', 'block12_expand_bn', 'stem_conv', 'head_dense', 'dropout'].map(blockKeyOf))
      .toEqual(['conv_dw_3', 'conv_pw_13', 'conv1', 'block_16', 'block12', 'stem', 'head', 'dropout']);
  });

  it('describes a MobileNetV2 as stem, numbered blocks, top, and a head', () => {
    const model = buildModel(MOBILENET!);
    try {
      const described = describeModel(model);
      expect(described.blocks.map((b) => b.name)).toEqual(['stem', 'block1', 'block2', 'block3', 'block4', 'block5', 'block6', 'top']);
      expect(described.blocks[1]?.layers).toEqual([
        'block1_depthwise', 'block1_depthwise_bn', 'block1_depthwise_relu', 'block1_project', 'block1_project_bn',
      ]);
      expect(described.blocks.at(-1)?.cutLayer).toBe('features');
      expect(described.head?.layers).toEqual(['head_dense']);
      expect(described.params).toBe(16_115);
      expect(described.outputShape).toEqual([null, 3]);
    } finally {
      model.dispose();
    }
  });

  it('unfreezes the last N blocks and always the head (counts by hand for the small ResNet)', () => {
    const model = buildModel(RESNET!);
    try {
      expect(setTrainableBlocks(model, 0)).toEqual({ frozen: 3, trainable: 0 });
      expect(describeModel(model).trainableParams).toBe(27); // head: 8·3 + 3
      setTrainableBlocks(model, 1);
      // block2: convs 288 + 576, shortcut 32, three batch norms' gamma and beta 16 + 16 + 16; plus the head.
      expect(describeModel(model).trainableParams).toBe(944 + 27);
      expect(setTrainableBlocks(model, Infinity)).toEqual({ frozen: 0, trainable: 3 });
      expect(describeModel(model).trainableParams).toBe(1319);
      expect(() => setTrainableBlocks(model, 1.5)).toThrow(expect.objectContaining({ name: 'InvalidInputError' }));
    } finally {
      model.dispose();
    }
  });

  it('reaches into the per-frame backbone of a video model, and frozen weights stay put in training', async () => {
    const model = buildModel(FRAME_POOL_CONV!);
    try {
      expect(describeModel(model).blocks.map((b) => b.name)).toEqual(['stem', 'block1', 'temporal']);
      setTrainableBlocks(model, 1);
      // temporal conv 3·4·6 = 72 and its batch norm's gamma and beta 12; head 6·3 + 3 = 21.
      expect(describeModel(model).trainableParams).toBe(72 + 12 + 21);
      const frozenBefore = model.getWeights().map((w) => w.clone());
      const optimizer = tf.train.sgd(0.5);
      model.compile({ optimizer, loss: 'categoricalCrossentropy' });
      const x = tf.randomUniform([2, ...FRAME_POOL_CONV!.input], 0, 1, 'float32', 5);
      const y = tf.tidy(() => tf.oneHot(tf.tensor1d([0, 2], 'int32'), 3));
      await model.fit(x, y, { epochs: 1, batchSize: 2, verbose: 0 });
      const names = model.weights.map((w) => w.originalName);
      const after = model.getWeights();
      const changed = names.filter((_, i) => !tf.tidy(() => tf.equal(after[i]!, frozenBefore[i]!).all().dataSync()[0]));
      // Moving statistics change too: tfjs batch norm updates them in training even when frozen.
      console.log(changed);
      expect(changed.filter((n) => !n.includes("moving_"))).toEqual(['temporal_conv/kernel', 'temporal_conv_bn/gamma', 'temporal_conv_bn/beta', 'head_dense/kernel', 'head_dense/bias']);
      tf.dispose([...frozenBefore, x, y]);
      optimizer.dispose();
    } finally {
      model.dispose();
    }
  });
});

describe('cutting and attaching a head', () => {
  it('cuts at a block, pools its map to a vector, attaches a new head, and frees everything after', () => {
    const baseline = tf.memory().numTensors;
    const source = buildModel(RESNET!);
    const backbone = embeddingModel(source, 'block1_out');
    expect(backbone.outputs[0]?.shape).toEqual([null, 4]);
    const withHead = attachHead(backbone, REGRESSION_1, { dropout: 0.3, seed: 4 });
    expect(withHead.outputs[0]?.shape).toEqual([null, 1]);
    expect(describeModel(withHead).blocks.map((b) => b.name)).toEqual(['stem', 'block1']);
    expect(describeModel(withHead).head?.layers).toEqual(['head_dropout', 'head_dense']);
    const y = tf.tidy(() => (withHead.predict(tf.ones([3, 32, 32, 1])) as tf.Tensor).shape);
    expect(y).toEqual([3, 1]);
    expect(releaseSourceModel(source, withHead)).toBeGreaterThan(0);
    withHead.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('says which layers exist when the cut layer does not', () => {
    const model = buildModel(RESNET!);
    try {
      expect(() => embeddingModel(model, 'block9_out')).toThrow(expect.objectContaining({
        name: 'InvalidInputError', message: expect.stringContaining('head_dense'),
      }));
      expect(() => attachHead(model, REGRESSION_1)).toThrow(expect.objectContaining({ name: 'InvalidInputError' }));
    } finally {
      model.dispose();
    }
  });
});
