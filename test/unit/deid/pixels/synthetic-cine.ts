/**
 * A 640×480 cine loop made for the speed figures: a fan of speckle that changes every frame,
 * a static text banner (bitmap font, value 235) above it, and black elsewhere.
 */
import { drawText } from '../../../../src/lib/synthetic';
import type { GreyImage } from '../../../../src/lib/deid/pixels';

export const BIG_CINE = { width: 640, height: 480, frames: 16, apexX: 320, apexY: 90, radius: 370 } as const;
export const BIG_BANNER = { x: 10, y: 8, scale: 3, lines: ['FAKE, PERSON', 'ID FAKE-9999', '2024-01-31'] } as const;

export function bigCine(): GreyImage[] {
  const { width, height, frames, apexX, apexY, radius } = BIG_CINE;
  let seed = 12345;
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const banner = { width, height, pixels: new Uint8Array(width * height) };
  BIG_BANNER.lines.forEach((line, i) => drawText(banner, line, BIG_BANNER.x, BIG_BANNER.y + i * 8 * BIG_BANNER.scale, BIG_BANNER.scale, 235));
  const out: GreyImage[] = [];
  for (let f = 0; f < frames; f++) {
    const data = banner.pixels.slice();
    for (let y = apexY; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const dx = x - apexX;
        const dy = y - apexY;
        if (dx * dx + dy * dy > radius * radius || Math.abs(dx) > dy * 0.84) continue;
        data[y * width + x] = 40 + Math.floor(random() * 150);
      }
    }
    out.push({ width, height, data });
  }
  return out;
}
