import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { fixedSlicePlan, resampleVolume, slicePlan, spacingPlan } from '../../../../src/lib/preprocess/volume/resample';
import { volumeFromSlices, type SliceInput } from '../../../../src/lib/preprocess/volume/from-slices';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function resampled(values: number[], shape: [number, number, number, number], plans: Parameters<typeof resampleVolume>[1]): Promise<{ shape: number[]; values: number[] }> {
  const before = tf.memory().numTensors;
  const x = tf.tensor4d(values, shape);
  const y = resampleVolume(x, plans, 'linear');
  const out = { shape: y.shape, values: Array.from(await y.data()) };
  x.dispose();
  y.dispose();
  expect(tf.memory().numTensors).toBe(before);
  return out;
}

describe('volume resampling to a spacing', () => {
  it('4 slices at 2 mm to 1 mm: 8 slices from the first, the last past the end takes the edge', async () => {
    const plan = slicePlan([0, 2, 4, 6], 1);
    expect(plan.positionsMm).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(await resampled([0, 10, 20, 30], [4, 1, 1, 1], [plan, undefined, undefined]))
      .toEqual({ shape: [8, 1, 1, 1], values: [0, 5, 10, 15, 20, 25, 30, 30] });
  });

  it('4 slices at 2 mm to 3 mm: round(8 / 3) = 3 slices', async () => {
    expect(await resampled([0, 10, 20, 30], [4, 1, 1, 1], [slicePlan([0, 2, 4, 6], 3), undefined, undefined]))
      .toEqual({ shape: [3, 1, 1, 1], values: [0, 15, 30] });
  });

  it('uses the real positions of unevenly spaced slices', async () => {
    // Slices at 0, 1 and 4 mm holding their position: mean spacing 2 mm, 6 slices at 1 mm.
    expect(await resampled([0, 1, 4], [3, 1, 1, 1], [slicePlan([0, 1, 4], 1), undefined, undefined]))
      .toEqual({ shape: [6, 1, 1, 1], values: [0, 1, 2, 3, 4, 4] });
  });

  it('in plane: 2×2 at 2 mm to 1 mm', async () => {
    expect(spacingPlan(2, 2, 1)).toEqual({ positions: [0, 0.5, 1, 1.5], spacing: 1 });
    expect(await resampled([0, 10, 20, 30], [1, 2, 2, 1], [undefined, spacingPlan(2, 2, 1), spacingPlan(2, 2, 1)])).toEqual({
      shape: [1, 4, 4, 1],
      values: [0, 5, 10, 10, 10, 15, 20, 20, 20, 25, 30, 30, 20, 25, 30, 30],
    });
  });

  it('a fixed number of slices spans the first to the last', async () => {
    const plan = fixedSlicePlan([0, 2, 4, 6], 7);
    expect(plan).toEqual({ positions: [0, 0.5, 1, 1.5, 2, 2.5, 3], spacing: 1, positionsMm: [0, 1, 2, 3, 4, 5, 6] });
    expect((await resampled([0, 10, 20, 30], [4, 1, 1, 1], [plan, undefined, undefined])).values).toEqual([0, 5, 10, 15, 20, 25, 30]);
    expect(fixedSlicePlan([0, 2, 4, 6], 2).positions).toEqual([0, 3]);
    expect(fixedSlicePlan([0, 2, 4], 1)).toEqual({ positions: [1], spacing: 0, positionsMm: [2] });
  });
});

describe('volumeFromSlices', () => {
  const AXIAL: SliceInput['imageOrientationPatient'] = [1, 0, 0, 0, 1, 0];
  const slice = (z: number, value: number, extra: Partial<SliceInput> = {}): SliceInput => ({
    data: new Float32Array([value, value]), rows: 1, columns: 2,
    imagePositionPatient: [-10, -10, z], imageOrientationPatient: AXIAL, pixelSpacing: [0.5, 0.7], ...extra,
  });

  it('sorts by position along the normal and derives the spacing', () => {
    const scan = volumeFromSlices([slice(10, 4), slice(4, 1), slice(8, 3), slice(6, 2)]);
    expect(scan.shape).toEqual([4, 1, 2, 1]);
    expect((scan.data as Float32Array[]).map((d) => d[0])).toEqual([1, 2, 3, 4]);
    expect(scan.slicePositionsMm).toEqual([4, 6, 8, 10]);
    expect(scan.sliceSpacingMm).toBe(2);
    expect(scan.pixelSpacingMm).toEqual([0.5, 0.7]);
    expect(scan.rescale).toEqual({ slope: 1, intercept: 0 });
  });

  it('keeps a per-slice rescale when the slices differ', () => {
    const scan = volumeFromSlices([slice(2, 0, { rescale: { slope: 2, intercept: -1024 } }), slice(0, 0, { rescale: { slope: 1, intercept: -1024 } })]);
    expect(scan.rescale).toEqual([{ slope: 1, intercept: -1024 }, { slope: 2, intercept: -1024 }]);
  });

  it('sagittal slices sort along −x (row +y, column −z: normal −x)', () => {
    const sagittal: SliceInput['imageOrientationPatient'] = [0, 1, 0, 0, 0, -1];
    const scan = volumeFromSlices([
      slice(0, 1, { imagePositionPatient: [-5, 0, 0], imageOrientationPatient: sagittal }),
      slice(0, 2, { imagePositionPatient: [5, 0, 0], imageOrientationPatient: sagittal }),
    ]);
    expect((scan.data as Float32Array[]).map((d) => d[0])).toEqual([2, 1]);
    expect(scan.slicePositionsMm).toEqual([-5, 5]);
  });

  it('refuses duplicate positions, mixed orientations and sizes', () => {
    expect(() => volumeFromSlices([slice(2, 0), slice(2, 1)])).toThrow('Two slices lie at the same position (2.000 mm along the normal); the series may mix two acquisitions.');
    expect(() => volumeFromSlices([slice(0, 0), slice(2, 0, { imageOrientationPatient: [0, 1, 0, 0, 0, -1] })]))
      .toThrow('Slice 2 is not parallel to the first slice; the slices belong to different stacks or series.');
    expect(() => volumeFromSlices([slice(0, 0), { ...slice(2, 0), rows: 2, data: new Float32Array(4) }]))
      .toThrow('Slice 2 is 2×2, the first is 1×2; they cannot form one volume.');
    expect(() => volumeFromSlices([])).toThrow('A volume needs at least one slice.');
  });
});
