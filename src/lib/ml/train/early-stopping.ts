/** Early stopping on a validation metric, Keras-style: stop after `patience` epochs without improvement. */
import { EnclaveError } from '../../jobs';
import type { EarlyStoppingConfig, EarlyStoppingState, LossKind } from './types';

const MAXIMISED = new Set(['val_auroc', 'val_accuracy']);

export function earlyStoppingMode(config: EarlyStoppingConfig): 'min' | 'max' {
  return config.mode ?? (MAXIMISED.has(config.metric) ? 'max' : 'min');
}

export function initialEarlyStopping(): EarlyStoppingState {
  return { best: null, bestEpoch: null, epochsWithoutImprovement: 0, bestWeights: null };
}

/** Refuses a metric the task never reports, before any epoch is spent. */
export function checkEarlyStoppingConfig(config: EarlyStoppingConfig, loss: LossKind, hasValidation: boolean): void {
  if (!hasValidation) {
    throw new EnclaveError('InvalidInputError', `Early stopping on ${config.metric} needs a validation split; add one or turn early stopping off.`);
  }
  const classification = loss !== 'mean-squared-error';
  const fits = config.metric === 'val_loss' || (config.metric === 'val_mae' ? !classification : classification);
  if (!fits) {
    throw new EnclaveError('InvalidInputError', `Early stopping on ${config.metric} does not fit a ${classification ? 'classification' : 'regression'} task; use val_loss or ${classification ? 'val_auroc' : 'val_mae'}.`);
  }
}

/**
 * Records one epoch's value (undefined when the metric could not be computed, e.g. AUROC of a
 * one-class split: counted as no improvement). Returns whether this epoch is the new best.
 */
export function updateEarlyStopping(
  state: EarlyStoppingState,
  config: EarlyStoppingConfig,
  epoch: number,
  value: number | undefined,
): { improved: boolean; stop: boolean } {
  const delta = config.minDelta ?? 0;
  const improved = value !== undefined && Number.isFinite(value) && (state.best === null
    || (earlyStoppingMode(config) === 'min' ? value < state.best - delta : value > state.best + delta));
  if (improved) {
    state.best = value;
    state.bestEpoch = epoch;
    state.epochsWithoutImprovement = 0;
  } else {
    state.epochsWithoutImprovement += 1;
  }
  return { improved, stop: state.epochsWithoutImprovement >= config.patience && !improved };
}
