/**
 * From little-endian sample bytes to typed stored values: the right width and signedness,
 * bits outside BitsStored masked off, the sign extended at HighBit, colour interleaved.
 */
import type { ImagePixelDescription } from '../attributes';
import type { StoredValues } from './types';

/** Swaps each 2- or 4-byte word in place (big endian data to little endian). */
export function swapBytes(bytes: Uint8Array, wordBytes: 2 | 4): void {
  const end = bytes.length - (bytes.length % wordBytes);
  for (let i = 0; i < end; i += wordBytes) {
    const a = bytes[i]!;
    if (wordBytes === 2) {
      bytes[i] = bytes[i + 1]!;
      bytes[i + 1] = a;
    } else {
      const b = bytes[i + 1]!;
      bytes[i] = bytes[i + 3]!;
      bytes[i + 1] = bytes[i + 2]!;
      bytes[i + 2] = b;
      bytes[i + 3] = a;
    }
  }
}

/** 1-bit data: one pixel per bit, first pixel in the least significant bit (PS3.5 8.1.1). */
export function unpackBits(bytes: Uint8Array, count: number): Uint8Array {
  const out = new Uint8Array(count);
  for (let i = 0; i < count; i++) out[i] = ((bytes[i >> 3] ?? 0) >> (i & 7)) & 1;
  return out;
}

/**
 * Typed stored values over a private copy of `bytes` (the caller may reuse or transfer its
 * buffer). `count` is the number of samples; extra bytes (padding) are ignored.
 */
export function toStoredValues(
  bytes: Uint8Array,
  count: number,
  description: Pick<ImagePixelDescription, 'bitsAllocated' | 'bitsStored' | 'highBit' | 'pixelRepresentation'>,
  steps: string[],
): StoredValues {
  const { bitsAllocated, bitsStored, highBit } = description;
  const signed = description.pixelRepresentation === 1;
  const width = bitsAllocated / 8;
  const copy = bytes.slice(0, count * width);
  let unsignedView: Uint8Array | Uint16Array | Uint32Array;
  if (width === 1) unsignedView = copy;
  else if (width === 2) unsignedView = new Uint16Array(copy.buffer, 0, count);
  else unsignedView = new Uint32Array(copy.buffer, 0, count);

  const shift = highBit + 1 - bitsStored;
  if (bitsStored < bitsAllocated || shift !== 0) {
    maskAndExtend(unsignedView, bitsStored, shift, signed);
    steps.push(
      `kept bits ${highBit}..${highBit + 1 - bitsStored} of ${bitsAllocated} (${bitsStored} stored)` +
        (signed ? `, sign extended from bit ${bitsStored - 1}` : ''),
    );
  }
  if (!signed) return unsignedView;
  if (width === 1) return new Int8Array(copy.buffer, 0, count);
  if (width === 2) return new Int16Array(copy.buffer, 0, count);
  return new Int32Array(copy.buffer, 0, count);
}

function maskAndExtend(values: Uint8Array | Uint16Array | Uint32Array, bitsStored: number, shift: number, signed: boolean): void {
  const range = 2 ** bitsStored;
  const half = range / 2;
  if (!(values instanceof Uint32Array)) {
    const mask = range - 1;
    for (let i = 0; i < values.length; i++) {
      const v = (values[i]! >> shift) & mask;
      values[i] = signed && v >= half ? v - range : v; // stored back as two's complement
    }
    return;
  }
  // 32-bit words: doubles, because the bitwise operators are signed 32-bit.
  const divisor = 2 ** shift;
  for (let i = 0; i < values.length; i++) {
    const v = Math.floor(values[i]! / divisor) % range;
    values[i] = signed && v >= half ? v - range : v;
  }
}

/** Colour-by-plane (RR…GG…BB…) to colour-by-pixel (RGBRGB…). */
export function interleave<T extends StoredValues>(planar: T, samplesPerPixel: number): T {
  const pixels = planar.length / samplesPerPixel;
  const out = new (planar.constructor as new (length: number) => T)(planar.length);
  for (let s = 0; s < samplesPerPixel; s++) {
    const base = s * pixels;
    for (let p = 0; p < pixels; p++) out[p * samplesPerPixel + s] = planar[base + p]!;
  }
  return out;
}

/**
 * Native YBR_FULL_422 holds Y1 Y2 Cb Cr for each pair of pixels of a row (PS3.3 C.7.6.3.1.2);
 * each pair's chroma is repeated for both, giving full YBR, three samples per pixel.
 */
export function upsample422(bytes: Uint8Array, rows: number, columns: number): Uint8Array {
  const out = new Uint8Array(rows * columns * 3);
  const pairsPerRow = Math.ceil(columns / 2);
  for (let r = 0; r < rows; r++) {
    for (let p = 0; p < pairsPerRow; p++) {
      const src = (r * pairsPerRow + p) * 4;
      const cb = bytes[src + 2] ?? 0;
      const cr = bytes[src + 3] ?? 0;
      for (let k = 0; k < 2 && p * 2 + k < columns; k++) {
        const dst = (r * columns + p * 2 + k) * 3;
        out[dst] = bytes[src + k] ?? 0;
        out[dst + 1] = cb;
        out[dst + 2] = cr;
      }
    }
  }
  return out;
}
