/**
 * Byte order of binary values. The editable data set is always little endian, so a big-endian
 * source's numbers are swapped once, when the editable copy is made; everything else is a view.
 */

/** Size of the unit to swap for each binary VR (AT is two 16-bit numbers); absent: bytes stay. */
export const SWAP_UNIT: Readonly<Record<string, number>> = {
  US: 2, SS: 2, OW: 2, AT: 2,
  UL: 4, SL: 4, FL: 4, OF: 4, OL: 4,
  FD: 8, OD: 8, SV: 8, UV: 8, OV: 8,
};

/** A little-endian copy of big-endian `bytes` of `vr`; the same view when nothing needs swapping. */
export function toLittleEndian(bytes: Uint8Array, vr: string): Uint8Array {
  const unit = SWAP_UNIT[vr];
  if (unit === undefined || bytes.length < unit) return bytes;
  const out = new Uint8Array(bytes.length);
  const whole = bytes.length - (bytes.length % unit);
  if (unit === 2) swap16(bytes, out, whole);
  else for (let i = 0; i < whole; i += unit) for (let j = 0; j < unit; j++) out[i + j] = bytes[i + unit - 1 - j]!;
  out.set(bytes.subarray(whole), whole); // a ragged tail (malformed length) is kept as it was
  return out;
}

/** 16-bit swap of pixel-sized data through typed arrays (no per-byte loop when aligned). */
function swap16(src: Uint8Array, dst: Uint8Array, length: number): void {
  if (src.byteOffset % 2 === 0) {
    const words = new Uint16Array(src.buffer, src.byteOffset, length / 2);
    const out = new Uint16Array(dst.buffer, 0, length / 2);
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      out[i] = ((w & 0xff) << 8) | (w >>> 8);
    }
    return;
  }
  for (let i = 0; i < length; i += 2) {
    dst[i] = src[i + 1]!;
    dst[i + 1] = src[i]!;
  }
}
