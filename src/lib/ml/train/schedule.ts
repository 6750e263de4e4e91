/** Learning rate per epoch; the rate is fixed within an epoch. */
import { EnclaveError } from '../../jobs';
import type { TrainConfig } from './types';

/** `epoch` is 0-based. */
export function learningRateAt(config: Pick<TrainConfig, 'learningRate' | 'schedule' | 'epochs'>, epoch: number): number {
  const base = config.learningRate;
  const schedule = config.schedule;
  switch (schedule.kind) {
    case 'constant':
      return base;
    case 'step':
      return base * schedule.factor ** Math.floor(epoch / schedule.everyEpochs);
    case 'cosine':
      // PyTorch's CosineAnnealingLR with T_max = epochs: the last epoch still trains above the minimum.
      return schedule.minLearningRate + ((base - schedule.minLearningRate) * (1 + Math.cos((Math.PI * epoch) / config.epochs))) / 2;
  }
}

/** Refuses a config that cannot train, with the field to fix. */
export function validateTrainConfig(config: TrainConfig): void {
  const problems: string[] = [];
  if (config.optimizer !== 'adam' && config.optimizer !== 'sgd') problems.push(`optimizer must be 'adam' or 'sgd'`);
  if (!(config.learningRate > 0 && Number.isFinite(config.learningRate))) problems.push('learningRate must be a positive number');
  if (config.momentum !== undefined && !(config.momentum >= 0 && config.momentum < 1)) problems.push('momentum must be in [0, 1)');
  if (!(Number.isInteger(config.epochs) && config.epochs >= 1)) problems.push('epochs must be a whole number ≥ 1');
  if (!(Number.isInteger(config.batchSize) && config.batchSize >= 1)) problems.push('batchSize must be a whole number ≥ 1');
  if (!['softmax-cross-entropy', 'sigmoid-cross-entropy', 'mean-squared-error'].includes(config.loss)) problems.push('loss is not a known kind');
  if (!Number.isInteger(config.seed)) problems.push('seed must be a whole number');
  const s = config.schedule;
  if (s.kind === 'step' && !(Number.isInteger(s.everyEpochs) && s.everyEpochs >= 1 && s.factor > 0)) {
    problems.push('a step schedule needs everyEpochs ≥ 1 and factor > 0');
  }
  if (s.kind === 'cosine' && !(s.minLearningRate >= 0 && s.minLearningRate <= config.learningRate)) {
    problems.push('a cosine schedule needs 0 ≤ minLearningRate ≤ learningRate');
  }
  if (Array.isArray(config.classWeights) && !config.classWeights.every((w) => w >= 0 && Number.isFinite(w))) {
    problems.push('classWeights must be non-negative numbers');
  }
  const e = config.earlyStopping;
  if (e && !(Number.isInteger(e.patience) && e.patience >= 0)) problems.push('earlyStopping.patience must be a whole number ≥ 0');
  if (problems.length > 0) {
    throw new EnclaveError('InvalidInputError', `The training settings cannot be used: ${problems.join('; ')}.`);
  }
}
