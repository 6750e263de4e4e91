/** Linear maps from data values to SVG coordinates, and the extent of the data to map. */

export type Scale = (value: number) => number;

/**
 * domain[0] maps to range[0] and domain[1] to range[1]; a y range is usually given top-down
 * ([bottom, top]) because SVG's y grows downwards. A zero-width domain maps everything to the
 * middle of the range rather than dividing by zero.
 */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  if (span === 0 || !Number.isFinite(span)) return () => (r0 + r1) / 2;
  const factor = (r1 - r0) / span;
  return (value) => r0 + (value - d0) * factor;
}

/** Smallest and largest finite value; null when there is none. */
export function extentOf(values: Iterable<number>): [number, number] | null {
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < low) low = v;
    if (v > high) high = v;
  }
  return low <= high ? [low, high] : null;
}

/** Where the plot sits inside the SVG's viewBox. */
export interface PlotArea {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** The inner plot rectangle of a width × height chart with the given margins. */
export function plotArea(width: number, height: number, margin: { top: number; right: number; bottom: number; left: number }): PlotArea {
  return { width, height, left: margin.left, right: width - margin.right, top: margin.top, bottom: height - margin.bottom };
}
