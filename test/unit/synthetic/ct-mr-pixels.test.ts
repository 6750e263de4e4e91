import { describe, expect, it } from 'vitest';
import {
  CT_GEOMETRY, CT_HU, CT_LESION, CT_ORIGIN_MM, CT_OUTSIDE_FOV_STORED, CT_RESCALE, MR_GEOMETRY, MR_ORIGIN_MM, MR_PROTOCOLS,
  ctSliceZ, mrSignal, mrSliceZ, mrTissueAt, renderCtSlice, renderMrSlice,
} from '../../../src/lib/synthetic';

/** Mean of the 3×3 patch around the pixel whose centre is nearest (x, y) mm. */
function patchMean(pixels: ArrayLike<number>, columns: number, origin: number, spacing: number, x: number, y: number, map = (v: number) => v): number {
  const c = Math.round((x - origin) / spacing);
  const r = Math.round((y - origin) / spacing);
  let sum = 0;
  for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) sum += map(pixels[(r + dy) * columns + c + dx] ?? 0);
  return sum / 9;
}

describe('CT phantom', () => {
  const hu = (v: number) => v * CT_RESCALE.slope + CT_RESCALE.intercept;
  const k = Math.round(CT_LESION.z / CT_GEOMETRY.sliceThicknessMm + (CT_GEOMETRY.slices - 1) / 2);
  const slice = renderCtSlice(k, 'test');
  const at = (x: number, y: number) => patchMean(slice, CT_GEOMETRY.columns, CT_ORIGIN_MM, CT_GEOMETRY.pixelSpacingMm, x, y, hu);

  it('centres the slices on z = 0 at the slice thickness', () => {
    expect(ctSliceZ(0)).toBe(-57.5);
    expect(ctSliceZ(23)).toBe(57.5);
    expect(Math.abs(ctSliceZ(k) - CT_LESION.z)).toBeLessThanOrEqual(2.5);
  });

  it('has tissue HU where the phantom puts them (rescale applied)', () => {
    expect(at(0, 62)).toBeGreaterThan(CT_HU.cancellous - 20);
    expect(at(0, 62)).toBeLessThan(CT_HU.cancellous + 20);
    expect(at(0, -130)).toBeCloseTo(CT_HU.air, -2);
    expect(at(-85, -35)).toBeGreaterThan(CT_HU.liver - 15);
    expect(at(-85, -35)).toBeLessThan(CT_HU.liver + 15);
    expect(at(CT_LESION.x, CT_LESION.y)).toBeLessThan(CT_HU.liver - 35); // the hypodense lesion
    expect(at(40, 0)).toBeGreaterThan(CT_HU.soft - 15);
    expect(at(40, 0)).toBeLessThan(CT_HU.soft + 15);
  });

  it('stores negative values outside the reconstruction circle', () => {
    expect(slice[0]).toBe(CT_OUTSIDE_FOV_STORED);
    expect(hu(CT_OUTSIDE_FOV_STORED)).toBe(-3024);
  });
});

describe('MR phantom', () => {
  const k = 5;
  const z = mrSliceZ(k);
  const ventricle = { x: 10, y: -5 };
  const whiteMatter = { x: 40, y: -40 };

  it('places CSF and white matter where the tests read them', () => {
    expect(mrTissueAt(ventricle.x, ventricle.y, z)).toBe('csf');
    expect(mrTissueAt(whiteMatter.x, whiteMatter.y, z)).toBe('wm');
  });

  it('shows fluid dark on T1 and bright on T2, in signal and in pixels', () => {
    expect(mrSignal('csf', MR_PROTOCOLS.T1)).toBeLessThan(mrSignal('wm', MR_PROTOCOLS.T1) * 0.6);
    expect(mrSignal('csf', MR_PROTOCOLS.T2)).toBeGreaterThan(mrSignal('wm', MR_PROTOCOLS.T2) * 1.5);
    expect(mrSignal('fat', MR_PROTOCOLS.T1)).toBeGreaterThan(mrSignal('wm', MR_PROTOCOLS.T1));
    const read = (weighting: 'T1' | 'T2', p: { x: number; y: number }) =>
      patchMean(renderMrSlice(MR_PROTOCOLS[weighting], k, 'test'), MR_GEOMETRY.columns, MR_ORIGIN_MM, MR_GEOMETRY.pixelSpacingMm, p.x, p.y);
    expect(read('T1', ventricle)).toBeLessThan(read('T1', whiteMatter) * 0.6);
    expect(read('T2', ventricle)).toBeGreaterThan(read('T2', whiteMatter) * 1.5);
  });

  it('keeps values within the 12 stored bits', () => {
    for (const p of Object.values(MR_PROTOCOLS)) {
      const pixels = renderMrSlice(p, k, 'test');
      expect(Math.max(...pixels)).toBeLessThan(4096);
    }
  });
});
