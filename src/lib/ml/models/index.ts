/** Model builders (2D, video, volume), heads, blocks for cutting and unfreezing, quick-mode embeddings. */
export * from './spec';
export * from './build';
export * from './heads';
export * from './blocks';
export * from './embeddings';
export { FRAME_BACKBONE_NAME, type TemporalOptions } from './video';
export * from './transfer';
