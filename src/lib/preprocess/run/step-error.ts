/**
 * Errors raised while a step runs on a particular scan. The recipe is valid (the validator
 * passed it); the scan lacks what the step needs, so the name is InvalidInputError and the
 * message names the step as the validator does.
 */
import { EnclaveError } from '../../jobs';
import type { RecipeStep } from '../recipe/types';

export interface StepContext {
  /** 0-based position in the recipe. */
  index: number;
  step: RecipeStep;
}

export function stepError(context: StepContext, message: string): EnclaveError {
  return new EnclaveError('InvalidInputError', `Step ${context.index + 1} (${context.step.op}): ${message}`);
}
