/** The metrics shown per epoch, from collected predictions; undefined ones are left out. */
import { accuracy, argmaxRows, auroc, countClasses, multiClassAuroc, regressionMetrics } from '../metrics';
import type { Predictions } from './predict';
import type { LossKind } from './types';

function column(values: number[][], k: number): number[] {
  return values.map((row) => row[k] as number);
}

function aurocIfDefined(scores: number[], labels: number[]): number | undefined {
  const { positives, negatives } = countClasses(labels);
  const binary = labels.every((y) => y === 0 || y === 1);
  return binary && positives > 0 && negatives > 0 ? auroc(scores, labels) : undefined;
}

function mean(values: (number | undefined)[]): number | undefined {
  const defined = values.filter((v): v is number => v !== undefined && Number.isFinite(v));
  return defined.length > 0 ? defined.reduce((a, b) => a + b, 0) / defined.length : undefined;
}

export function validationMetrics(loss: LossKind, predictions: Predictions): Record<string, number> {
  const { outputs, targets } = predictions;
  const metrics: Record<string, number | undefined> = {};
  if (outputs.length === 0) return {};
  const width = outputs[0]?.length ?? 0;
  if (loss === 'softmax-cross-entropy') {
    const labels = argmaxRows(targets);
    metrics.val_accuracy = accuracy(argmaxRows(outputs), labels);
    if (width === 2) metrics.val_auroc = aurocIfDefined(column(outputs, 1), labels);
    else if (new Set(labels).size >= 2) metrics.val_auroc = multiClassAuroc(outputs, labels).macro;
  } else if (loss === 'sigmoid-cross-entropy') {
    let correct = 0;
    outputs.forEach((row, i) => row.forEach((p, k) => { if ((p >= 0.5 ? 1 : 0) === targets[i]?.[k]) correct++; }));
    metrics.val_accuracy = correct / (outputs.length * width);
    metrics.val_auroc = mean(Array.from({ length: width }, (_, k) => aurocIfDefined(column(outputs, k), column(targets, k))));
  } else {
    // Averaged over outputs, as scikit-learn's multioutput='uniform_average'.
    const perOutput = Array.from({ length: width }, (_, k) => regressionMetrics(column(outputs, k), column(targets, k)));
    metrics.val_mae = mean(perOutput.map((m) => m.meanAbsoluteError));
    metrics.val_rmse = mean(perOutput.map((m) => m.rootMeanSquaredError));
    metrics.val_r2 = mean(perOutput.map((m) => m.r2));
  }
  return Object.fromEntries(Object.entries(metrics).filter((e): e is [string, number] => e[1] !== undefined && Number.isFinite(e[1])));
}
