/** Input checks shared by the metrics, so every metric refuses bad input with the same words. */
import { EnclaveError } from '../../jobs';

export function assertSameLength(what: string, a: ArrayLike<unknown>, b: ArrayLike<unknown>, aName: string, bName: string): void {
  if (a.length !== b.length) {
    throw new EnclaveError('InvalidInputError', `${what}: ${a.length} ${aName} but ${b.length} ${bName}; each item needs exactly one of each.`);
  }
}

export function assertNonEmpty(what: string, values: ArrayLike<unknown>): void {
  if (values.length === 0) throw new EnclaveError('InvalidInputError', `${what} needs at least one item.`);
}

export function assertFinite(what: string, values: ArrayLike<number>, name: string): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new EnclaveError('InvalidInputError', `${what}: ${name} ${i} is ${values[i]}; every value must be a finite number (check the model output for NaN).`);
    }
  }
}

/** Binary labels must be exactly 0 or 1; anything else is usually a class index passed by mistake. */
export function assertBinaryLabels(what: string, labels: ArrayLike<number>): void {
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== 0 && labels[i] !== 1) {
      throw new EnclaveError('InvalidInputError', `${what}: label ${i} is ${labels[i]}; binary labels must be 0 or 1.`);
    }
  }
}
