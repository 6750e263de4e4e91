import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../../src/lib/util/mulberry32';
import {
  accuracy, auroc, bootstrapAurocCi, confusionMatrix, expectedCalibrationError, multiClassAuroc,
  percentileOfSorted, regressionMetrics, regressionScatter, reliabilityBins, rocCurve,
  sensitivitySpecificity, topLabelConfidences,
} from '../../../../src/lib/ml/metrics';

const invalid = expect.objectContaining({ name: 'InvalidInputError' });

describe('auroc', () => {
  it('matches hand-computed values, ties counting one half', () => {
    // scikit-learn's docstring example: 3 of 4 positive–negative pairs ordered correctly.
    expect(auroc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBe(0.75);
    // Pairs (pos, neg): (0.5, 0.5) tie → ½, (0.5, 0.2) 1, (0.9, 0.5) 1, (0.9, 0.2) 1 → 3.5 / 4.
    expect(auroc([0.5, 0.5, 0.2, 0.9], [1, 0, 0, 1])).toBe(0.875);
    expect(auroc([3, 3, 3, 3], [1, 0, 1, 0])).toBe(0.5);
    expect(auroc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0);
  });

  it('refuses a split with one class, and mismatched or non-finite input', () => {
    expect(() => auroc([0.1, 0.2], [1, 1])).toThrow(invalid);
    expect(() => auroc([0.1, 0.2], [1, 0, 1])).toThrow(invalid);
    expect(() => auroc([Number.NaN, 0.2], [1, 0])).toThrow(invalid);
    expect(() => auroc([0.1, 0.2], [2, 0])).toThrow(invalid);
  });

  it('one-vs-rest macro over the classes present', () => {
    const probabilities = [[0.8, 0.1, 0.1], [0.2, 0.7, 0.1], [0.3, 0.3, 0.4], [0.5, 0.4, 0.1]];
    const labels = [0, 1, 2, 1];
    // class 0: positive 0.8 above negatives 0.2, 0.3, 0.5 → 1; class 1: positives 0.7, 0.4 vs
    // negatives 0.1, 0.3 → 1; class 2: positive 0.4 above 0.1, 0.1, 0.1 → 1.
    expect(multiClassAuroc(probabilities, labels)).toEqual({ macro: 1, perClass: [1, 1, 1] });
    // class 2 absent: left out of the mean and reported as null.
    expect(multiClassAuroc(probabilities, [0, 1, 0, 1]).perClass[2]).toBeNull();
    expect(() => multiClassAuroc(probabilities, [0, 1, 3, 1])).toThrow(invalid);
  });
});

describe('bootstrapAurocCi', () => {
  const random = mulberry32(7);
  const labels = Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? 1 : 0));
  const scores = labels.map((y) => random() + y * 0.5);

  it('equals a plain re-implementation that copies each stratified resample', () => {
    const ci = bootstrapAurocCi(scores, labels, { resamples: 200, seed: 42 });
    const draw = mulberry32(42);
    const positives = labels.flatMap((y, i) => (y === 1 ? [i] : []));
    const negatives = labels.flatMap((y, i) => (y === 0 ? [i] : []));
    const values: number[] = [];
    for (let r = 0; r < 200; r++) {
      const picked = [...positives.map(() => positives[Math.floor(draw() * positives.length)] as number),
        ...negatives.map(() => negatives[Math.floor(draw() * negatives.length)] as number)];
      values.push(auroc(picked.map((i) => scores[i] as number), picked.map((i) => labels[i] as number)));
    }
    values.sort((a, b) => a - b);
    expect(ci.auroc).toBe(auroc(scores, labels));
    expect(ci.lower).toBeCloseTo(percentileOfSorted(values, 0.025), 12);
    expect(ci.upper).toBeCloseTo(percentileOfSorted(values, 0.975), 12);
    expect(ci.lower).toBeLessThan(ci.auroc);
    expect(ci.upper).toBeGreaterThan(ci.auroc);
    expect(ci).toMatchObject({ level: 0.95, resamples: 200, seed: 42 });
  });

  it('repeats for a seed, differs for another, and is [1, 1] for separated classes', () => {
    const a = bootstrapAurocCi(scores, labels, { resamples: 100, seed: 1 });
    expect(bootstrapAurocCi(scores, labels, { resamples: 100, seed: 1 })).toEqual(a);
    expect(bootstrapAurocCi(scores, labels, { resamples: 100, seed: 2 }).lower).not.toBe(a.lower);
    expect(bootstrapAurocCi([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1], { resamples: 50 })).toMatchObject({ auroc: 1, lower: 1, upper: 1 });
    expect(() => bootstrapAurocCi(scores, labels, { resamples: 0 })).toThrow(invalid);
    expect(() => bootstrapAurocCi(scores, labels, { level: 95 })).toThrow(invalid);
  });

  it('percentiles interpolate like numpy', () => {
    expect(percentileOfSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentileOfSorted([10, 20, 30, 40, 50], 0.975)).toBeCloseTo(49, 12);
    expect(percentileOfSorted([7], 0.025)).toBe(7);
  });
});

