/**
 * Calibration of predicted probabilities: equal-width bins over [0, 1], the reliability diagram
 * and the expected calibration error (ECE). Bins are (lower, upper] with 0 in the first bin,
 * exactly as scikit-learn's calibration_curve(strategy='uniform') assigns them.
 */
import { EnclaveError } from '../../jobs';
import { argmaxRows } from './classification';
import { assertBinaryLabels, assertNonEmpty, assertSameLength } from './validate';

export interface ReliabilityBin {
  lower: number;
  upper: number;
  count: number;
  /** Mean predicted probability in the bin; null for an empty bin. */
  meanPredicted: number | null;
  /** Fraction of the bin's items that were positive (or, for top-label data, correct); null when empty. */
  fractionPositive: number | null;
}

function binEdges(bins: number): number[] {
  if (!Number.isInteger(bins) || bins < 1) {
    throw new EnclaveError('InvalidInputError', `The number of calibration bins must be a positive whole number, not ${bins}.`);
  }
  // i * (1 / bins), the same floating-point edges as numpy.linspace(0, 1, bins + 1).
  const step = 1 / bins;
  return Array.from({ length: bins + 1 }, (_, i) => (i === bins ? 1 : i * step));
}

/** The number of inner edges strictly below p (numpy.searchsorted(edges[1:-1], p), side 'left'). */
function binIndex(p: number, edges: readonly number[]): number {
  const bins = edges.length - 1;
  let index = Math.min(bins - 1, Math.max(0, Math.ceil(p * bins) - 1));
  while (index > 0 && !((edges[index] as number) < p)) index--;
  while (index < bins - 1 && (edges[index + 1] as number) < p) index++;
  return index;
}

/** `probabilities[i]` is the predicted probability that item i is positive (labels 0/1). */
export function reliabilityBins(probabilities: ArrayLike<number>, labels: ArrayLike<number>, bins = 10): ReliabilityBin[] {
  assertSameLength('Calibration', probabilities, labels, 'probabilities', 'labels');
  assertBinaryLabels('Calibration', labels);
  const edges = binEdges(bins);
  const sums = new Float64Array(bins);
  const positives = new Float64Array(bins);
  const counts = new Float64Array(bins);
  for (let i = 0; i < labels.length; i++) {
    const p = probabilities[i] as number;
    if (!(p >= 0 && p <= 1)) {
      throw new EnclaveError('InvalidInputError', `Calibration: probability ${i} is ${p}; probabilities must lie in [0, 1] (apply sigmoid or softmax to logits first).`);
    }
    const b = binIndex(p, edges);
    sums[b] = (sums[b] as number) + p;
    positives[b] = (positives[b] as number) + (labels[i] as number);
    counts[b] = (counts[b] as number) + 1;
  }
  return Array.from({ length: bins }, (_, b) => {
    const count = counts[b] as number;
    return {
      lower: edges[b] as number,
      upper: edges[b + 1] as number,
      count,
      meanPredicted: count > 0 ? (sums[b] as number) / count : null,
      fractionPositive: count > 0 ? (positives[b] as number) / count : null,
    };
  });
}

/** ECE = Σ_b (n_b / N) · |mean predicted_b − fraction positive_b|, over the non-empty bins. */
export function expectedCalibrationError(probabilities: ArrayLike<number>, labels: ArrayLike<number>, bins = 10): number {
  assertNonEmpty('Expected calibration error', labels);
  const table = reliabilityBins(probabilities, labels, bins);
  let total = 0;
  for (const bin of table) {
    if (bin.meanPredicted !== null && bin.fractionPositive !== null) {
      total += bin.count * Math.abs(bin.meanPredicted - bin.fractionPositive);
    }
  }
  return total / labels.length;
}

/**
 * Multi-class probabilities reduced to top-label calibration data (Guo et al. 2017): the
 * confidence of the predicted class, and 1 when that prediction was right. Feed the result to
 * reliabilityBins or expectedCalibrationError.
 */
export function topLabelConfidences(
  probabilities: readonly ArrayLike<number>[],
  labels: ArrayLike<number>,
): { confidences: number[]; correct: number[] } {
  assertSameLength('Top-label calibration', probabilities, labels, 'probability rows', 'labels');
  const predicted = argmaxRows(probabilities);
  return {
    confidences: probabilities.map((row, i) => row[predicted[i] as number] as number),
    correct: predicted.map((p, i) => (p === labels[i] ? 1 : 0)),
  };
}
