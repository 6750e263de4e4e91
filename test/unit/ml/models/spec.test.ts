import { describe, expect, it } from 'vitest';
import { defaultModelSpec, MODEL_FAMILIES, validateModelSpec } from '../../../../src/lib/ml/models/spec';
import { REGRESSION_1, SOFTMAX_3, tinySpecs } from './tiny-specs';

function problemOf(value: unknown): string {
  try {
    validateModelSpec(value);
  } catch (error) {
    expect(error).toMatchObject({ name: 'InvalidInputError' });
    return (error as Error).message;
  }
  throw new Error('expected the spec to be refused');
}

describe('validateModelSpec', () => {
  it('accepts the defaults of every family and the tiny test specs, after a JSON round trip', () => {
    for (const family of MODEL_FAMILIES) {
      const spec = defaultModelSpec(family, REGRESSION_1, 3);
      expect(validateModelSpec(JSON.parse(JSON.stringify(spec)))).toEqual(spec);
    }
    for (const spec of tinySpecs(SOFTMAX_3)) expect(validateModelSpec(spec)).toBe(spec);
  });

  it('names each problem so a person can fix the settings', () => {
    const mobile = tinySpecs(SOFTMAX_3)[0]!;
    expect(problemOf(null)).toBe('The model settings are not valid: The model spec must be a JSON object.');
    expect(problemOf({ ...mobile, family: 'vgg' })).toContain('family must be one of mobilenet-v2, resnet-small');
    expect(problemOf({ ...mobile, input: [32, 32] })).toContain('input must be 3 positive whole numbers ([height, width, channels])');
    expect(problemOf({ ...mobile, stages: 8 })).toContain('stages must be a whole number from 1 to 7');
    expect(problemOf({ ...mobile, head: { task: 'classification', classes: 1, activation: 'softmax' } }))
      .toContain('a softmax head needs at least 2 classes; use sigmoid for one binary output');
    expect(problemOf({ ...mobile, head: { task: 'segmentation' } })).toContain(`head.task must be 'classification' or 'regression'`);
    expect(problemOf({ ...mobile, dropout: 1 })).toContain('dropout must be a number from 0 up to (not including) 1');
    expect(problemOf({ ...mobile, seed: -1 })).toContain('seed must be a whole number');
    const video = tinySpecs(SOFTMAX_3)[2]!;
    expect(problemOf({ ...video, backbone: { family: 'volume-cnn3d' } })).toContain(`the per-frame backbone must be 'mobilenet-v2' or 'resnet-small'`);
    expect(problemOf({ ...video, input: [16, 16, 1] })).toContain('input must be 4 positive whole numbers');
  });
});
