import { f16round } from '@petamoriken/float16';
import { describe, expect, it } from 'vitest';
import { chooseStorage, decodeFromStorage, encodeForStorage } from '../../../src/lib/dataset/storage-codec';
import { mulberry32 } from '../../../src/lib/util/mulberry32';

function roundTrip(values: Float32Array, choice = chooseStorage(values)): Float32Array {
  return decodeFromStorage(encodeForStorage([values.length], values, choice));
}

function bitsEqual(a: Float32Array, b: Float32Array): boolean {
  return a.length === b.length && Buffer.from(a.buffer).equals(Buffer.from(b.buffer));
}

describe('chooseStorage', () => {
  it('stores an 8-bit image scaled to [0, 1] as uint8, bit for bit', () => {
    const values = Float32Array.from({ length: 600 }, (_, i) => ((i * 37) % 256) / 255);
    const choice = chooseStorage(values);
    expect(choice).toMatchObject({ dtype: 'uint8', grid: { offset: 0, scale: 1 / 255 }, lossless: true, maxAbsError: 0 });
    expect(choice.statement).toBe('uint8, lossless (values k/255)');
    const encoded = encodeForStorage([600], values, choice);
    expect(encoded.bytes.length).toBe(600);
    expect(encoded.bytes[1]).toBe(37);
    expect(bitsEqual(decodeFromStorage(encoded), values)).toBe(true);
  });

  it('stores whole values 0–255 as uint8, and an 8-bit source through another scaling on its own grid', () => {
    const whole = Float32Array.from([0, 3, 255, 17, 3]);
    expect(chooseStorage(whole)).toMatchObject({ dtype: 'uint8', grid: { offset: 0, scale: 1 }, lossless: true });
    expect(bitsEqual(roundTrip(whole), whole)).toBe(true);

    // [-1, 1] as a float32 recipe computes it: (k/255)·2 − 1, one rounding per step.
    const pm1 = Float32Array.from({ length: 256 }, (_, k) => Math.fround(Math.fround(k / 255) * 2 - 1));
    const choice = chooseStorage(pm1, { grid: { offset: -1, scale: 2 / 255 } });
    expect(choice.dtype).toBe('uint8');
    expect(choice.maxAbsError).toBeLessThanOrEqual(2 ** -20);
    const back = roundTrip(pm1, choice);
    for (let k = 0; k < 256; k++) expect(Math.abs((back[k] ?? 0) - (pm1[k] ?? 0))).toBeLessThanOrEqual(choice.maxAbsError);
  });

  it('stores a z-scored tensor as float16 and reports the error it measured', () => {
    const rng = mulberry32(7);
    const values = Float32Array.from({ length: 5000 }, () => (rng() - 0.5) * 6);
    const choice = chooseStorage(values);
    expect(choice.dtype).toBe('float16');
    let worst = 0;
    for (const v of values) worst = Math.max(worst, Math.abs(f16round(v) - v));
    expect(choice.maxAbsError).toBe(worst);
    expect(choice.maxAbsError).toBeLessThanOrEqual(2 ** -11 * 2); // half an ulp of values in [2, 4)
    expect(choice.maxRelativeError).toBeLessThanOrEqual(2 ** -11);
    expect(choice.statement).toMatch(/^float16, max abs error \S+ \(\S+ % relative, limit 0\.1 %\)$/);
    const back = roundTrip(values, choice);
    for (let i = 0; i < values.length; i++) expect(Math.abs((back[i] ?? 0) - (values[i] ?? 0))).toBeLessThanOrEqual(worst);
  });

  it('keeps CT numbers as float16 within 1 HU, or as float32 when no loss is allowed', () => {
    const hu = Float32Array.from({ length: 4096 }, (_, i) => i - 1024);
    const lossy = chooseStorage(hu);
    expect(lossy).toMatchObject({ dtype: 'float16', lossless: false, maxAbsError: 1 });
    expect(chooseStorage(hu, { float16MaxRelativeError: 0 })).toMatchObject({ dtype: 'float32', lossless: true });
    const small = Float32Array.from({ length: 2000 }, (_, i) => i - 1000);
    expect(chooseStorage(small)).toMatchObject({ dtype: 'float16', lossless: true, statement: 'float16, lossless (every value is exact in half precision)' });
  });

  it('falls back to float32 beyond float16 range, for values that are not finite, and for a too-strict limit', () => {
    expect(chooseStorage(Float32Array.from([1, 70000, 2, 3]))).toMatchObject({ dtype: 'float32', statement: 'float32, lossless (values are outside float16 range or not finite)' });
    const nan = Float32Array.from([0.5, Number.NaN, 0.25]);
    const choice = chooseStorage(nan);
    expect(choice.dtype).toBe('float32');
    expect(bitsEqual(roundTrip(nan, choice), nan)).toBe(true);
    const third = Float32Array.from({ length: 300 }, (_, i) => i / 3);
    expect(chooseStorage(third, { float16MaxRelativeError: 1e-5 }).statement).toMatch(/^float32, lossless \(float16 would err by \S+ % relative\)$/);
  });

  it('treats a constant tensor as lossless uint8', () => {
    const values = new Float32Array(10).fill(-3.5);
    const choice = chooseStorage(values);
    expect(choice).toMatchObject({ dtype: 'uint8', lossless: true });
    expect(Array.from(roundTrip(values, choice))).toEqual(Array.from(values));
  });
});

describe('decodeFromStorage', () => {
  it('needs the grid of a uint8 tensor', () => {
    expect(() => decodeFromStorage({ dtype: 'uint8', bytes: new Uint8Array(2) })).toThrow(/stored without its grid/);
  });
});
