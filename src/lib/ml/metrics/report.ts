/**
 * The evaluation of one split (validation or test) as one plain object for the UI and the model
 * card: every number comes from the metric functions of this folder. Metrics that a split cannot
 * support (AUROC of a one-class split) are null with a note saying why, rather than an error.
 */
import { EnclaveError } from '../../jobs';
import { multiClassAuroc, countClasses } from './auroc';
import { bootstrapAurocCi, type AurocInterval, type BootstrapOptions } from './bootstrap';
import { expectedCalibrationError, reliabilityBins, topLabelConfidences, type ReliabilityBin } from './calibration';
import {
  accuracy, argmaxRows, confusionMatrix, rocCurve, sensitivitySpecificity,
  type ConfusionMatrix, type RocPoint, type ThresholdMetrics,
} from './classification';
import { regressionMetrics, regressionScatter, type RegressionMetrics, type ScatterPoint } from './regression';
import { assertSameLength } from './validate';

export interface ClassificationInput {
  /** Row i: the item's class probabilities (K ≥ 2 columns), or [p(positive)] for one sigmoid output. */
  probabilities: readonly (readonly number[])[];
  /** Class index of each item. */
  labels: readonly number[];
  itemIds: readonly string[];
  /** Class names, K of them (two for a single sigmoid output: negative, then positive). */
  classes: readonly string[];
  /** Binary only: items with p(positive) ≥ threshold are called positive (default 0.5). */
  threshold?: number;
  bootstrap?: BootstrapOptions;
  calibrationBins?: number;
}

export interface ClassificationReport {
  task: 'classification';
  count: number;
  accuracy: number;
  /** Binary: AUROC with its bootstrap CI. Null when the split lacks a class. */
  auroc: AurocInterval | null;
  /** Multi-class: one-vs-rest AUROC, macro-averaged over the classes present. */
  macroAuroc: { macro: number; perClass: (number | null)[] } | null;
  /** Binary: sensitivity, specificity, PPV and NPV at the threshold. */
  atThreshold: ThresholdMetrics | null;
  roc: RocPoint[] | null;
  confusion: ConfusionMatrix;
  /** 'positive-class' (binary: p(positive) against the label) or 'top-label' (multi-class). */
  calibration: { kind: 'positive-class' | 'top-label'; ece: number; bins: ReliabilityBin[] };
  notes: string[];
}

export function classificationReport(input: ClassificationInput): ClassificationReport {
  const { probabilities, labels, itemIds, classes } = input;
  assertSameLength('Evaluation', probabilities, labels, 'predictions', 'labels');
  assertSameLength('Evaluation', itemIds, labels, 'item ids', 'labels');
  if (labels.length === 0) throw new EnclaveError('InvalidInputError', 'The split to evaluate has no items.');
  const width = probabilities[0]?.length ?? 0;
  const binary = classes.length === 2 && (width === 1 || width === 2);
  if (!binary && width !== classes.length) {
    throw new EnclaveError('InvalidInputError', `The model gives ${width} outputs per item but there are ${classes.length} class names.`);
  }
  const bins = input.calibrationBins ?? 10;
  const notes: string[] = [];
  if (!binary) {
    const predicted = argmaxRows(probabilities);
    const present = new Set(labels).size;
    const top = topLabelConfidences(probabilities, labels);
    if (present < 2) notes.push('AUROC needs at least two classes in the split.');
    return {
      task: 'classification',
      count: labels.length,
      accuracy: accuracy(predicted, labels),
      auroc: null,
      macroAuroc: present >= 2 ? multiClassAuroc(probabilities, labels) : null,
      atThreshold: null,
      roc: null,
      confusion: confusionMatrix(predicted, labels, classes, itemIds),
      calibration: { kind: 'top-label', ece: expectedCalibrationError(top.confidences, top.correct, bins), bins: reliabilityBins(top.confidences, top.correct, bins) },
      notes,
    };
  }
  const threshold = input.threshold ?? 0.5;
  const scores = probabilities.map((row) => row[row.length - 1] as number);
  const predicted = scores.map((s) => (s >= threshold ? 1 : 0));
  const { positives, negatives } = countClasses(labels);
  const bothClasses = positives > 0 && negatives > 0;
  if (!bothClasses) notes.push(`AUROC needs both classes; this split has ${positives} positive and ${negatives} negative items.`);
  return {
    task: 'classification',
    count: labels.length,
    accuracy: accuracy(predicted, labels),
    auroc: bothClasses ? bootstrapAurocCi(scores, labels, input.bootstrap) : null,
    macroAuroc: null,
    atThreshold: sensitivitySpecificity(scores, labels, threshold),
    roc: bothClasses ? rocCurve(scores, labels) : null,
    confusion: confusionMatrix(predicted, labels, classes, itemIds),
    calibration: { kind: 'positive-class', ece: expectedCalibrationError(scores, labels, bins), bins: reliabilityBins(scores, labels, bins) },
    notes,
  };
}

export interface RegressionReport {
  task: 'regression';
  /** One entry per model output (usually one: e.g. ejection fraction). */
  outputs: { metrics: RegressionMetrics; scatter: ScatterPoint[] }[];
}

/** `predicted[i]` and `actual[i]` hold one value per model output. */
export function regressionReport(
  predicted: readonly (readonly number[])[],
  actual: readonly (readonly number[])[],
  itemIds: readonly string[],
): RegressionReport {
  assertSameLength('Evaluation', predicted, actual, 'predictions', 'targets');
  if (actual.length === 0) throw new EnclaveError('InvalidInputError', 'The split to evaluate has no items.');
  const width = actual[0]?.length ?? 0;
  return {
    task: 'regression',
    outputs: Array.from({ length: width }, (_, k) => {
      const p = predicted.map((row) => row[k] as number);
      const a = actual.map((row) => row[k] as number);
      return { metrics: regressionMetrics(p, a), scatter: regressionScatter(p, a, itemIds) };
    }),
  };
}
