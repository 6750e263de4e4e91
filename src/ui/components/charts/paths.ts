/** SVG path data built from data points through two scales. */
import type { Scale } from './scale';

export interface ChartPoint {
  x: number;
  y: number;
}

/** A coordinate rounded to 0.01 px: enough for any screen, and short, stable path strings. */
export function coordinate(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

/**
 * "M x,y L x,y …" through the points in the order given. A point with a non-finite x or y (a
 * metric that was NaN for an epoch) breaks the line, so a gap shows instead of a false segment.
 */
export function linePath(points: readonly ChartPoint[], x: Scale, y: Scale): string {
  let path = '';
  let penDown = false;
  for (const point of points) {
    if (!Number.isFinite(point.x) || !Number.isFinite(point.y)) {
      penDown = false;
      continue;
    }
    path += `${penDown ? 'L' : 'M'}${coordinate(x(point.x))},${coordinate(y(point.y))}`;
    penDown = true;
  }
  return path;
}

/** A straight segment between two data points, for reference lines such as y = x. */
export function segmentPath(from: ChartPoint, to: ChartPoint, x: Scale, y: Scale): string {
  return linePath([from, to], x, y);
}
