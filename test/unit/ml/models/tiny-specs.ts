/** Tiny configurations of every family, small enough for the cpu backend on a shared 2-core machine. */
import type { HeadSpec, ModelSpec } from '../../../../src/lib/ml/models';

export const SOFTMAX_3: HeadSpec = { task: 'classification', classes: 3, activation: 'softmax' };
export const SIGMOID_2: HeadSpec = { task: 'classification', classes: 2, activation: 'sigmoid' };
export const REGRESSION_1: HeadSpec = { task: 'regression', outputs: 1 };

export function tinySpecs(head: HeadSpec, seed = 7): ModelSpec[] {
  return [
    { family: 'mobilenet-v2', input: [32, 32, 1], widthMultiplier: 0.35, stages: 3, lastConvFilters: 32, head, seed },
    { family: 'resnet-small', input: [32, 32, 1], blocksPerStage: [1, 1], baseFilters: 4, head, seed, dropout: 0.1 },
    {
      family: 'video-frame-pool', input: [3, 16, 16, 1], temporal: 'conv1d', temporalKernel: 3, temporalFilters: 6,
      backbone: { family: 'resnet-small', blocksPerStage: [1], baseFilters: 4 }, head, seed,
    },
    {
      family: 'video-frame-pool', input: [3, 16, 16, 1], temporal: 'mean',
      backbone: { family: 'mobilenet-v2', widthMultiplier: 0.35, stages: 2, lastConvFilters: 16 }, head, seed,
    },
    { family: 'video-r2plus1d', input: [4, 16, 16, 1], blocksPerStage: [1, 1], baseFilters: 4, head, seed },
    { family: 'volume-cnn3d', input: [8, 16, 16, 1], filtersPerStage: [4, 8], head, seed },
  ];
}
