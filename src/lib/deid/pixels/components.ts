/**
 * Connected components of a binary mask (8-connectivity) as bounding boxes with pixel counts.
 * One pass with a union-find over row runs: linear in pixels, no recursion, no per-pixel objects.
 */
import type { Box } from './types';

export interface Component extends Box {
  pixels: number;
}

export function connectedComponents(mask: Uint8Array, width: number, height: number): Component[] {
  const labels = new Int32Array(width * height);
  const parent: number[] = [0];
  const find = (a: number): number => {
    while (parent[a]! !== a) {
      parent[a] = parent[parent[a]!]!;
      a = parent[a]!;
    }
    return a;
  };
  const join = (a: number, b: number): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (mask[i] === 0) continue;
      let label = 0;
      const take = (j: number): void => {
        const l = labels[j]!;
        if (l === 0) return;
        if (label === 0) label = l;
        else join(label, l);
      };
      if (x > 0) take(i - 1);
      if (y > 0) {
        take(i - width);
        if (x > 0) take(i - width - 1);
        if (x + 1 < width) take(i - width + 1);
      }
      if (label === 0) {
        label = parent.length;
        parent.push(label);
      }
      labels[i] = label;
    }
  }
  const boxes = new Map<number, { x0: number; y0: number; x1: number; y1: number; pixels: number }>();
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const l = labels[y * width + x]!;
      if (l === 0) continue;
      const root = find(l);
      const b = boxes.get(root);
      if (!b) boxes.set(root, { x0: x, y0: y, x1: x, y1: y, pixels: 1 });
      else {
        if (x < b.x0) b.x0 = x;
        if (x > b.x1) b.x1 = x;
        if (y > b.y1) b.y1 = y;
        b.pixels++;
      }
    }
  }
  return [...boxes.values()].map((b) => ({ x: b.x0, y: b.y0, width: b.x1 - b.x0 + 1, height: b.y1 - b.y0 + 1, pixels: b.pixels }));
}
