/**
 * Shading of counts as a few discrete levels, applied through CSS classes: a class rather than an
 * inline style keeps the colours inside the app's stylesheet, which a strict style-src allows.
 */

export const SHADE_LEVELS = 6;

/**
 * 0 for an empty cell, otherwise 1…levels−1 in proportion to count / max (rounded up, so any
 * non-zero count is visibly shaded).
 */
export function shadeLevel(count: number, max: number, levels = SHADE_LEVELS): number {
  if (!(count > 0) || !(max > 0)) return 0;
  const fraction = Math.min(1, count / max);
  return Math.max(1, Math.ceil(fraction * (levels - 1)));
}

/** Dark cells need light text; from this level on the text turns white. */
export function needsLightText(level: number, levels = SHADE_LEVELS): boolean {
  return level >= Math.ceil((levels - 1) * 0.6);
}
