/**
 * Box arithmetic: clipping, merging nearby boxes into lines of text, and the complement of a
 * union of boxes (what lies outside the kept imaging area) as a few rectangles.
 */
import type { Box } from './types';

export function clipBox(box: Box, columns: number, rows: number): Box | undefined {
  const x0 = Math.max(0, Math.floor(box.x));
  const y0 = Math.max(0, Math.floor(box.y));
  const x1 = Math.min(columns, Math.ceil(box.x + box.width));
  const y1 = Math.min(rows, Math.ceil(box.y + box.height));
  return x1 > x0 && y1 > y0 ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } : undefined;
}

export function padBox(box: Box, padding: number): Box {
  return { x: box.x - padding, y: box.y - padding, width: box.width + 2 * padding, height: box.height + 2 * padding };
}

export function boxArea(box: Box): number {
  return box.width * box.height;
}

export function intersects(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function union(a: Box, b: Box): Box {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, width: Math.max(a.x + a.width, b.x + b.width) - x, height: Math.max(a.y + a.height, b.y + b.height) - y };
}

/** Boxes closer than gapX horizontally and gapY vertically are merged (glyphs into words/lines). */
export function mergeNearby(boxes: readonly Box[], gapX: number, gapY: number): Box[] {
  let current = boxes.map((b) => ({ ...b }));
  let changed = true;
  while (changed) {
    changed = false;
    const next: Box[] = [];
    for (const box of current) {
      const grown = { x: box.x - gapX, y: box.y - gapY, width: box.width + 2 * gapX, height: box.height + 2 * gapY };
      const hit = next.findIndex((other) => intersects(grown, other));
      if (hit >= 0) {
        next[hit] = union(next[hit]!, box);
        changed = true;
      } else next.push(box);
    }
    current = next;
  }
  return current;
}

/** The parts of the columns × rows frame not covered by any of `keep`, as disjoint rectangles. */
export function complementOf(keep: readonly Box[], columns: number, rows: number): Box[] {
  const clipped = keep.map((b) => clipBox(b, columns, rows)).filter((b): b is Box => b !== undefined);
  const edges = [...new Set([0, rows, ...clipped.flatMap((b) => [b.y, b.y + b.height])])].sort((a, b) => a - b);
  const out: Box[] = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    const y = edges[i]!;
    const height = edges[i + 1]! - y;
    const covering = clipped.filter((b) => b.y <= y && b.y + b.height >= y + height).sort((a, b) => a.x - b.x);
    let x = 0;
    for (const b of covering) {
      if (b.x > x) out.push({ x, y, width: b.x - x, height });
      x = Math.max(x, b.x + b.width);
    }
    if (x < columns) out.push({ x, y, width: columns - x, height });
  }
  return mergeVertically(out);
}

/** Rectangles of equal x-extent stacked on each other become one (fewer, larger rectangles). */
function mergeVertically(boxes: Box[]): Box[] {
  const out: Box[] = [];
  for (const box of boxes) {
    const above = out.find((o) => o.x === box.x && o.width === box.width && o.y + o.height === box.y);
    if (above) above.height += box.height;
    else out.push({ ...box });
  }
  return out;
}
