/**
 * The VOI LUT functions of PS3.3 C.11.2.1.2 and the window used when a file gives none.
 */
import type { VoiLutFunction, VoiWindow } from './types';

/**
 * Output value in [yMin, yMax] (not rounded) of input `x` under `window`.
 *   LINEAR (C.11.2.1.2.1): x <= c - 0.5 - (w-1)/2 → yMin; x > c - 0.5 + (w-1)/2 → yMax;
 *     else ((x - (c - 0.5)) / (w-1) + 0.5) · (yMax - yMin) + yMin
 *   LINEAR_EXACT (C.11.2.1.3.2): x <= c - w/2 → yMin; x > c + w/2 → yMax;
 *     else ((x - c) / w + 0.5) · (yMax - yMin) + yMin
 *   SIGMOID (C.11.2.1.3.1): (yMax - yMin) / (1 + exp(-4 (x - c) / w)) + yMin
 */
export function voiOutput(x: number, window: Pick<VoiWindow, 'center' | 'width' | 'function'>, yMin = 0, yMax = 255): number {
  const c = window.center;
  const w = window.width;
  const range = yMax - yMin;
  switch (window.function) {
    case 'LINEAR': {
      if (w <= 1) return x <= c - 0.5 ? yMin : yMax; // a step at the centre
      if (x <= c - 0.5 - (w - 1) / 2) return yMin;
      if (x > c - 0.5 + (w - 1) / 2) return yMax;
      return ((x - (c - 0.5)) / (w - 1) + 0.5) * range + yMin;
    }
    case 'LINEAR_EXACT':
      if (x <= c - w / 2) return yMin;
      if (x > c + w / 2) return yMax;
      return ((x - c) / w + 0.5) * range + yMin;
    case 'SIGMOID':
      return range / (1 + Math.exp((-4 * (x - c)) / w)) + yMin;
  }
}

/**
 * A LINEAR window that maps `min` to black and `max` to white (centre (min+max+1)/2, width
 * max-min+1), for images without a window of their own.
 */
export function minMaxWindow(min: number, max: number): VoiWindow {
  const width = Math.max(1, max - min + 1);
  return { center: min + width / 2, width, function: 'LINEAR', explanation: 'auto: frame minimum to maximum' };
}

export function isVoiLutFunction(value: string): value is VoiLutFunction {
  return value === 'LINEAR' || value === 'LINEAR_EXACT' || value === 'SIGMOID';
}
