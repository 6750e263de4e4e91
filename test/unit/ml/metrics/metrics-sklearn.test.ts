import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../../src/lib/util/mulberry32';
import {
  accuracy, argmaxRows, auroc, confusionMatrix, multiClassAuroc, regressionMetrics, reliabilityBins,
  rocCurve, sensitivitySpecificity,
} from '../../../../src/lib/ml/metrics';

/** Every metric against scikit-learn (Debian python3-sklearn) on the same random inputs, to 1e-12. */
const PYTHON = '/usr/bin/python3';
const SCRIPT = resolve(import.meta.dirname, 'sklearn_metrics.py');
const HAS_SKLEARN = spawnSync(PYTHON, ['-c', 'import sklearn, numpy'], { encoding: 'utf8' }).status === 0;
if (!HAS_SKLEARN) console.warn(`[skip] ${PYTHON} cannot import sklearn+numpy: install python3-sklearn to cross-check the metrics`);

const random = mulberry32(20261127);
const n = 300;
// Scores rounded to two decimals so that many ties occur, the case AUROC implementations get wrong.
const labels = Array.from({ length: n }, () => (random() < 0.35 ? 1 : 0));
const scores = labels.map((y) => Math.round((random() * 0.7 + y * 0.3) * 100) / 100);
const probabilities = labels.map((y) => Math.min(1, Math.max(0, random() * 0.8 + y * 0.2)));
probabilities.push(0, 1, 0.3, 0.1); // values on bin edges
labels.push(0, 1, 1, 0);
scores.push(0.5, 0.5, 0.5, 0.5);
const classCount = 4;
const classes = Array.from({ length: n }, () => Math.floor(random() * classCount));
const multiProbabilities = classes.map((c) => {
  const raw = Array.from({ length: classCount }, (_, k) => random() + (k === c ? 0.6 : 0));
  const sum = raw.reduce((a, b) => a + b, 0);
  return raw.map((v) => v / sum);
});
const actual = Array.from({ length: n }, () => random() * 80 + 10);
const predicted = actual.map((a) => a + (random() - 0.5) * 20);
const threshold = 0.5;
const bins = 10;

interface Reference {
  auroc: number;
  roc: { fpr: number[]; tpr: number[]; thresholds: number[] };
  threshold: { tp: number; fp: number; tn: number; fn: number; sensitivity: number; specificity: number };
  calibration: { prob_true: number[]; prob_pred: number[] };
  multi_auroc: number;
  accuracy: number;
  confusion: number[][];
  mae: number;
  rmse: number;
  r2: number;
}

function reference(): Reference {
  const dir = mkdtempSync(join(tmpdir(), 'enclave-metrics-'));
  try {
    const input = join(dir, 'cases.json');
    writeFileSync(input, JSON.stringify({
      binary: { scores, labels, threshold, probabilities, bins },
      multi: { probabilities: multiProbabilities, labels: classes },
      regression: { actual, predicted },
    }));
    const run = spawnSync(PYTHON, [SCRIPT, input], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`sklearn_metrics.py failed: ${run.stderr}`);
    return JSON.parse(run.stdout) as Reference;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const closeTo = (a: number, b: number): void => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-12);
const allClose = (a: number[], b: number[]): void => {
  expect(a.length).toBe(b.length);
  a.forEach((v, i) => closeTo(v, b[i] as number));
};

describe.skipIf(!HAS_SKLEARN)('metrics agree with scikit-learn', () => {
  const ref = HAS_SKLEARN ? reference() : ({} as Reference);

  it('binary AUROC with ties (roc_auc_score)', () => {
    closeTo(auroc(scores, labels), ref.auroc);
  });

  it('ROC curve (roc_curve, drop_intermediate=False)', () => {
    const curve = rocCurve(scores, labels);
    allClose(curve.map((p) => p.falsePositiveRate), ref.roc.fpr);
    allClose(curve.map((p) => p.truePositiveRate), ref.roc.tpr);
    allClose(curve.slice(1).map((p) => p.threshold), ref.roc.thresholds);
  });

  it('sensitivity and specificity at a threshold (confusion_matrix)', () => {
    const m = sensitivitySpecificity(scores, labels, threshold);
    expect([m.truePositives, m.falsePositives, m.trueNegatives, m.falseNegatives])
      .toEqual([ref.threshold.tp, ref.threshold.fp, ref.threshold.tn, ref.threshold.fn]);
    closeTo(m.sensitivity, ref.threshold.sensitivity);
    closeTo(m.specificity, ref.threshold.specificity);
  });

  it('reliability bins (calibration_curve, uniform)', () => {
    const filled = reliabilityBins(probabilities, labels, bins).filter((b) => b.count > 0);
    allClose(filled.map((b) => b.fractionPositive ?? Number.NaN), ref.calibration.prob_true);
    allClose(filled.map((b) => b.meanPredicted ?? Number.NaN), ref.calibration.prob_pred);
  });

  it('one-vs-rest macro AUROC, accuracy and confusion matrix of 4 classes', () => {
    closeTo(multiClassAuroc(multiProbabilities, classes).macro, ref.multi_auroc);
    const argmax = argmaxRows(multiProbabilities);
    closeTo(accuracy(argmax, classes), ref.accuracy);
    expect(confusionMatrix(argmax, classes, ['a', 'b', 'c', 'd']).counts).toEqual(ref.confusion);
  });

  it('MAE, RMSE and R²', () => {
    const m = regressionMetrics(predicted, actual);
    closeTo(m.meanAbsoluteError, ref.mae);
    closeTo(m.rootMeanSquaredError, ref.rmse);
    closeTo(m.r2, ref.r2);
  });
});
