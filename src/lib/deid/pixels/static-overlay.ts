/**
 * Static-overlay detection for cine loops: text and graphics burned into an ultrasound loop do
 * not move while the anatomy does. A pixel whose value stays (nearly) the same in every frame
 * and is bright is an overlay candidate; candidates are grouped into components, and nearby
 * components into text lines, whose boxes are returned.
 */
import { mergeNearby } from './boxes';
import { connectedComponents } from './components';
import type { TemporalRange } from './temporal-range';
import type { Box } from './types';

export interface StaticOverlayOptions {
  /** Largest change over the loop still called static (lossy JPEG wobbles a little). Default 6. */
  tolerance?: number;
  /** Lowest value (8-bit grey) a text or graphics pixel has. Default 150. */
  brightness?: number;
  /** Components merged into one box when closer than this, horizontally / vertically. Default 6 / 2. */
  gapX?: number;
  gapY?: number;
  /** Boxes with fewer candidate pixels are dropped as noise. Default 4. */
  minPixels?: number;
}

export interface StaticOverlayResult {
  boxes: Box[];
  /** Candidate pixels (1) in a width × height mask, for the review screen and for tests. */
  mask: Uint8Array;
  /** Share of pixels that changed over the loop: near 0 means the loop is a still image. */
  movingShare: number;
}

export function detectStaticOverlay(range: TemporalRange, options: StaticOverlayOptions = {}): StaticOverlayResult {
  const tolerance = options.tolerance ?? 6;
  const brightness = options.brightness ?? 150;
  const { width, height, min, max } = range;
  const n = width * height;
  const mask = new Uint8Array(n);
  let moving = 0;
  for (let i = 0; i < n; i++) {
    const lo = min[i]!;
    const spread = max[i]! - lo;
    if (spread > tolerance) moving++;
    else if (lo >= brightness) mask[i] = 1;
  }
  const movingShare = moving / n;
  // A still loop (every frame the same) says nothing about what moves: no candidates.
  if (range.frameCount < 2 || movingShare < 0.001) return { boxes: [], mask: new Uint8Array(n), movingShare };
  const minPixels = options.minPixels ?? 4;
  const parts = connectedComponents(mask, width, height).filter((c) => c.pixels >= minPixels);
  const boxes = mergeNearby(parts.map(({ x, y, width: w, height: h }) => ({ x, y, width: w, height: h })), options.gapX ?? 6, options.gapY ?? 2);
  return { boxes, mask, movingShare };
}
