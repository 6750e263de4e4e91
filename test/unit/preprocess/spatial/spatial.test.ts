import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { resizeFrames, resizeGeometry } from '../../../../src/lib/preprocess/spatial/resize';
import { centreCrop, centreCropGeometry, cropFrames } from '../../../../src/lib/preprocess/spatial/crop';
import { boxOfMask, sectorBoxFromRegions, sectorMask } from '../../../../src/lib/preprocess/spatial/sector';
import { cropRegions, scaleRegions } from '../../../../src/lib/preprocess/spatial/boxes';

const PYTHON = '/usr/bin/python3';
const HAS_SCIPY = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import scipy.ndimage, numpy'], { encoding: 'utf8' }).status === 0;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function valuesOf(t: tf.Tensor): Promise<number[]> {
  const out = Array.from(await t.data());
  t.dispose();
  return out;
}

function expectClose(actual: number[], expected: number[], digits = 4): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((v, i) => expect(v, `index ${i}`).toBeCloseTo(expected[i]!, digits));
}

const IMAGE_2X4 = [0, 10, 20, 30, 40, 50, 60, 70];

describe('resize keeping the aspect ratio', () => {
  it('2×4 into 4×4 pads one row above and one below', async () => {
    const g = resizeGeometry(2, 4, 4, 4, 'pad');
    expect(g).toEqual({ scaledHeight: 2, scaledWidth: 4, top: 1, bottom: 1, left: 0, right: 0 });
    const x = tf.tensor4d(IMAGE_2X4, [1, 2, 4, 1]);
    expect(await valuesOf(resizeFrames(x, g, 'bilinear', -1))).toEqual([
      -1, -1, -1, -1,
      0, 10, 20, 30,
      40, 50, 60, 70,
      -1, -1, -1, -1,
    ]);
    x.dispose();
  });

  it('2×4 into 6×6: bilinear with half-pixel centres to 3×6, padded 1 above and 2 below', async () => {
    const g = resizeGeometry(2, 4, 6, 6, 'pad');
    expect(g).toEqual({ scaledHeight: 3, scaledWidth: 6, top: 1, bottom: 2, left: 0, right: 0 });
    const x = tf.tensor4d(IMAGE_2X4, [1, 2, 4, 1]);
    // Columns sample x = 0 (clamped from −1/6), 0.5, 7/6, 11/6, 2.5, 3 (clamped from 19/6);
    // rows y = 0 (clamped), 0.5, 1 (clamped). Same as scipy.ndimage.zoom(grid_mode=True).
    const a = 35 / 3;
    const b = 55 / 3;
    expectClose(await valuesOf(resizeFrames(x, g, 'bilinear', -1)), [
      -1, -1, -1, -1, -1, -1,
      0, 5, a, b, 25, 30,
      20, 25, a + 20, b + 20, 45, 50,
      40, 45, a + 40, b + 40, 65, 70,
      -1, -1, -1, -1, -1, -1,
      -1, -1, -1, -1, -1, -1,
    ]);
    x.dispose();
  });

  it('a tall image pads left and right (odd pixel on the right)', () => {
    expect(resizeGeometry(10, 4, 5, 5, 'pad')).toEqual({ scaledHeight: 5, scaledWidth: 2, top: 0, bottom: 0, left: 1, right: 2 });
    expect(resizeGeometry(10, 4, 5, 5, 'stretch')).toEqual({ scaledHeight: 5, scaledWidth: 5, top: 0, bottom: 0, left: 0, right: 0 });
  });

  it('nearest keeps the values', async () => {
    const x = tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]);
    expect(await valuesOf(resizeFrames(x, resizeGeometry(2, 2, 4, 4, 'pad'), 'nearest'))).toEqual([1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4]);
    x.dispose();
  });

  it.skipIf(!HAS_SCIPY)('matches scipy.ndimage.zoom(order=1, grid_mode=True, mode="nearest") on a 7×5 image stretched to 4×9', async () => {
    const values = Array.from({ length: 35 }, (_, i) => ((i * 37) % 23) - 7.5);
    const script = [
      'import json, sys, numpy as np, scipy.ndimage as nd',
      'a = np.array(json.load(sys.stdin), dtype=float).reshape(7, 5)',
      'print(json.dumps(nd.zoom(a, (4 / 7, 9 / 5), order=1, grid_mode=True, mode="nearest").ravel().tolist()))',
    ].join('\n');
    const result = spawnSync(PYTHON, ['-c', script], { input: JSON.stringify(values), encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    const reference = JSON.parse(result.stdout) as number[];
    const x = tf.tensor4d(values, [1, 7, 5, 1]);
    expectClose(await valuesOf(resizeFrames(x, resizeGeometry(7, 5, 4, 9, 'stretch'))), reference, 4);
    x.dispose();
  });
});

