import { EnclaveError } from '../../jobs';
import { mulberry32 } from '../../util/mulberry32';
import type { SplitPart } from './holdout';
import { compareText, groupByPatient, shuffleInPlace, strata, type SplitItem } from './patients';

export interface KFoldOptions {
  k: number;
  seed: number;
  stratify: boolean;
}

export interface Fold {
  /** 0-based. */
  index: number;
  /** The patients of this fold, held out for validation. */
  heldOut: SplitPart;
  /** Everyone else. */
  train: SplitPart;
}

export interface KFoldResult {
  method: 'k-fold';
  k: number;
  seed: number;
  stratify: boolean;
  folds: Fold[];
  foldOf: ReadonlyMap<string, number>;
}

/**
 * k folds of patients (every scan of a patient in the same fold). Patients are shuffled within
 * each stratum and dealt round-robin with one counter running across strata, so fold sizes
 * differ by at most one patient and so do each stratum's counts per fold.
 */
export function kFold(items: readonly SplitItem[], options: KFoldOptions): KFoldResult {
  const groups = groupByPatient(items);
  const { k } = options;
  if (!Number.isInteger(k) || k < 2) throw new EnclaveError('InvalidInputError', `k-fold needs a whole number of folds of at least 2, not ${k}.`);
  if (k > groups.length) {
    throw new EnclaveError('InvalidInputError', `${k} folds need at least ${k} patients; this dataset has ${groups.length}. Choose fewer folds.`);
  }
  const random = mulberry32(options.seed);
  const foldPatients: string[][] = Array.from({ length: k }, () => []);
  const foldOf = new Map<string, number>();
  let dealt = 0;
  for (const stratum of strata(groups, options.stratify)) {
    for (const g of shuffleInPlace(stratum, random)) {
      const fold = dealt++ % k;
      foldPatients[fold]?.push(g.patientId);
      for (const id of g.itemIds) foldOf.set(id, fold);
    }
  }
  const allIds = items.map((i) => i.itemId);
  const folds = foldPatients.map((patients, index): Fold => {
    const held = new Set(patients);
    return {
      index,
      heldOut: { itemIds: allIds.filter((id) => foldOf.get(id) === index), patientIds: [...patients].sort(compareText) },
      train: {
        itemIds: allIds.filter((id) => foldOf.get(id) !== index),
        patientIds: groups.map((g) => g.patientId).filter((p) => !held.has(p)),
      },
    };
  });
  return { method: 'k-fold', k, seed: options.seed, stratify: options.stratify, folds, foldOf };
}
