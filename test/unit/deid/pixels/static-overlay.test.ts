import { describe, expect, it } from 'vitest';
import { connectedComponents, detectStaticOverlay, estimateSector, temporalRange, type Box } from '../../../../src/lib/deid/pixels';
import { ECHO_BANNER } from '../../../../src/lib/synthetic';
import { decodedFrames, greyFrames, syntheticEcho } from './helpers';
import { BIG_BANNER, BIG_CINE, bigCine } from './synthetic-cine';

const inside = (x: number, y: number, boxes: readonly Box[]): boolean => boxes.some((b) => x >= b.x && x < b.x + b.width && y >= b.y && y < b.y + b.height);

describe('connected components', () => {
  it('labels 8-connected parts with their boxes and sizes', () => {
    // prettier-ignore
    const mask = Uint8Array.from([
      1, 1, 0, 0, 1,
      0, 1, 0, 1, 0,
      0, 0, 0, 0, 0,
      1, 0, 0, 1, 1,
    ]);
    const parts = connectedComponents(mask, 5, 4).sort((a, b) => a.y - b.y || a.x - b.x);
    expect(parts).toEqual([
      { x: 0, y: 0, width: 2, height: 2, pixels: 3 },
      { x: 3, y: 0, width: 2, height: 2, pixels: 2 },
      { x: 0, y: 3, width: 1, height: 1, pixels: 1 },
      { x: 3, y: 3, width: 2, height: 1, pixels: 2 },
    ]);
  });
});

describe('static overlay in the synthetic echo loop', () => {
  it('finds boxes over every banner pixel and none in the moving sector', async () => {
    const echo = syntheticEcho();
    const frames = await greyFrames(echo);
    const result = detectStaticOverlay(temporalRange(frames));
    expect(result.movingShare).toBeGreaterThan(0.1);
    const first = (await decodedFrames(echo, 1))[0]!;
    let bannerPixels = 0;
    for (let y = 0; y < 54; y++) {
      for (let x = 0; x < first.columns; x++) {
        if (first.data[y * first.columns + x] !== ECHO_BANNER.value) continue;
        bannerPixels++;
        expect(inside(x, y, result.boxes)).toBe(true);
      }
    }
    expect(bannerPixels).toBeGreaterThan(300);
    // Every box lies in the banner: three lines starting at y = 3, 20 and 37.
    for (const box of result.boxes) expect(box.y + box.height).toBeLessThanOrEqual(ECHO_BANNER.y + 2 * ECHO_BANNER.lineHeight + 14);
    expect([...new Set(result.boxes.map((b) => b.y))].sort((a, b) => a - b)).toEqual([3, 20, 37]);
  });

  it('finds nothing in a still loop (every frame the same)', async () => {
    const frames = await greyFrames(syntheticEcho(), 1);
    expect(detectStaticOverlay(temporalRange([frames[0]!, frames[0]!])).boxes).toEqual([]);
  });
});

describe('a 640×480 16-frame cine', () => {
  it('finds the banner lines and the sector, fast', () => {
    const frames = bigCine();
    const started = performance.now();
    const range = temporalRange(frames);
    const overlay = detectStaticOverlay(range);
    const sector = estimateSector(range);
    const seconds = (performance.now() - started) / 1000;
    const fps = BIG_CINE.frames / seconds;
    console.info(`static overlay + sector estimate: ${fps.toFixed(0)} frames/s on ${BIG_CINE.width}×${BIG_CINE.height}×${BIG_CINE.frames}`);
    // The goal is 30 frames/s for all of pixel cleaning; measured 37–100 here on a shared 2-core
    // machine. The floor only catches an accidental slow path without flaking under load.
    expect(fps).toBeGreaterThan(15);
    const first = frames[0]!;
    let bannerPixels = 0;
    for (let y = 0; y < BIG_CINE.apexY; y++) {
      for (let x = 0; x < first.width; x++) {
        if (first.data[y * first.width + x] !== 235) continue;
        bannerPixels++;
        expect(inside(x, y, overlay.boxes)).toBe(true);
      }
    }
    expect(bannerPixels).toBeGreaterThan(1000);
    for (const box of overlay.boxes) expect(box.y + box.height).toBeLessThanOrEqual(BIG_BANNER.y + 3 * 24);
    expect(Math.min(...overlay.boxes.map((b) => b.x))).toBe(BIG_BANNER.x);
    expect(sector?.y).toBe(BIG_CINE.apexY);
    expect(sector!.y + sector!.height).toBe(BIG_CINE.apexY + BIG_CINE.radius + 1);
  });
});
