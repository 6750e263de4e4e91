/** Number formats and metric conventions shared by the evaluation tables and chart titles. */

/** A metric value with fixed decimals; an em dash for a value that is missing or NaN. */
export function formatNumber(value: number | null | undefined, decimals = 3): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  const text = value.toFixed(decimals);
  return /^-0(\.0+)?$/.test(text) ? text.slice(1) : text;
}

/** "0.873 [0.812, 0.931]": a point estimate with its interval, as in clinical papers. */
export function formatInterval(value: number, lower: number, upper: number, decimals = 3): string {
  return `${formatNumber(value, decimals)} [${formatNumber(lower, decimals)}, ${formatNumber(upper, decimals)}]`;
}

/** A short value for a chart axis or aria text: 3 significant digits, no exponent below 1e6. */
export function formatShort(value: number): string {
  if (!Number.isFinite(value)) return formatNumber(value);
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1000 && magnitude < 1e6) return String(Math.round(value));
  return String(Number(value.toPrecision(3)));
}

export type Better = 'higher' | 'lower';

/**
 * Whether a bigger value of a metric is better, from its name: losses, errors and calibration
 * error are better low; everything else (accuracy, AUROC, R², sensitivity…) high.
 */
export function metricDirection(key: string): Better {
  return /loss|mae|rmse|mse|error|ece|brier/i.test(key) ? 'lower' : 'higher';
}

const METRIC_WORDS: Readonly<Record<string, string>> = {
  auroc: 'AUROC', mae: 'MAE', rmse: 'RMSE', r2: 'R²', ece: 'ECE', ppv: 'PPV', npv: 'NPV',
  val: 'validation', acc: 'accuracy',
};

/** "val_auroc" → "validation AUROC", "test_r2" → "test R²". */
export function metricLabel(key: string): string {
  return key
    .split(/[_\s]+/)
    .filter((word) => word.length > 0)
    .map((word) => METRIC_WORDS[word.toLowerCase()] ?? word)
    .join(' ');
}

/**
 * Indices of the best finite values (all of them on a tie). Empty when fewer than two values
 * can be compared, because a lone value is not "best" of anything.
 */
export function bestIndices(values: readonly (number | null | undefined)[], better: Better): number[] {
  const finite = values.flatMap((v, i) => (v !== null && v !== undefined && Number.isFinite(v) ? [{ v, i }] : []));
  if (finite.length < 2) return [];
  const target = better === 'higher' ? Math.max(...finite.map((f) => f.v)) : Math.min(...finite.map((f) => f.v));
  return finite.filter((f) => f.v === target).map((f) => f.i);
}
