/** Training: the loop, losses, schedules, augmentation, checkpoints, memory checks and clip inference. */
export * from './types';
export * from './schedule';
export * from './seeding';
export * from './losses';
export * from './augment';
export * from './memory';
export * from './state-io';
export * from './early-stopping';
export * from './predict';
export * from './validation-metrics';
export * from './predict-clips';
export * from './train-model';
export * from './evaluate';
