import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { runRecipe } from '../../../../src/lib/preprocess/run/run-recipe';
import { previewRecipe } from '../../../../src/lib/preprocess/run/preview';
import type { ScanInput } from '../../../../src/lib/preprocess/run/scan-input';
import type { PreprocessRecipe, RecipeStep } from '../../../../src/lib/preprocess/recipe';
import type { Progress } from '../../../../src/lib/jobs';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const recipe = (kind: PreprocessRecipe['kind'], steps: RecipeStep[], channels: 1 | 3 = 1): PreprocessRecipe =>
  ({ version: 1, kind, steps, output: { channels } });

function expectClose(actual: ArrayLike<number>, expected: number[], digits = 5): void {
  expect(actual).toHaveLength(expected.length);
  Array.from(actual).forEach((v, i) => expect(v, `index ${i}`).toBeCloseTo(expected[i]!, digits));
}

/**
 * A small RGB echo-like cine: `frames` frames of 6×8 at 30 fps; a bright static "label" pixel
 * at (0, 0); a sector (region x 2–6, y 1–5) whose gray level is 10 · (frame + 1).
 */
function echoCine(frames = 6): ScanInput {
  const rows = 6;
  const columns = 8;
  const data = Array.from({ length: frames }, (_, t) => {
    const frame = new Float32Array(rows * columns * 3);
    const set = (x: number, y: number, v: number): void => {
      frame.fill(v, (y * columns + x) * 3, (y * columns + x) * 3 + 3);
    };
    set(0, 0, 235);
    for (let y = 1; y <= 5; y++) for (let x = 2; x <= 6; x++) set(x, y, 10 * (t + 1));
    return frame;
  });
  return {
    data, shape: [frames, rows, columns, 3], photometric: 'RGB', frameRateFps: 30,
    ultrasoundRegions: [{ x0: 2, y0: 1, x1: 6, y1: 5, spatialFormat: 1 }],
    pixelSpacingMm: [0.3, 0.3],
  };
}