describe('threshold metrics', () => {
  it('counts at or above the threshold as positive', () => {
    const m = sensitivitySpecificity([0.9, 0.5, 0.4, 0.6, 0.1], [1, 1, 1, 0, 0], 0.5);
    expect(m).toEqual({
      threshold: 0.5, truePositives: 2, falsePositives: 1, trueNegatives: 1, falseNegatives: 1,
      sensitivity: 2 / 3, specificity: 0.5, positivePredictiveValue: 2 / 3, negativePredictiveValue: 0.5,
    });
    expect(sensitivitySpecificity([0.2], [0], 0.5).sensitivity).toBeNaN();
  });

  it('ROC curve points from the highest score down', () => {
    expect(rocCurve([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toEqual([
      { threshold: Number.POSITIVE_INFINITY, falsePositiveRate: 0, truePositiveRate: 0 },
      { threshold: 0.8, falsePositiveRate: 0, truePositiveRate: 0.5 },
      { threshold: 0.4, falsePositiveRate: 0.5, truePositiveRate: 0.5 },
      { threshold: 0.35, falsePositiveRate: 0.5, truePositiveRate: 1 },
      { threshold: 0.1, falsePositiveRate: 1, truePositiveRate: 1 },
    ]);
  });

  it('accuracy and a confusion matrix whose cells list their items', () => {
    expect(accuracy([0, 1, 1, 2], [0, 1, 2, 2])).toBe(0.75);
    const m = confusionMatrix([0, 1, 1, 2, 0], [0, 1, 2, 2, 2], ['normal', 'mild', 'severe'], ['a', 'b', 'c', 'd', 'e']);
    expect(m.counts).toEqual([[1, 0, 0], [0, 1, 0], [1, 1, 1]]);
    expect(m.items).toEqual([[['a'], [], []], [[], ['b'], []], [['e'], ['c'], ['d']]]);
    expect(m.classes).toEqual(['normal', 'mild', 'severe']);
    expect(confusionMatrix([1], [0], ['n', 'p']).items[0]?.[1]).toEqual(['0']);
    expect(() => confusionMatrix([3], [0], ['n', 'p'])).toThrow(invalid);
    expect(() => confusionMatrix([0], [0], ['n', 'p'], ['a', 'b'])).toThrow(invalid);
  });
});

describe('calibration', () => {
  it('bins (lower, upper] with 0 in the first bin, and the ECE', () => {
    const probabilities = [0, 0.1, 0.15, 0.5, 0.55, 0.9, 1];
    const labels = [0, 0, 1, 0, 1, 1, 1];
    const bins = reliabilityBins(probabilities, labels, 4);
    expect(bins.map((b) => b.count)).toEqual([3, 1, 1, 2]);
    expect(bins[0]).toEqual({ lower: 0, upper: 0.25, count: 3, meanPredicted: 0.25 / 3, fractionPositive: 1 / 3 });
    expect(bins[1]).toMatchObject({ lower: 0.25, upper: 0.5, meanPredicted: 0.5, fractionPositive: 0 });
    // ECE = (3·|0.0833 − 0.3333| + 1·|0.5 − 0| + 1·|0.55 − 1| + 2·|0.95 − 1|) / 7
    const expected = (3 * Math.abs(0.25 / 3 - 1 / 3) + 0.5 + 0.45 + 2 * 0.05) / 7;
    expect(expectedCalibrationError(probabilities, labels, 4)).toBeCloseTo(expected, 12);
    expect(reliabilityBins([0.2], [1], 2)[1]).toEqual({ lower: 0.5, upper: 1, count: 0, meanPredicted: null, fractionPositive: null });
  });

  it('a perfectly calibrated set has ECE 0; bad input is refused', () => {
    expect(expectedCalibrationError([0.25, 0.25, 0.25, 0.25], [1, 0, 0, 0], 10)).toBe(0);
    expect(() => reliabilityBins([1.2], [1])).toThrow(invalid);
    expect(() => reliabilityBins([0.2], [1], 0)).toThrow(invalid);
  });

  it('reduces multi-class output to top-label confidence and correctness', () => {
    expect(topLabelConfidences([[0.7, 0.2, 0.1], [0.3, 0.6, 0.1]], [0, 2])).toEqual({ confidences: [0.7, 0.6], correct: [1, 0] });
  });
});

describe('regression', () => {
  it('MAE, RMSE and R² of a small set', () => {
    // scikit-learn's r2_score docstring example: y_true [3, -0.5, 2, 7], y_pred [2.5, 0.0, 2, 8].
    const m = regressionMetrics([2.5, 0.0, 2, 8], [3, -0.5, 2, 7]);
    expect(m.count).toBe(4);
    expect(m.meanAbsoluteError).toBe(0.5);
    expect(m.rootMeanSquaredError).toBeCloseTo(Math.sqrt(0.375), 15);
    expect(m.r2).toBeCloseTo(0.9486081370449679, 15);
    expect(regressionMetrics([1, 2], [3, 3]).r2).toBeNaN();
  });

  it('scatter data keeps the item ids', () => {
    expect(regressionScatter([1.5, 2], [1, 2], ['x', 'y'])).toEqual([
      { itemId: 'x', actual: 1, predicted: 1.5 },
      { itemId: 'y', actual: 2, predicted: 2 },
    ]);
  });
});
