/**
 * Blanks rectangles in a decoded frame's stored values, in place. The fill is what displays as
 * black: 0 (or the lowest value) for MONOCHROME2, the highest for MONOCHROME1, Y=0 with neutral
 * chroma for YBR, and the darkest palette entry for PALETTE COLOR.
 */
import { paletteToRgb, type DecodedFrame, type PaletteColorLut } from '../../dicom/pixels';
import type { Box } from './types';

/** The fill value of each sample (one per sample per pixel). */
export function blackFill(frame: Pick<DecodedFrame, 'photometricInterpretation' | 'bitsStored' | 'signed' | 'samplesPerPixel'>, palette?: PaletteColorLut): number[] {
  const pi = frame.photometricInterpretation;
  const bits = frame.bitsStored;
  const lowest = frame.signed ? -(2 ** (bits - 1)) : 0;
  const highest = frame.signed ? 2 ** (bits - 1) - 1 : 2 ** bits - 1;
  if (pi === 'MONOCHROME1') return [highest];
  if (pi.startsWith('PALETTE COLOR') && palette) return [darkestPaletteValue(palette, lowest, highest)];
  if (pi.startsWith('YBR') && frame.samplesPerPixel === 3) return [0, 2 ** (bits - 1), 2 ** (bits - 1)];
  return new Array<number>(frame.samplesPerPixel).fill(lowest);
}

function darkestPaletteValue(palette: PaletteColorLut, lowest: number, highest: number): number {
  const first = Math.max(lowest, palette.red.firstMapped);
  const last = Math.min(highest, first + palette.red.entries.length - 1);
  const values = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const rgb = paletteToRgb(values, palette);
  let best = first;
  let bestSum = Infinity;
  for (let i = 0; i < values.length; i++) {
    const sum = rgb[i * 3]! + rgb[i * 3 + 1]! + rgb[i * 3 + 2]!;
    if (sum < bestSum) {
      bestSum = sum;
      best = values[i]!;
    }
  }
  return best;
}

/** Writes `fill` into every pixel of the rectangles (already clipped to the frame). */
export function maskFrame(frame: DecodedFrame, rectangles: readonly Box[], fill: readonly number[]): void {
  const { columns, samplesPerPixel: spp, data } = frame;
  for (const r of rectangles) {
    const x0 = Math.max(0, r.x);
    const x1 = Math.min(columns, r.x + r.width);
    const y1 = Math.min(frame.rows, r.y + r.height);
    for (let y = Math.max(0, r.y); y < y1; y++) {
      if (spp === 1) data.fill(fill[0]!, y * columns + x0, y * columns + x1);
      else {
        for (let x = x0; x < x1; x++) {
          const i = (y * columns + x) * spp;
          for (let s = 0; s < spp; s++) data[i + s] = fill[s]!;
        }
      }
    }
  }
}
