import { describe, expect, it } from 'vitest';
import type { ClassificationReport, RegressionReport } from '../../../src/lib/ml/metrics';
import { classificationRows, compareRows, regressionRows } from '../../../src/ui/components/charts/report-rows';

const bin = { lower: 0, upper: 1, count: 4, meanPredicted: 0.5, fractionPositive: 0.5 };

const binary: ClassificationReport = {
  task: 'classification',
  count: 40,
  accuracy: 0.825,
  auroc: { auroc: 0.87346, lower: 0.7611, upper: 0.9522, level: 0.95, resamples: 1000, seed: 1 },
  macroAuroc: null,
  atThreshold: {
    threshold: 0.5, truePositives: 15, falsePositives: 3, trueNegatives: 18, falseNegatives: 4,
    sensitivity: 15 / 19, specificity: 18 / 21, positivePredictiveValue: 15 / 18, negativePredictiveValue: 18 / 22,
  },
  roc: [],
  confusion: { classes: ['benign', 'malignant'], counts: [[18, 3], [4, 15]], items: [[[], []], [[], []]] },
  calibration: { kind: 'positive-class', ece: 0.0712, bins: [bin, bin, bin, bin, bin, bin, bin, bin, bin, bin] },
  notes: [],
};

describe('classificationRows', () => {
  it('lists accuracy, AUROC with its interval, sensitivity and specificity at the threshold, and ECE', () => {
    const rows = classificationRows(binary);
    expect(rows.map((r) => [r.key, r.label, r.texts[0]])).toEqual([
      ['count', 'Items', '40'],
      ['accuracy', 'Accuracy', '0.825'],
      ['auroc', 'AUROC [95% CI]', '0.873 [0.761, 0.952]'],
      ['sensitivity', 'Sensitivity at 0.50', '0.789'],
      ['specificity', 'Specificity at 0.50', '0.857'],
      ['ece', 'ECE (positive class, 10 bins)', '0.071'],
    ]);
    expect(rows[2]?.values).toEqual([0.87346]);
  });

  it('shows a dash where the split cannot give an AUROC, and macro AUROC for several classes', () => {
    const noAuroc = classificationRows({ ...binary, auroc: null, atThreshold: { ...binary.atThreshold!, specificity: Number.NaN } });
    expect(noAuroc.find((r) => r.key === 'auroc')).toEqual({ key: 'auroc', label: 'AUROC [95% CI]', values: [undefined], texts: ['—'] });
    expect(noAuroc.find((r) => r.key === 'specificity')?.texts).toEqual(['—']);

    const multi = classificationRows({
      ...binary, auroc: null, atThreshold: null, macroAuroc: { macro: 0.9123, perClass: [0.9, 0.95, 0.88] },
      calibration: { kind: 'top-label', ece: 0.2, bins: [bin, bin, bin, bin, bin] },
    });
    expect(multi.map((r) => [r.key, r.label, r.texts[0]])).toEqual([
      ['count', 'Items', '40'],
      ['accuracy', 'Accuracy', '0.825'],
      ['macro_auroc', 'AUROC (one-vs-rest, macro)', '0.912'],
      ['ece', 'ECE (top-label, 5 bins)', '0.200'],
    ]);
  });
});

describe('regressionRows', () => {
  it('gives MAE, RMSE and R² with one column per output', () => {
    const report: RegressionReport = {
      task: 'regression',
      outputs: [
        { metrics: { count: 3, meanAbsoluteError: 3, rootMeanSquaredError: 3.3166, r2: 0.6104 }, scatter: [] },
        { metrics: { count: 3, meanAbsoluteError: 0.1, rootMeanSquaredError: 0.1, r2: Number.NaN }, scatter: [] },
      ],
    };
    expect(regressionRows(report).map((r) => [r.key, r.label, ...r.texts])).toEqual([
      ['count', 'Items', '3', '3'],
      ['mae', 'MAE', '3', '0.1'],
      ['rmse', 'RMSE', '3.32', '0.1'],
      ['r2', 'R²', '0.610', '—'],
    ]);
  });
});

describe('compareRows', () => {
  const runs = [
    { metrics: { val_auroc: 0.81, val_loss: 0.45, test_ece: 0.08 } },
    { metrics: { val_auroc: 0.88, val_loss: 0.39, test_ece: 0.11 } },
    { metrics: { val_auroc: 0.88, val_loss: 0.41 } },
  ];

  it('has a row per metric in order of first appearance, with the best runs marked by direction', () => {
    expect(compareRows(runs).map((r) => [r.key, r.label, r.better, r.best, r.texts])).toEqual([
      ['val_auroc', 'validation AUROC', 'higher', [1, 2], ['0.810', '0.880', '0.880']],
      ['val_loss', 'validation loss', 'lower', [1], ['0.450', '0.390', '0.410']],
      ['test_ece', 'test ECE', 'lower', [0], ['0.080', '0.110', '—']],
    ]);
  });

  it('follows explicit row specs: order, label, direction and decimals', () => {
    const rows = compareRows(runs, [{ key: 'val_loss', label: 'Loss', decimals: 2 }, { key: 'test_ece', better: 'higher' }, { key: 'missing' }]);
    expect(rows.map((r) => [r.label, r.best, r.texts])).toEqual([
      ['Loss', [1], ['0.45', '0.39', '0.41']],
      ['test ECE', [1], ['0.080', '0.110', '—']],
      ['missing', [], ['—', '—', '—']],
    ]);
  });
});
