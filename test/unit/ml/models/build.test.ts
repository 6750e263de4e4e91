import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { buildModel, describeModel, type ModelSpec } from '../../../../src/lib/ml/models';
import { REGRESSION_1, SIGMOID_2, SOFTMAX_3, tinySpecs } from './tiny-specs';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function label(spec: ModelSpec): string {
  return spec.family === 'video-frame-pool' ? `${spec.family}/${spec.temporal}` : spec.family;
}

describe('buildModel output shapes', () => {
  const heads = [
    { head: SOFTMAX_3, units: 3 },
    { head: SIGMOID_2, units: 2 },
    { head: REGRESSION_1, units: 1 },
  ];
  for (const { head, units } of heads) {
    for (const spec of tinySpecs(head)) {
      it(`${label(spec)} with a ${head.task === 'classification' ? head.activation : 'regression'} head predicts [2, ${units}]`, () => {
        const model = buildModel(spec);
        try {
          expect(model.inputs[0]?.shape).toEqual([null, ...spec.input]);
          const out = tf.tidy(() => {
            const y = model.predict(tf.randomUniform([2, ...spec.input], 0, 1, 'float32', 3)) as tf.Tensor;
            return { shape: y.shape, values: Array.from(y.dataSync()) };
          });
          expect(out.shape).toEqual([2, units]);
          if (head.task === 'classification' && head.activation === 'softmax') {
            expect(out.values[0]! + out.values[1]! + out.values[2]!).toBeCloseTo(1, 5);
          }
          if (head.task === 'classification' && head.activation === 'sigmoid') {
            expect(out.values.every((v) => v > 0 && v < 1)).toBe(true);
          }
        } finally {
          model.dispose();
        }
      });
    }
  }
});

describe('buildModel sizes and repeatability', () => {
  it('pins parameter counts of the tiny configurations', () => {
    const counts = tinySpecs(SOFTMAX_3).map((spec) => {
      const model = buildModel(spec);
      const described = describeModel(model);
      model.dispose();
      return [label(spec), described.params, described.trainableParams];
    });
    // resnet-small by hand: stem 36 + bn 16, block1 2×(144 + 16), block2 288 + 32 + 576 + 32 + shortcut 32 + 32,
    // head 8·3 + 3: 1391 in all, of which 72 are batch-norm moving statistics.
    expect(counts).toEqual([
      ['mobilenet-v2', 16_115, 14_499],
      ['resnet-small', 1391, 1319],
      ['video-frame-pool/conv1d', 489, 453],
      ['video-frame-pool/mean', 4051, 3523],
      ['video-r2plus1d', 2031, 1903],
      ['volume-cnn3d', 1047, 1023],
    ]);
  });

  it('matches Keras MobileNetV2 at width 0.35 without top (410 208 parameters)', () => {
    const model = buildModel({ family: 'mobilenet-v2', input: [32, 32, 3], widthMultiplier: 0.35, head: REGRESSION_1, seed: 1 });
    try {
      expect(model.countParams() - (1280 + 1)).toBe(410_208);
    } finally {
      model.dispose();
    }
  });

  it('gives identical weights for the same seed and different ones for another seed', () => {
    const spec = tinySpecs(SOFTMAX_3)[1]!;
    const weightsOf = (seed: number) => {
      const model = buildModel({ ...spec, seed });
      const values = model.getWeights().map((w) => Array.from(w.dataSync()));
      model.dispose();
      return values;
    };
    const first = weightsOf(11);
    expect(weightsOf(11)).toEqual(first);
    expect(weightsOf(12)).not.toEqual(first);
  });

  it('frees every tensor it made when disposed', () => {
    const before = tf.memory().numTensors;
    for (const spec of tinySpecs(SIGMOID_2)) buildModel(spec).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses an invalid spec with a message naming the problem', () => {
    const bad = { ...tinySpecs(SOFTMAX_3)[0]!, widthMultiplier: 0 } as ModelSpec;
    expect(() => buildModel(bad)).toThrow(expect.objectContaining({ name: 'InvalidInputError', message: expect.stringContaining('widthMultiplier') }));
  });
});
