import { describe, expect, it } from 'vitest';
import { classificationReport, regressionReport } from '../../../../src/lib/ml/metrics';

describe('classificationReport', () => {
  it('binary: AUROC with CI, threshold metrics, ROC, confusion items and calibration agree with each other', () => {
    const report = classificationReport({
      probabilities: [[0.9, 0.1], [0.4, 0.6], [0.3, 0.7], [0.2, 0.8]],
      labels: [0, 0, 1, 1],
      itemIds: ['a', 'b', 'c', 'd'],
      classes: ['normal', 'abnormal'],
      threshold: 0.65,
      bootstrap: { resamples: 50, seed: 3 },
    });
    expect(report.count).toBe(4);
    expect(report.accuracy).toBe(1);
    expect(report.auroc).toMatchObject({ auroc: 1, lower: 1, upper: 1, resamples: 50 });
    expect(report.atThreshold).toMatchObject({ truePositives: 2, falsePositives: 0, sensitivity: 1, specificity: 1 });
    expect(report.confusion.items).toEqual([[['a', 'b'], []], [[], ['c', 'd']]]);
    expect(report.roc?.length).toBe(5);
    expect(report.calibration.kind).toBe('positive-class');
    // bins of 0.1: 0.1 → 1st, 0.6 → 6th, 0.7 → 7th, 0.8 → 8th; |0.1−0| + |0.6−0| + |0.7−1| + |0.8−1| over 4
    expect(report.calibration.ece).toBeCloseTo((0.1 + 0.6 + 0.3 + 0.2) / 4, 12);
    expect(report.notes).toEqual([]);
  });

  it('one sigmoid output counts as binary; a one-class split gets a note, not an error', () => {
    const report = classificationReport({ probabilities: [[0.2], [0.9]], labels: [1, 1], itemIds: ['x', 'y'], classes: ['no', 'yes'] });
    expect(report.auroc).toBeNull();
    expect(report.roc).toBeNull();
    expect(report.atThreshold).toMatchObject({ sensitivity: 0.5 });
    expect(report.notes).toEqual(['AUROC needs both classes; this split has 2 positive and 0 negative items.']);
  });

  it('multi-class: argmax confusion, macro AUROC and top-label calibration', () => {
    const report = classificationReport({
      probabilities: [[0.8, 0.1, 0.1], [0.2, 0.7, 0.1], [0.3, 0.3, 0.4], [0.5, 0.4, 0.1]],
      labels: [0, 1, 2, 1],
      itemIds: ['a', 'b', 'c', 'd'],
      classes: ['x', 'y', 'z'],
    });
    expect(report.accuracy).toBe(0.75);
    expect(report.macroAuroc?.macro).toBe(1);
    expect(report.confusion.items[1]).toEqual([['d'], ['b'], []]);
    expect(report.calibration.kind).toBe('top-label');
    expect(report.auroc).toBeNull();
    expect(() => classificationReport({ probabilities: [[0.5, 0.5]], labels: [0], itemIds: ['a'], classes: ['x', 'y', 'z'] }))
      .toThrow(expect.objectContaining({ name: 'InvalidInputError' }));
  });
});

describe('regressionReport', () => {
  it('metrics and scatter per output', () => {
    const report = regressionReport([[2.5], [0], [2], [8]], [[3], [-0.5], [2], [7]], ['a', 'b', 'c', 'd']);
    expect(report.outputs).toHaveLength(1);
    expect(report.outputs[0]?.metrics.meanAbsoluteError).toBe(0.5);
    expect(report.outputs[0]?.scatter[3]).toEqual({ itemId: 'd', actual: 7, predicted: 8 });
  });
});
