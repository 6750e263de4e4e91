import { describe, expect, it } from 'vitest';
import { learningRateAt, mixSeed, shuffledOrder, validateTrainConfig, type TrainConfig } from '../../../../src/lib/ml/train';

const base: TrainConfig = {
  optimizer: 'adam', learningRate: 0.1, schedule: { kind: 'constant' }, epochs: 4, batchSize: 8,
  loss: 'softmax-cross-entropy', seed: 1,
};

describe('learning-rate schedules', () => {
  it('constant', () => {
    expect([0, 1, 3].map((e) => learningRateAt(base, e))).toEqual([0.1, 0.1, 0.1]);
  });

  it('step: × factor every n epochs', () => {
    const config = { ...base, epochs: 6, schedule: { kind: 'step', everyEpochs: 2, factor: 0.5 } as const };
    expect([0, 1, 2, 3, 4, 5].map((e) => learningRateAt(config, e))).toEqual([0.1, 0.1, 0.05, 0.05, 0.025, 0.025]);
  });

  it('cosine: half a cosine from the base rate towards the minimum (T_max = epochs)', () => {
    const config = { ...base, schedule: { kind: 'cosine', minLearningRate: 0.01 } as const };
    // 0.01 + 0.09·(1 + cos(π e / 4)) / 2 for e = 0…3
    const expected = [0.1, 0.01 + 0.045 * (1 + Math.SQRT1_2), 0.055, 0.01 + 0.045 * (1 - Math.SQRT1_2)];
    [0, 1, 2, 3].forEach((e) => expect(learningRateAt(config, e)).toBeCloseTo(expected[e] as number, 15));
  });
});

describe('validateTrainConfig', () => {
  it('accepts a sound config and names every bad field', () => {
    expect(() => validateTrainConfig(base)).not.toThrow();
    const bad = { ...base, learningRate: 0, epochs: 1.5, schedule: { kind: 'cosine', minLearningRate: 1 } as const };
    expect(() => validateTrainConfig(bad)).toThrow(/learningRate must be a positive number; epochs must be a whole number ≥ 1; a cosine schedule/);
    expect(() => validateTrainConfig({ ...base, earlyStopping: { metric: 'val_loss', patience: -1 } })).toThrow(expect.objectContaining({ name: 'InvalidInputError' }));
  });
});

describe('seeding', () => {
  it('mixes seeds into unrelated 32-bit values and shuffles repeatably per epoch', () => {
    expect(mixSeed(1, 0, 0)).not.toBe(mixSeed(1, 0, 1));
    expect(mixSeed(1, 2, 3)).toBe(mixSeed(1, 2, 3));
    const order = shuffledOrder(10, 7, 0);
    expect([...order].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(shuffledOrder(10, 7, 0)).toEqual(order);
    expect(shuffledOrder(10, 7, 1)).not.toEqual(order);
  });
});
