/** VOI LUT functions at literal points of PS3.3 C.11.2.1.2, and grey rendering. */
import { describe, expect, it } from 'vitest';
import {
  decodeFrame,
  describeImagePixels,
  frameStatistics,
  minMaxWindow,
  modalityValues,
  renderFrame,
  voiOutput,
} from '../../../../src/lib/dicom/pixels';
import { fakeReader, GREY_8x1, words } from './fake-reader';

const EXPLICIT_LE = '1.2.840.10008.1.2.1';
const brain = { center: 40, width: 400 };

describe('VOI LUT functions', () => {
  it('LINEAR: ((x - (c - 0.5)) / (w - 1) + 0.5) · 255 between c - 0.5 ∓ (w - 1)/2', () => {
    const f = (x: number) => voiOutput(x, { ...brain, function: 'LINEAR' });
    expect(f(-160)).toBe(0); // x <= c - 0.5 - (w-1)/2 = -160
    expect(f(-159)).toBeCloseTo(0.639098, 6); // (-198.5/399 + 0.5) · 255
    expect(f(39.5)).toBe(127.5);
    expect(f(40)).toBeCloseTo(127.819549, 6);
    expect(f(239)).toBe(255); // the upper bound itself: (199.5/399 + 0.5) · 255
    expect(f(239.01)).toBe(255);
    expect(voiOutput(10, { center: 10, width: 1, function: 'LINEAR' })).toBe(255); // width 1: a step at c - 0.5
    expect(voiOutput(9.5, { center: 10, width: 1, function: 'LINEAR' })).toBe(0);
  });

  it('LINEAR_EXACT: ((x - c) / w + 0.5) · 255 between c ∓ w/2', () => {
    const f = (x: number) => voiOutput(x, { ...brain, function: 'LINEAR_EXACT' });
    expect(f(-160)).toBe(0);
    expect(f(-60)).toBe(63.75);
    expect(f(40)).toBe(127.5);
    expect(f(240)).toBe(255);
    expect(f(241)).toBe(255);
  });

  it('SIGMOID: 255 / (1 + exp(-4 (x - c) / w))', () => {
    const f = (x: number) => voiOutput(x, { ...brain, function: 'SIGMOID' });
    expect(f(40)).toBe(127.5);
    expect(f(140)).toBeCloseTo(186.419938, 5); // 255 / (1 + e^-1)
    expect(f(-60)).toBeCloseTo(68.580062, 5);
  });

  it('the min-max window maps the minimum to 0 and the maximum to 255 under LINEAR', () => {
    const w = minMaxWindow(-1024, 1186);
    expect([w.center, w.width]).toEqual([81.5, 2211]);
    expect(voiOutput(-1024, w)).toBe(0);
    expect(voiOutput(1186, w)).toBe(255);
  });
});

describe('grey rendering', () => {
  const ct = describeImagePixels(
    fakeReader({ ...GREY_8x1, Columns: 5, BitsAllocated: 16, BitsStored: 16, HighBit: 15, RescaleSlope: 1, RescaleIntercept: -1024, WindowCenter: '40\\450', WindowWidth: '400\\1500', WindowCenterWidthExplanation: 'BRAIN\\BONE' }),
  );
  const stored = words(0, 1000, 1064, 1124, 2000);

  it('applies rescale, then the file\'s first window, LINEAR', async () => {
    const frame = await decodeFrame(stored, EXPLICIT_LE, ct);
    const rendered = renderFrame(frame, ct);
    expect(rendered.window).toEqual({ center: 40, width: 400, function: 'LINEAR', explanation: 'BRAIN', source: 'file' });
    // HU -1024, -24, 40, 100, 976 → 0, 86.92, 127.82, 166.17, 255
    expect(Array.from(rendered.rgba.filter((_, i) => i % 4 === 0))).toEqual([0, 87, 128, 166, 255]);
    expect(Array.from(rendered.rgba.subarray(4, 8))).toEqual([87, 87, 87, 255]);
  });

  it('a window given by the caller wins, with its own function', async () => {
    const frame = await decodeFrame(stored, EXPLICIT_LE, ct);
    const rendered = renderFrame(frame, ct, { center: 40, width: 400, function: 'LINEAR_EXACT' });
    expect(rendered.window?.source).toBe('given');
    expect(Array.from(rendered.rgba.filter((_, i) => i % 4 === 0))).toEqual([0, 87, 128, 166, 255]); // -24: 86.7, 100: 165.75
  });

  it('without a window, the frame minimum to maximum (after rescale)', async () => {
    const plain = describeImagePixels(fakeReader({ ...GREY_8x1, Columns: 4 }));
    const frame = await decodeFrame(new Uint8Array([10, 20, 30, 40]), EXPLICIT_LE, plain);
    const rendered = renderFrame(frame, plain);
    expect(rendered.window).toMatchObject({ center: 25.5, width: 31, source: 'min-max' });
    expect(Array.from(rendered.rgba.filter((_, i) => i % 4 === 0))).toEqual([0, 85, 170, 255]);
    expect(frameStatistics(frame)).toEqual({ min: 10, max: 40, mean: 25 });
  });

  it('MONOCHROME1 is inverted after the window: the minimum is white', async () => {
    const inverted = describeImagePixels(fakeReader({ ...GREY_8x1, Columns: 4, PhotometricInterpretation: 'MONOCHROME1' }));
    const frame = await decodeFrame(new Uint8Array([10, 20, 30, 40]), EXPLICIT_LE, inverted);
    expect(Array.from(renderFrame(frame, inverted).rgba.filter((_, i) => i % 4 === 0))).toEqual([255, 170, 85, 0]);
  });

  it('modality values: whole rescales stay integers, fractional ones become Float32', async () => {
    const frame = await decodeFrame(stored, EXPLICIT_LE, ct);
    const hu = modalityValues(frame, ct);
    expect(hu.values).toBeInstanceOf(Int32Array);
    expect(Array.from(hu.values)).toEqual([-1024, -24, 40, 100, 976]);
    const pet = describeImagePixels(fakeReader({ ...GREY_8x1, Columns: 5, BitsAllocated: 16, BitsStored: 16, HighBit: 15, RescaleSlope: 0.5, RescaleIntercept: 0.25 }));
    const suv = modalityValues(frame, pet);
    expect(suv.values).toBeInstanceOf(Float32Array);
    expect(Array.from(suv.values)).toEqual([0.25, 500.25, 532.25, 562.25, 1000.25]);
    const none = describeImagePixels(fakeReader({ ...GREY_8x1, Columns: 5, BitsAllocated: 16, BitsStored: 16, HighBit: 15 }));
    expect(modalityValues(frame, none).values).toBe(frame.data);
  });
});
