/** Series of a line chart, their colours, and the text forms (summary, table) that make the chart accessible. */
import type { ChartPoint } from './paths';

export interface LineSeries {
  name: string;
  points: readonly ChartPoint[];
  /** 'right' plots the series against the optional second y-axis (e.g. samples/s beside loss). */
  axis?: 'left' | 'right';
  /** A CSS colour; by default the series' place in SERIES_COLOURS. */
  colour?: string;
  dashed?: boolean;
}

/** Okabe–Ito colours, distinguishable with the common colour-vision deficiencies, darkest first for white paper. */
export const SERIES_COLOURS: readonly string[] = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];

export function seriesColour(series: LineSeries, index: number): string {
  return series.colour ?? (SERIES_COLOURS[index % SERIES_COLOURS.length] as string);
}

export interface SeriesTable {
  /** Every x that any series has, ascending, once. */
  xs: number[];
  /** rows[i][s]: series s's y at xs[i], undefined where it has no point there. */
  rows: (number | undefined)[][];
}

/** The values of all series on one shared x column, for the table a screen reader reads. */
export function tabulate(series: readonly LineSeries[]): SeriesTable {
  const xs = [...new Set(series.flatMap((s) => s.points.map((p) => p.x)))].filter(Number.isFinite).sort((a, b) => a - b);
  const lookup = series.map((s) => new Map(s.points.map((p) => [p.x, p.y] as const)));
  return { xs, rows: xs.map((x) => lookup.map((values) => values.get(x))) };
}

/** A one-sentence summary per series for aria-label: where it starts, where it ends, its range. */
export function describeSeries(series: readonly LineSeries[], format: (value: number) => string): string {
  const parts = series.map((s) => {
    const finite = s.points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
    const first = finite[0];
    const last = finite[finite.length - 1];
    if (first === undefined || last === undefined) return `${s.name}: no values yet`;
    if (finite.length === 1) return `${s.name}: ${format(first.y)} at ${format(first.x)}`;
    const ys = finite.map((p) => p.y);
    return `${s.name}: ${finite.length} points from ${format(first.y)} at ${format(first.x)} to ${format(last.y)} at ${format(last.x)}, ` +
      `lowest ${format(Math.min(...ys))}, highest ${format(Math.max(...ys))}`;
  });
  return parts.join('; ');
}
