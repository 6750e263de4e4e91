import { describe, expect, it } from 'vitest';
import { formatTick, niceDomain, niceTicks, stepDecimals, tickFormatter, tickStep } from '../../../src/ui/components/charts/ticks';

describe('niceTicks', () => {
  it('puts ticks at 1, 2 or 5 times a power of ten, printed exactly', () => {
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0, 1, 10)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    expect(niceTicks(0, 100)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(1, 12)).toEqual([2, 4, 6, 8, 10, 12]);
    expect(niceTicks(0.31, 0.69)).toEqual([0.4, 0.5, 0.6]);
    expect(niceTicks(0.3, 0.7)).toEqual([0.3, 0.4, 0.5, 0.6, 0.7]);
    expect(niceTicks(0, 2500, 5)).toEqual([0, 500, 1000, 1500, 2000, 2500]);
  });

  it('keeps ticks inside the span and handles negatives and reversed input', () => {
    expect(niceTicks(-1, 1)).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(niceTicks(1, -1)).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(niceTicks(0.05, 0.95)).toEqual([0.2, 0.4, 0.6, 0.8]);
  });

  it('gives one tick for an empty span and none for non-finite bounds', () => {
    expect(niceTicks(3, 3)).toEqual([3]);
    expect(niceTicks(0, Number.NaN)).toEqual([]);
    expect(niceTicks(0, Number.POSITIVE_INFINITY)).toEqual([]);
  });
});

describe('tickStep and niceDomain', () => {
  it('chooses the step nearest to span / count', () => {
    expect(tickStep(0, 1, 5)).toBe(0.2);
    expect(tickStep(0, 10, 5)).toBe(2);
    expect(tickStep(0, 7, 5)).toBe(1);
    expect(tickStep(0, 35, 5)).toBe(5);
    expect(tickStep(2, 2, 5)).toBeNaN();
  });

  it('widens the domain to whole steps', () => {
    expect(niceDomain(0.31, 0.69)).toEqual([0.3, 0.7]);
    expect(niceDomain(0.12, 0.93)).toEqual([0, 1]);
    expect(niceDomain(1, 12)).toEqual([0, 12]);
    expect(niceDomain(13, 987)).toEqual([0, 1000]);
  });

  it('pads an empty span and falls back to [0, 1] without data', () => {
    expect(niceDomain(0, 0)).toEqual([-1, 1]);
    expect(niceDomain(5, 5)).toEqual([4.4, 5.6]);
    expect(niceDomain(Number.NaN, 1)).toEqual([0, 1]);
  });
});

describe('tick labels', () => {
  it('use as many decimals as the step', () => {
    expect(stepDecimals(0.2)).toBe(1);
    expect(stepDecimals(0.1)).toBe(1);
    expect(stepDecimals(0.05)).toBe(2);
    expect(stepDecimals(50)).toBe(0);
    expect(formatTick(0.6000000000000001, 0.2)).toBe('0.6');
    expect(formatTick(1, 0.2)).toBe('1.0');
    expect(formatTick(1500, 500)).toBe('1500');
    expect(formatTick(-0.00001, 0.1)).toBe('0.0');
  });
});

describe('floating-point edges', () => {
  it('keeps ticks whose quotient lands a hair off a whole number', () => {
    // 0.7 · 10 is 7.000000000000001 and 0.3 / 0.1 is 2.9999999999999996 in binary floating point.
    expect(niceTicks(0.7, 1.3, 6)).toEqual([0.7, 0.8, 0.9, 1, 1.1, 1.2, 1.3]);
    expect(niceDomain(0.3, 0.7, 4)).toEqual([0.3, 0.7]);
  });
});

describe('tickFormatter', () => {
  it('labels an axis with the decimals of its step', () => {
    const format = tickFormatter(niceTicks(0, 1));
    expect(niceTicks(0, 1).map(format)).toEqual(['0.0', '0.2', '0.4', '0.6', '0.8', '1.0']);
    expect(niceTicks(0.3, 0.4).map(tickFormatter(niceTicks(0.3, 0.4)))).toEqual(['0.30', '0.32', '0.34', '0.36', '0.38', '0.40']);
    expect(tickFormatter([0, 500, 1000])(1500)).toBe('1500');
    expect(tickFormatter([5])(5)).toBe('5');
    expect(tickFormatter([0.5])(0.5)).toBe('0.5');
  });
});