describe('runRecipe', () => {
  it('runs an echo recipe end to end, reports each step and leaks no tensor', async () => {
    const before = tf.memory().numTensors;
    const progress: Progress[] = [];
    const result = await runRecipe(echoCine(), recipe('cine', [
      { op: 'photometric', to: 'grayscale' },
      { op: 'resample-fps', fps: 15 },
      { op: 'clip-length', frames: 4, mode: 'pad' },
      { op: 'crop-sector' },
      { op: 'resize', height: 4, width: 4 },
      { op: 'normalise', method: 'min-max' },
    ]), { onProgress: (p) => progress.push(p) });
    expect(tf.memory().numTensors).toBe(before);
    expect(result.shape).toEqual([4, 4, 4, 1]);
    expect(result.steps.map((s) => [s.op, s.shape])).toEqual([
      ['input', [6, 6, 8, 3]],
      ['photometric', [6, 6, 8, 1]],
      ['resample-fps', [3, 6, 8, 1]],
      ['clip-length', [4, 6, 8, 1]],
      ['crop-sector', [4, 5, 5, 1]],
      ['resize', [4, 4, 4, 1]],
      ['normalise', [4, 4, 4, 1]],
    ]);
    expect(result.steps[4]!.note).toBe('sector from the ultrasound regions: x 2–6, y 1–5');
    // 30 → 15 fps keeps frames 0, 2, 4 (gray 10, 30, 50); the 4th is a frame of zeros.
    // After min-max over the clip: 10 → 0.2, 30 → 0.6, 50 → 1, padding 0.
    expect(Array.from(new Set(result.data))).toEqual([0.2, 0.6, 1, 0].map(Math.fround));
    expect(Array.from(result.data.subarray(0, 16))).toEqual(new Array(16).fill(Math.fround(0.2)));
    expect(result.sourceFrames).toEqual([0, 2, 4, -1]);
    expect(result.frameTimesMs).toEqual([0, 1000 / 15, 2000 / 15, 3000 / 15]);
    expect(result.pixelSpacingMm).toEqual([0.375, 0.375]);
    expect(progress.at(-1)).toEqual({ stage: 'preprocess', done: 7, total: 7 });
  });

  it('CT slice: modality LUT then a preset window', async () => {
    const scan: ScanInput = { data: new Float32Array([0, 864, 1064, 1263, 3000]), shape: [1, 1, 5, 1], photometric: 'MONOCHROME2', rescale: { slope: 1, intercept: -1024 } };
    const result = await runRecipe(scan, recipe('image', [{ op: 'modality-lut' }, { op: 'voi', source: 'preset', preset: 'ct-soft-tissue' }]));
    // HU −1024, −160, 40, 239, 1976 through centre 40 width 400.
    expectClose(result.data, [0, 0, 0.5012531328, 1, 1]);
  });

  it('MONOCHROME1: the window output is inverted; without a window the range is', async () => {
    const scan: ScanInput = { data: new Float32Array([0, 50, 100]), shape: [1, 1, 3, 1], photometric: 'MONOCHROME1', windows: [{ center: 50.5, width: 101 }] };
    const windowed = await runRecipe(scan, recipe('image', [{ op: 'voi', source: 'file' }]));
    expectClose(windowed.data, [1, 0.5, 0]);
    expect(windowed.steps[1]!.note).toBe('MONOCHROME1: window output inverted (1 − y)');
    const normalised = await runRecipe(scan, recipe('image', [{ op: 'normalise', method: 'min-max' }]));
    expectClose(normalised.data, [1, 0.5, 0]);
    expect(normalised.steps[1]!.note).toBe('MONOCHROME1 inverted over the scan range first');
    const untouched = await runRecipe(scan, recipe('image', []));
    expectClose(untouched.data, [100, 50, 0]);
  });

  it('converts to the output channel count', async () => {
    const gray: ScanInput = { data: new Float32Array([1, 2]), shape: [1, 1, 2, 1], photometric: 'MONOCHROME2' };
    const rgb = await runRecipe(gray, recipe('image', [], 3));
    expect(Array.from(rgb.data)).toEqual([1, 1, 1, 2, 2, 2]);
    expect(rgb.steps.at(-1)).toMatchObject({ op: 'output', shape: [1, 1, 2, 3], note: 'grayscale repeated to 3 channels for an RGB output' });
  });

  it('volume: 4 slices at 2 mm to 1 mm', async () => {
    const scan: ScanInput = { data: new Float32Array([0, 10, 20, 30]), shape: [4, 1, 1, 1], photometric: 'MONOCHROME2', sliceSpacingMm: 2, pixelSpacingMm: [1, 1] };
    const result = await runRecipe(scan, recipe('volume', [{ op: 'resample-spacing', spacingMm: [1, null, null] }]));
    expect(Array.from(result.data)).toEqual([0, 5, 10, 15, 20, 25, 30, 30]);
    expect(result.slicePositionsMm).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(result.sourceFrames).toEqual([0, 0.5, 1, 1.5, 2, 2.5, 3, 3]);
  });

  it('keepSteps returns every intermediate array', async () => {
    const scan: ScanInput = { data: new Float32Array([1, 2, 3, 4]), shape: [1, 1, 4, 1], photometric: 'MONOCHROME2' };
    const result = await runRecipe(scan, recipe('image', [{ op: 'normalise', method: 'z-score' }, { op: 'crop-roi', x: 1, y: 0, width: 2, height: 1 }]), { keepSteps: true });
    expect(result.preview!.map((p) => [p.op, Array.from(p.data)])).toEqual([
      ['input', [1, 2, 3, 4]],
      ['normalise', Array.from(result.preview![1]!.data)],
      ['crop-roi', Array.from(result.data)],
    ]);
    expectClose(result.data, [-0.4472135955, 0.4472135955]);
  });

  it('says which step cannot run on this scan, and frees its tensors', async () => {
    const before = tf.memory().numTensors;
    const scan = { ...echoCine(), frameRateFps: undefined };
    await expect(runRecipe(scan, recipe('cine', [{ op: 'photometric', to: 'grayscale' }, { op: 'resample-fps', fps: 10 }]))).rejects.toMatchObject({
      name: 'InvalidInputError',
      message: 'Step 2 (resample-fps): this cine has no frame timing (Frame Time, Frame Time Vector, Cine Rate or Recommended Display Frame Rate).',
    });
    await expect(runRecipe(echoCine(), recipe('cine', [{ op: 'crop-roi', x: 4, y: 0, width: 5, height: 2 }]))).rejects.toMatchObject({
      message: 'Step 1 (crop-roi): the ROI (x 4–8, y 0–1) falls outside this 6×8 image; use fractions or a smaller ROI.',
    });
    await expect(runRecipe(echoCine(), recipe('cine', [{ op: 'resize', height: 0, width: 4 }]))).rejects.toMatchObject({ name: 'RecipeError' });
    await expect(runRecipe({ ...echoCine(), shape: [6, 6, 8, 1] }, recipe('cine', []))).rejects.toMatchObject({ name: 'InvalidInputError' });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops at a step boundary when cancelled, leaking nothing', async () => {
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    const run = runRecipe(echoCine(), recipe('cine', [{ op: 'photometric', to: 'grayscale' }, { op: 'normalise', method: 'z-score' }]), {
      signal: controller.signal,
      onProgress: (p) => { if (p.done === 1) controller.abort(); },
    });
    await expect(run).rejects.toMatchObject({ name: 'CancelledError', message: 'Preprocessing was cancelled.' });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('crops the sector from the pixels that change when the header has no regions', async () => {
    const scan = { ...echoCine(), ultrasoundRegions: [] };
    const steps: RecipeStep[] = [{ op: 'crop-sector', from: 'auto', pixels: 'changing' }];
    const result = await runRecipe(scan, recipe('cine', steps, 3));
    expect(result.shape).toEqual([6, 5, 5, 3]);
    expect(result.steps[1]!.note).toBe('sector from the changing pixels: x 2–6, y 1–5');
    // "non-zero" keeps the static label pixel at (0, 0) too.
    const nonZero = await runRecipe(scan, recipe('cine', [{ op: 'crop-sector', from: 'pixels' }], 3));
    expect(nonZero.shape).toEqual([6, 6, 7, 3]);
  });
});

describe('previewRecipe', () => {
  it('gives one frame per step, following the chosen source frame through the temporal steps', async () => {
    const before = tf.memory().numTensors;
    const frames = await previewRecipe(echoCine(), recipe('cine', [
      { op: 'photometric', to: 'grayscale' },
      { op: 'resample-fps', fps: 15 },
      { op: 'crop-sector' },
    ]), 3);
    expect(tf.memory().numTensors).toBe(before);
    expect(frames.map((f) => [f.op, f.frame, f.rows, f.columns, f.channels])).toEqual([
      ['input', 3, 6, 8, 3],
      ['photometric', 3, 6, 8, 1],
      // Source frames are now 0, 2, 4: frame 3 is as near 2 as 4, so the first (2) is shown.
      ['resample-fps', 1, 6, 8, 1],
      ['crop-sector', 1, 5, 5, 1],
    ]);
    expect(Array.from(frames[3]!.data)).toEqual(new Array(25).fill(30));
  });
});
