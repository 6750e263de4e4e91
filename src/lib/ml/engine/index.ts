/** The compute engine: tfjs backend selection with a gradient self-check, device-loss watch, diagnostics. */
export * from './types';
export * from './compare-gradients';
export * from './self-check';
export * from './select-backend';
export * from './device-loss';
export * from './gpu-info';
export * from './diagnostics';
export * from './batch-size';
export * from './wasm-config';
export * from './compute-engine';
