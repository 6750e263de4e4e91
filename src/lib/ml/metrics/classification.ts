/** Threshold and count metrics of a classifier: accuracy, confusion matrix, sensitivity/specificity. */
import { EnclaveError } from '../../jobs';
import { assertBinaryLabels, assertFinite, assertNonEmpty, assertSameLength } from './validate';

/** Fraction of items whose predicted class equals the actual class. */
export function accuracy(predicted: ArrayLike<number>, actual: ArrayLike<number>): number {
  assertSameLength('Accuracy', predicted, actual, 'predictions', 'labels');
  assertNonEmpty('Accuracy', actual);
  let correct = 0;
  for (let i = 0; i < actual.length; i++) if (predicted[i] === actual[i]) correct++;
  return correct / actual.length;
}

/** Index of the largest score of each row (the first one on ties, like numpy's argmax). */
export function argmaxRows(rows: readonly ArrayLike<number>[]): number[] {
  return rows.map((row) => {
    let best = 0;
    for (let k = 1; k < row.length; k++) if ((row[k] as number) > (row[best] as number)) best = k;
    return best;
  });
}

export interface ConfusionMatrix {
  classes: string[];
  /** counts[actual][predicted], the layout of scikit-learn's confusion_matrix(y_true, y_pred). */
  counts: number[][];
  /** items[actual][predicted]: the ids of the items behind each cell, in input order. */
  items: string[][][];
}

/**
 * `predicted` and `actual` are class indices into `classes`. Each cell keeps the ids of its items
 * so that the UI can open the scans behind a false negative.
 */
export function confusionMatrix(
  predicted: ArrayLike<number>,
  actual: ArrayLike<number>,
  classes: readonly string[],
  itemIds?: readonly string[],
): ConfusionMatrix {
  assertSameLength('Confusion matrix', predicted, actual, 'predictions', 'labels');
  if (itemIds !== undefined) assertSameLength('Confusion matrix', itemIds, actual, 'item ids', 'labels');
  const k = classes.length;
  const counts = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const items = Array.from({ length: k }, () => Array.from({ length: k }, (): string[] => []));
  const check = (value: number, i: number, what: string): number => {
    if (!Number.isInteger(value) || value < 0 || value >= k) {
      throw new EnclaveError('InvalidInputError', `Confusion matrix: ${what} ${i} is ${value}, not a class index 0…${k - 1} of [${classes.join(', ')}].`);
    }
    return value;
  };
  for (let i = 0; i < actual.length; i++) {
    const row = check(actual[i] as number, i, 'label');
    const column = check(predicted[i] as number, i, 'prediction');
    const countRow = counts[row] as number[];
    countRow[column] = (countRow[column] as number) + 1;
    (items[row] as string[][])[column]?.push(itemIds?.[i] ?? String(i));
  }
  return { classes: [...classes], counts, items };
}

export interface ThresholdMetrics {
  threshold: number;
  truePositives: number;
  falsePositives: number;
  trueNegatives: number;
  falseNegatives: number;
  /** TP / (TP + FN); NaN when the split has no positives. */
  sensitivity: number;
  /** TN / (TN + FP); NaN when the split has no negatives. */
  specificity: number;
  /** TP / (TP + FP); NaN when nothing is called positive. */
  positivePredictiveValue: number;
  /** TN / (TN + FN); NaN when nothing is called negative. */
  negativePredictiveValue: number;
}

/** An item is called positive when its score is at or above the threshold. */
export function sensitivitySpecificity(scores: ArrayLike<number>, labels: ArrayLike<number>, threshold: number): ThresholdMetrics {
  assertSameLength('Sensitivity and specificity', scores, labels, 'scores', 'labels');
  assertFinite('Sensitivity and specificity', scores, 'score');
  assertBinaryLabels('Sensitivity and specificity', labels);
  if (Number.isNaN(threshold)) throw new EnclaveError('InvalidInputError', 'The decision threshold must be a number.');
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < labels.length; i++) {
    const calledPositive = (scores[i] as number) >= threshold;
    if (labels[i] === 1) calledPositive ? tp++ : fn++;
    else calledPositive ? fp++ : tn++;
  }
  const ratio = (a: number, b: number): number => (a + b > 0 ? a / (a + b) : Number.NaN);
  return {
    threshold,
    truePositives: tp,
    falsePositives: fp,
    trueNegatives: tn,
    falseNegatives: fn,
    sensitivity: ratio(tp, fn),
    specificity: ratio(tn, fp),
    positivePredictiveValue: ratio(tp, fp),
    negativePredictiveValue: ratio(tn, fn),
  };
}

export interface RocPoint {
  /** Items scoring at or above this are called positive (Infinity: none are). */
  threshold: number;
  falsePositiveRate: number;
  truePositiveRate: number;
}

/**
 * The empirical ROC curve, one point per distinct score from the highest down, starting at (0, 0):
 * scikit-learn's roc_curve(drop_intermediate=False), with +Infinity for its first threshold.
 */
export function rocCurve(scores: ArrayLike<number>, labels: ArrayLike<number>): RocPoint[] {
  assertSameLength('ROC curve', scores, labels, 'scores', 'labels');
  assertFinite('ROC curve', scores, 'score');
  assertBinaryLabels('ROC curve', labels);
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => (scores[b] as number) - (scores[a] as number));
  let positives = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === 1) positives++;
  const negatives = labels.length - positives;
  const points: RocPoint[] = [{ threshold: Number.POSITIVE_INFINITY, falsePositiveRate: 0, truePositiveRate: 0 }];
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < order.length; k++) {
    const item = order[k] as number;
    if (labels[item] === 1) tp++;
    else fp++;
    const next = order[k + 1];
    if (next === undefined || scores[next] !== scores[item]) {
      points.push({
        threshold: scores[item] as number,
        falsePositiveRate: negatives > 0 ? fp / negatives : Number.NaN,
        truePositiveRate: positives > 0 ? tp / positives : Number.NaN,
      });
    }
  }
  return points;
}
