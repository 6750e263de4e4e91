/**
 * Pixel boxes (inclusive ends) under crops and resizes, so ultrasound regions given in the
 * original frame still point at the sector after earlier spatial steps.
 */
import type { PixelBox, ScanRegion } from '../run/scan-input';

export function clampBox(box: PixelBox, rows: number, columns: number): PixelBox | undefined {
  const x0 = Math.max(0, Math.ceil(box.x0));
  const y0 = Math.max(0, Math.ceil(box.y0));
  const x1 = Math.min(columns - 1, Math.floor(box.x1));
  const y1 = Math.min(rows - 1, Math.floor(box.y1));
  return x0 <= x1 && y0 <= y1 ? { x0, y0, x1, y1 } : undefined;
}

export function unionBox(boxes: readonly PixelBox[]): PixelBox | undefined {
  if (boxes.length === 0) return undefined;
  return {
    x0: Math.min(...boxes.map((b) => b.x0)), y0: Math.min(...boxes.map((b) => b.y0)),
    x1: Math.max(...boxes.map((b) => b.x1)), y1: Math.max(...boxes.map((b) => b.y1)),
  };
}

/** Regions after keeping `box` of the frame: shifted, clipped, and dropped when outside. */
export function cropRegions(regions: readonly ScanRegion[], box: PixelBox): ScanRegion[] {
  const rows = box.y1 - box.y0 + 1;
  const columns = box.x1 - box.x0 + 1;
  return regions.flatMap((r) => {
    const moved = clampBox({ x0: r.x0 - box.x0, y0: r.y0 - box.y0, x1: r.x1 - box.x0, y1: r.y1 - box.y0 }, rows, columns);
    return moved ? [{ ...r, ...moved }] : [];
  });
}

/**
 * Regions after scaling by (scaleY, scaleX) and shifting by (top, left): a box covers pixel
 * edges x0 … x1 + 1, which map to x0·s … (x1 + 1)·s; the new box is the pixels those edges
 * touch.
 */
export function scaleRegions(regions: readonly ScanRegion[], scaleY: number, scaleX: number, top: number, left: number): ScanRegion[] {
  const eps = 1e-9;
  return regions.map((r) => ({
    ...r,
    x0: Math.floor(r.x0 * scaleX + eps) + left,
    y0: Math.floor(r.y0 * scaleY + eps) + top,
    x1: Math.ceil((r.x1 + 1) * scaleX - eps) - 1 + left,
    y1: Math.ceil((r.y1 + 1) * scaleY - eps) - 1 + top,
  }));
}
