import { describe, expect, it } from 'vitest';
import {
  bestIndices, formatInterval, formatNumber, formatShort, metricDirection, metricLabel,
} from '../../../src/ui/components/charts/format';
import { needsLightText, shadeLevel, SHADE_LEVELS } from '../../../src/ui/components/charts/shading';

describe('shadeLevel', () => {
  it('leaves empty cells unshaded and shades the rest in proportion, rounding up', () => {
    expect(SHADE_LEVELS).toBe(6);
    // max 40: 1/40 → ceil(0.125) = 1; 8/40 → 1; 9/40 → ceil(1.125) = 2; 20/40 → 3; 33/40 → 5; 40/40 → 5
    expect([0, 1, 8, 9, 20, 33, 40].map((c) => shadeLevel(c, 40))).toEqual([0, 1, 1, 2, 3, 5, 5]);
  });

  it('copes with an all-zero matrix, counts above max and other level counts', () => {
    expect(shadeLevel(0, 0)).toBe(0);
    expect(shadeLevel(3, 0)).toBe(0);
    expect(shadeLevel(50, 40)).toBe(5);
    expect(shadeLevel(5, 10, 3)).toBe(1);
    expect(shadeLevel(6, 10, 3)).toBe(2);
  });

  it('turns the text white on the darker levels', () => {
    expect([0, 1, 2, 3, 4, 5].map((level) => needsLightText(level))).toEqual([false, false, false, true, true, true]);
  });
});

describe('number formats', () => {
  it('fixes decimals and shows a dash for missing values', () => {
    expect(formatNumber(0.87349)).toBe('0.873');
    expect(formatNumber(0.5, 1)).toBe('0.5');
    expect(formatNumber(-0.0001)).toBe('0.000');
    expect(formatNumber(undefined)).toBe('—');
    expect(formatNumber(null)).toBe('—');
    expect(formatNumber(Number.NaN)).toBe('—');
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe('∞');
  });

  it('writes an interval in brackets', () => {
    expect(formatInterval(0.8731, 0.8119, 0.9304)).toBe('0.873 [0.812, 0.930]');
    expect(formatInterval(0.8731, 0.8119, 0.9304, 2)).toBe('0.87 [0.81, 0.93]');
  });

  it('shortens values to three significant digits', () => {
    expect(formatShort(0.693147)).toBe('0.693');
    expect(formatShort(1234.6)).toBe('1235');
    expect(formatShort(12.345)).toBe('12.3');
    expect(formatShort(0.0001234)).toBe('0.000123');
    expect(formatShort(0)).toBe('0');
  });
});

describe('metric conventions', () => {
  it('knows which direction is better', () => {
    expect(['val_loss', 'test_mae', 'val_rmse', 'test_ece', 'train loss'].map(metricDirection)).toEqual(['lower', 'lower', 'lower', 'lower', 'lower']);
    expect(['val_auroc', 'test_accuracy', 'test_r2', 'sensitivity'].map(metricDirection)).toEqual(['higher', 'higher', 'higher', 'higher']);
  });

  it('labels metric keys in words', () => {
    expect(metricLabel('val_auroc')).toBe('validation AUROC');
    expect(metricLabel('test_r2')).toBe('test R²');
    expect(metricLabel('val_accuracy')).toBe('validation accuracy');
  });

  it('finds the best value, every one on a tie, and none with fewer than two values', () => {
    expect(bestIndices([0.81, 0.9, undefined, 0.85], 'higher')).toEqual([1]);
    expect(bestIndices([0.4, 0.3, 0.3], 'lower')).toEqual([1, 2]);
    expect(bestIndices([0.9, undefined, Number.NaN], 'higher')).toEqual([]);
    expect(bestIndices([], 'lower')).toEqual([]);
  });
});
