/**
 * The rows of the metrics and run-comparison tables as plain data, so that what a table shows
 * (and in which words) is decided and tested here, and the components only lay it out.
 */
import type { ClassificationReport, RegressionReport } from '../../../lib/ml/metrics';
import { bestIndices, formatInterval, formatNumber, formatShort, metricDirection, metricLabel, type Better } from './format';

export interface ReportRow {
  key: string;
  label: string;
  /** The number behind each cell, for data-value; undefined when there is none. */
  values: (number | undefined)[];
  texts: string[];
}

export function classificationRows(report: ClassificationReport): ReportRow[] {
  const one = (key: string, label: string, value: number | undefined, text: string): ReportRow => ({ key, label, values: [value], texts: [text] });
  const rows = [one('count', 'Items', report.count, String(report.count)), one('accuracy', 'Accuracy', report.accuracy, formatNumber(report.accuracy))];
  if (report.macroAuroc) {
    rows.push(one('macro_auroc', 'AUROC (one-vs-rest, macro)', report.macroAuroc.macro, formatNumber(report.macroAuroc.macro)));
  } else {
    const a = report.auroc;
    const level = `${Math.round((a?.level ?? 0.95) * 100)}% CI`;
    rows.push(one('auroc', `AUROC [${level}]`, a?.auroc, a ? formatInterval(a.auroc, a.lower, a.upper) : '—'));
  }
  const t = report.atThreshold;
  if (t) {
    const at = ` at ${formatNumber(t.threshold, 2)}`;
    rows.push(one('sensitivity', `Sensitivity${at}`, t.sensitivity, formatNumber(t.sensitivity)));
    rows.push(one('specificity', `Specificity${at}`, t.specificity, formatNumber(t.specificity)));
  }
  const { kind, ece, bins } = report.calibration;
  rows.push(one('ece', `ECE (${kind === 'top-label' ? 'top-label' : 'positive class'}, ${bins.length} bins)`, ece, formatNumber(ece)));
  return rows;
}

/** One column per model output. */
export function regressionRows(report: RegressionReport): ReportRow[] {
  const all = report.outputs.map((o) => o.metrics);
  return [
    { key: 'count', label: 'Items', values: all.map((m) => m.count), texts: all.map((m) => String(m.count)) },
    { key: 'mae', label: 'MAE', values: all.map((m) => m.meanAbsoluteError), texts: all.map((m) => formatShort(m.meanAbsoluteError)) },
    { key: 'rmse', label: 'RMSE', values: all.map((m) => m.rootMeanSquaredError), texts: all.map((m) => formatShort(m.rootMeanSquaredError)) },
    { key: 'r2', label: 'R²', values: all.map((m) => m.r2), texts: all.map((m) => formatNumber(m.r2)) },
  ];
}

export interface CompareRowSpec {
  key: string;
  label?: string;
  better?: Better;
  decimals?: number;
}

export interface CompareRow {
  key: string;
  label: string;
  better: Better;
  values: (number | undefined)[];
  texts: string[];
  /** Indices of the runs holding the best value (empty when fewer than two runs have one). */
  best: number[];
}

/**
 * A row per metric across runs. Without specs: every metric key any run has, in order of first
 * appearance, labelled and directed from its name.
 */
export function compareRows(runs: readonly { metrics: Record<string, number | undefined> }[], specs?: readonly CompareRowSpec[]): CompareRow[] {
  const chosen = specs ?? [...new Set(runs.flatMap((r) => Object.keys(r.metrics)))].map((key): CompareRowSpec => ({ key }));
  return chosen.map((spec) => {
    const better = spec.better ?? metricDirection(spec.key);
    const values = runs.map((r) => r.metrics[spec.key]);
    return {
      key: spec.key,
      label: spec.label ?? metricLabel(spec.key),
      better,
      values,
      texts: values.map((v) => formatNumber(v, spec.decimals ?? 3)),
      best: bestIndices(values, better),
    };
  });
}
