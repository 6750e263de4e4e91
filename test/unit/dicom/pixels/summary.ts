/** Small comparisons for large typed arrays (vitest's deep equality is slow on a million values). */
import { frameStatistics } from '../../../../src/lib/dicom/pixels';
import type { FrameSummary } from './corpus-expectation';

export function summaryOf(values: ArrayLike<number>, spots: Array<[number, number]>): FrameSummary {
  const { min, max } = frameStatistics(values);
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return { min, max, sum, first: Array.from({ length: 8 }, (_, i) => values[i]!), spots: spots.map(([i]) => [i, values[i]!]) };
}

/** Index and values of the first difference, or 'identical' (lengths must match too). */
export function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): string {
  if (a.length !== b.length) return `lengths ${a.length} and ${b.length}`;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return `index ${i}: ${a[i]} and ${b[i]}`;
  return 'identical';
}