describe('crops', () => {
  it('centre crop of 4×5 to 2×2 keeps rows 1–2 and columns 1–2', async () => {
    const g = centreCropGeometry(4, 5, 2, 2);
    expect(g).toEqual({ box: { x0: 1, y0: 1, x1: 2, y1: 2 }, top: 0, bottom: 0, left: 0, right: 0 });
    const x = tf.tensor4d(Array.from({ length: 20 }, (_, i) => i), [1, 4, 5, 1]);
    expect(await valuesOf(centreCrop(x, g))).toEqual([6, 7, 11, 12]);
    x.dispose();
  });

  it('centre crop larger than the image pads', async () => {
    const g = centreCropGeometry(1, 2, 3, 3);
    expect(g).toEqual({ box: { x0: 0, y0: 0, x1: 1, y1: 0 }, top: 1, bottom: 1, left: 0, right: 1 });
    const x = tf.tensor4d([5, 6], [1, 1, 2, 1]);
    expect(await valuesOf(centreCrop(x, g, 9))).toEqual([9, 9, 9, 5, 6, 9, 9, 9, 9]);
    x.dispose();
  });

  it('crop copies exactly the box of odd-sized multi-channel frames', async () => {
    const [frames, rows, columns, channels] = [3, 37, 53, 2];
    const values = Array.from({ length: frames * rows * columns * channels }, (_, i) => (i * 7919) % 1000 - 500.25);
    const box = { x0: 5, y0: 11, x1: 50, y1: 36 };
    const expected: number[] = [];
    for (let f = 0; f < frames; f++)
      for (let y = box.y0; y <= box.y1; y++)
        for (let x = box.x0; x <= box.x1; x++)
          for (let c = 0; c < channels; c++) expected.push(Math.fround(values[((f * rows + y) * columns + x) * channels + c]!));
    const x = tf.tensor4d(values, [frames, rows, columns, channels]);
    const cropped = cropFrames(x, box);
    expect(cropped.shape).toEqual([3, 26, 46, 2]);
    expect(await valuesOf(cropped)).toEqual(expected);
    x.dispose();
  });

  it('crop to a box keeps every frame and channel', async () => {
    const x = tf.tensor4d(Array.from({ length: 2 * 3 * 3 * 1 }, (_, i) => i), [2, 3, 3, 1]);
    expect(await valuesOf(cropFrames(x, { x0: 1, y0: 0, x1: 2, y1: 1 }))).toEqual([1, 2, 4, 5, 10, 11, 13, 14]);
    x.dispose();
  });
});

describe('ultrasound sector', () => {
  it('from regions: the 2D ones win, clipped to the image', () => {
    const regions = [
      { x0: 10, y0: 5, x1: 50, y1: 40, spatialFormat: 1 },
      { x0: 0, y0: 60, x1: 99, y1: 79, spatialFormat: 3 },
      { x0: 30, y0: 20, x1: 120, y1: 45, spatialFormat: 1 },
    ];
    expect(sectorBoxFromRegions(regions, 80, 100)).toEqual({ x0: 10, y0: 5, x1: 99, y1: 45 });
    expect(sectorBoxFromRegions([regions[1]!], 80, 100)).toEqual({ x0: 0, y0: 60, x1: 99, y1: 79 });
    expect(sectorBoxFromRegions([], 80, 100)).toBeUndefined();
  });

  it('from pixels: non-zero in half the frames, or changing between frames', async () => {
    // 3 frames of 4×5: a static "text" pixel at (0,0); a sector pixel changing at (2,1)–(3,3).
    const frames = [0, 1, 2].map((t) => {
      const f = new Array<number>(20).fill(0);
      f[0] = 235;
      f[2 * 5 + 1] = 10 + t;
      f[3 * 5 + 3] = t === 0 ? 0 : 50 + t;
      return f;
    });
    const before = tf.memory().numTensors;
    const x = tf.tensor4d(frames.flat(), [3, 4, 5, 1]);
    const box = async (pixels: 'non-zero' | 'changing', fraction: number): Promise<unknown> => {
      const mask = sectorMask(x, pixels, fraction);
      const b = await boxOfMask(mask);
      mask.dispose();
      return b;
    };
    expect(await box('non-zero', 0.5)).toEqual({ x0: 0, y0: 0, x1: 3, y1: 3 });
    expect(await box('changing', 0.5)).toEqual({ x0: 1, y0: 2, x1: 3, y1: 3 });
    expect(await box('changing', 1)).toEqual({ x0: 1, y0: 2, x1: 3, y1: 3 });
    const empty = tf.zeros([4, 5]) as tf.Tensor2D;
    expect(await boxOfMask(empty)).toBeUndefined();
    empty.dispose();
    x.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('regions follow crops and resizes', () => {
    const r = [{ x0: 10, y0: 4, x1: 19, y1: 13, spatialFormat: 1 }];
    expect(cropRegions(r, { x0: 5, y0: 0, x1: 14, y1: 9 })).toEqual([{ x0: 5, y0: 4, x1: 9, y1: 9, spatialFormat: 1 }]);
    expect(cropRegions(r, { x0: 0, y0: 0, x1: 4, y1: 4 })).toEqual([]);
    // Edges 10…20 and 4…14 halve to 5…10 and 2…7, then shift by (top 1, left 0).
    expect(scaleRegions(r, 0.5, 0.5, 1, 0)).toEqual([{ x0: 5, y0: 3, x1: 9, y1: 7, spatialFormat: 1 }]);
  });
});
