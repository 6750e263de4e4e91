/**
 * Area under the ROC curve as the Mann–Whitney statistic: the probability that a random positive
 * scores above a random negative, ties counting one half. Equal to the trapezoidal area under the
 * empirical ROC curve (what scikit-learn's roc_auc_score computes), in O(n log n).
 */
import { EnclaveError } from '../../jobs';
import { assertBinaryLabels, assertFinite, assertNonEmpty, assertSameLength } from './validate';

/** Items sorted by score once, grouped into runs of equal scores, so weighted AUCs are O(n). */
export interface RankedScores {
  /** Item indices in ascending score order. */
  order: Int32Array;
  /** groupStart[g]..groupStart[g+1] is the g-th run of tied scores within `order`. */
  groupStart: Int32Array;
  labels: ArrayLike<number>;
}

export function rankScores(scores: ArrayLike<number>, labels: ArrayLike<number>): RankedScores {
  const order = Int32Array.from({ length: scores.length }, (_, i) => i);
  order.sort((a, b) => (scores[a] as number) - (scores[b] as number));
  const starts: number[] = [];
  for (let k = 0; k < order.length; k++) {
    if (k === 0 || scores[order[k] as number] !== scores[order[k - 1] as number]) starts.push(k);
  }
  starts.push(order.length);
  return { order, groupStart: Int32Array.from(starts), labels };
}

/**
 * AUC with a multiplicity per item (`weights[i]` copies of item i; all 1 when omitted). The
 * bootstrap draws multiplicities rather than copying arrays, so each resample costs O(n).
 * Returns NaN when the weighted positives or negatives are zero.
 */
export function weightedAuroc(ranked: RankedScores, weights?: ArrayLike<number>): number {
  const { order, groupStart, labels } = ranked;
  let negativesBelow = 0;
  let pairs = 0;
  let totalPositive = 0;
  for (let g = 0; g + 1 < groupStart.length; g++) {
    let positives = 0;
    let negatives = 0;
    for (let k = groupStart[g] as number; k < (groupStart[g + 1] as number); k++) {
      const item = order[k] as number;
      const w = weights === undefined ? 1 : (weights[item] as number);
      if (labels[item] === 1) positives += w;
      else negatives += w;
    }
    pairs += positives * (negativesBelow + negatives / 2);
    negativesBelow += negatives;
    totalPositive += positives;
  }
  const denominator = totalPositive * negativesBelow;
  return denominator > 0 ? pairs / denominator : Number.NaN;
}

export function countClasses(labels: ArrayLike<number>): { positives: number; negatives: number } {
  let positives = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === 1) positives++;
  return { positives, negatives: labels.length - positives };
}

function checkBinaryInput(what: string, scores: ArrayLike<number>, labels: ArrayLike<number>): void {
  assertSameLength(what, scores, labels, 'scores', 'labels');
  assertNonEmpty(what, scores);
  assertFinite(what, scores, 'score');
  assertBinaryLabels(what, labels);
  const { positives, negatives } = countClasses(labels);
  if (positives === 0 || negatives === 0) {
    throw new EnclaveError(
      'InvalidInputError',
      `${what} needs at least one positive and one negative item, but this split has ${positives} positive and ${negatives} negative. Use a split that holds both classes.`,
    );
  }
}

/** Binary AUROC; `labels` are 0/1 and a higher score means "more likely positive". */
export function auroc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  checkBinaryInput('AUROC', scores, labels);
  return weightedAuroc(rankScores(scores, labels));
}

/**
 * One-vs-rest macro AUROC for K classes: the mean over classes of the AUROC of "class k against
 * the rest", scored by column k. `probabilities[i]` holds K scores; `labels[i]` is a class index.
 * Classes absent from the labels (or present in every item) are left out of the mean, and listed.
 */
export function multiClassAuroc(
  probabilities: readonly ArrayLike<number>[],
  labels: ArrayLike<number>,
): { macro: number; perClass: (number | null)[] } {
  assertSameLength('Multi-class AUROC', probabilities, labels, 'score rows', 'labels');
  assertNonEmpty('Multi-class AUROC', labels);
  const classCount = probabilities[0]?.length ?? 0;
  if (classCount < 2) throw new EnclaveError('InvalidInputError', 'Multi-class AUROC needs at least two score columns.');
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i] as number;
    if (!Number.isInteger(label) || label < 0 || label >= classCount) {
      throw new EnclaveError('InvalidInputError', `Multi-class AUROC: label ${i} is ${label}; labels must be class indices 0…${classCount - 1}.`);
    }
  }
  const perClass: (number | null)[] = [];
  for (let k = 0; k < classCount; k++) {
    const scores = probabilities.map((row, i) => {
      if (row.length !== classCount) {
        throw new EnclaveError('InvalidInputError', `Multi-class AUROC: row ${i} has ${row.length} scores, not ${classCount}.`);
      }
      return row[k] as number;
    });
    const isK = Array.from(labels, (label) => (label === k ? 1 : 0));
    const { positives, negatives } = countClasses(isK);
    perClass.push(positives > 0 && negatives > 0 ? auroc(scores, isK) : null);
  }
  const defined = perClass.filter((v): v is number => v !== null);
  if (defined.length === 0) throw new EnclaveError('InvalidInputError', 'Multi-class AUROC needs at least two classes present in the labels.');
  return { macro: defined.reduce((a, b) => a + b, 0) / defined.length, perClass };
}
