export * from './progress';
export * from './errors';
