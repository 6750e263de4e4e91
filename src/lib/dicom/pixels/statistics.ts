/** Minimum, maximum and mean of a frame's values, in one pass (for auto windows and the UI). */
export interface FrameStatistics {
  min: number;
  max: number;
  mean: number;
}

export function frameStatistics(frame: { data: ArrayLike<number> } | ArrayLike<number>): FrameStatistics {
  const data = 'data' in frame ? frame.data : frame;
  const n = data.length;
  if (n === 0) return { min: 0, max: 0, mean: 0 };
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = data[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  }
  return { min, max, mean: sum / n };
}
