/** Evaluation metrics: pure TypeScript over plain arrays, cross-checked against scikit-learn. */
export * from './auroc';
export * from './bootstrap';
export * from './classification';
export * from './calibration';
export * from './regression';
export * from './report';
