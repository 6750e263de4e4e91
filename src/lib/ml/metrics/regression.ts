/** Regression metrics and the data of a predicted-against-actual scatter plot. */
import { assertFinite, assertNonEmpty, assertSameLength } from './validate';

export interface RegressionMetrics {
  count: number;
  meanAbsoluteError: number;
  rootMeanSquaredError: number;
  /**
   * Coefficient of determination 1 − SS_res / SS_tot. NaN when every actual value is the same
   * (SS_tot = 0), where R² is undefined; scikit-learn reports 1 or 0 there instead.
   */
  r2: number;
}

export function regressionMetrics(predicted: ArrayLike<number>, actual: ArrayLike<number>): RegressionMetrics {
  assertSameLength('Regression metrics', predicted, actual, 'predictions', 'targets');
  assertNonEmpty('Regression metrics', actual);
  assertFinite('Regression metrics', predicted, 'prediction');
  assertFinite('Regression metrics', actual, 'target');
  const n = actual.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += actual[i] as number;
  mean /= n;
  let absolute = 0;
  let squared = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const error = (predicted[i] as number) - (actual[i] as number);
    absolute += Math.abs(error);
    squared += error * error;
    total += ((actual[i] as number) - mean) ** 2;
  }
  return {
    count: n,
    meanAbsoluteError: absolute / n,
    rootMeanSquaredError: Math.sqrt(squared / n),
    r2: total > 0 ? 1 - squared / total : Number.NaN,
  };
}

export interface ScatterPoint {
  itemId: string;
  actual: number;
  predicted: number;
}

export function regressionScatter(predicted: ArrayLike<number>, actual: ArrayLike<number>, itemIds?: readonly string[]): ScatterPoint[] {
  assertSameLength('Regression scatter', predicted, actual, 'predictions', 'targets');
  if (itemIds !== undefined) assertSameLength('Regression scatter', itemIds, actual, 'item ids', 'targets');
  return Array.from({ length: actual.length }, (_, i) => ({
    itemId: itemIds?.[i] ?? String(i),
    actual: actual[i] as number,
    predicted: predicted[i] as number,
  }));
}
