import { describe, expect, it } from 'vitest';
import { coordinate, linePath, segmentPath } from '../../../src/ui/components/charts/paths';
import { extentOf, linearScale, plotArea } from '../../../src/ui/components/charts/scale';

describe('linearScale', () => {
  it('maps the domain onto the range, including an inverted y range', () => {
    const x = linearScale([0, 10], [50, 550]);
    expect([x(0), x(5), x(10), x(12)]).toEqual([50, 300, 550, 650]);
    const y = linearScale([0, 1], [280, 20]);
    expect([y(0), y(0.5), y(1)]).toEqual([280, 150, 20]);
  });

  it('maps a zero-width domain to the middle of the range', () => {
    const flat = linearScale([3, 3], [0, 100]);
    expect([flat(3), flat(7)]).toEqual([50, 50]);
  });
});

describe('extentOf and plotArea', () => {
  it('ignores non-finite values and returns null when none is left', () => {
    expect(extentOf([0.4, Number.NaN, -2, 7, Number.POSITIVE_INFINITY])).toEqual([-2, 7]);
    expect(extentOf([Number.NaN])).toBeNull();
    expect(extentOf([])).toBeNull();
  });

  it('subtracts the margins', () => {
    expect(plotArea(600, 300, { top: 10, right: 20, bottom: 40, left: 50 })).toEqual({
      width: 600, height: 300, left: 50, right: 580, top: 10, bottom: 260,
    });
  });
});

describe('linePath', () => {
  const x = linearScale([0, 2], [0, 200]);
  const y = linearScale([0, 1], [100, 0]);

  it('moves to the first point and draws lines to the rest', () => {
    expect(linePath([{ x: 0, y: 0 }, { x: 1, y: 0.5 }, { x: 2, y: 1 }], x, y)).toBe('M0,100L100,50L200,0');
  });

  it('rounds to hundredths of a pixel', () => {
    const third = linearScale([0, 3], [0, 100]);
    expect(linePath([{ x: 1, y: 0.25 }, { x: 2, y: 1 / 3 }], third, y)).toBe('M33.33,75L66.67,66.67');
    expect(coordinate(-0.001)).toBe('0');
  });

  it('breaks the line at a non-finite value instead of bridging it', () => {
    const points = [{ x: 0, y: 0.2 }, { x: 0.5, y: Number.NaN }, { x: 1, y: 0.6 }, { x: 2, y: 0.8 }];
    expect(linePath(points, x, y)).toBe('M0,80M100,40L200,20');
  });

  it('is empty without points and a bare move for one point', () => {
    expect(linePath([], x, y)).toBe('');
    expect(linePath([{ x: 1, y: 1 }], x, y)).toBe('M100,0');
  });

  it('draws reference segments such as the identity line', () => {
    expect(segmentPath({ x: 0, y: 0 }, { x: 2, y: 1 }, x, y)).toBe('M0,100L200,0');
  });
});
