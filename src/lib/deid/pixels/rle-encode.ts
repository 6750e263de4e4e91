/**
 * DICOM RLE Lossless encoding of one frame (PS3.5 Annex G): one segment per byte of each
 * sample, most significant byte first, each row PackBits-coded on its own (G.3.1), and a
 * 64-byte header of segment offsets. Pure TS: lossless by construction, no codec to load.
 */
import { EnclaveError } from '../../jobs';
import type { StoredValues } from '../../dicom/pixels';

export const RLE_LOSSLESS = '1.2.840.10008.1.2.5';

/** `data` interleaved (RGBRGB…), `bytesPerSample` 1, 2 or 4; values in the data's own width. */
export function encodeRleFrame(data: StoredValues, rows: number, columns: number, samplesPerPixel: number, bytesPerSample: number): Uint8Array {
  const segmentCount = samplesPerPixel * bytesPerSample;
  if (segmentCount > 15) throw new EnclaveError('InvalidInputError', `RLE holds at most 15 segments; this frame needs ${segmentCount}.`);
  const pixels = rows * columns;
  const plane = new Uint8Array(pixels);
  const segments: Uint8Array[] = [];
  for (let sample = 0; sample < samplesPerPixel; sample++) {
    for (let byte = bytesPerSample - 1; byte >= 0; byte--) {
      const shift = byte * 8;
      for (let p = 0; p < pixels; p++) plane[p] = (data[p * samplesPerPixel + sample]! >>> shift) & 0xff;
      segments.push(packBitsRows(plane, rows, columns));
    }
  }
  const header = new Uint8Array(64);
  const view = new DataView(header.buffer);
  view.setUint32(0, segmentCount, true);
  let offset = 64;
  segments.forEach((segment, i) => {
    view.setUint32(4 + i * 4, offset, true);
    offset += segment.length;
  });
  const out = new Uint8Array(offset);
  out.set(header, 0);
  let at = 64;
  for (const segment of segments) {
    out.set(segment, at);
    at += segment.length;
  }
  return out;
}

/** PackBits per row; the segment is padded to even length with a no-op byte (-128). */
function packBitsRows(plane: Uint8Array, rows: number, columns: number): Uint8Array {
  const out = new Uint8Array(rows * (columns + Math.ceil(columns / 128)) + 1);
  let o = 0;
  for (let y = 0; y < rows; y++) {
    const end = (y + 1) * columns;
    let i = y * columns;
    while (i < end) {
      let run = 1;
      while (i + run < end && run < 128 && plane[i + run] === plane[i]) run++;
      if (run >= 2) {
        out[o++] = 257 - run; // -(run - 1) as a byte
        out[o++] = plane[i]!;
        i += run;
        continue;
      }
      // Literal: up to 128 bytes, stopping before the next run of two or more.
      const start = i;
      let count = 0;
      while (i < end && count < 128 && !(i + 1 < end && plane[i + 1] === plane[i])) {
        i++;
        count++;
      }
      if (count === 0) {
        i++;
        count = 1;
      }
      out[o++] = count - 1;
      out.set(plane.subarray(start, start + count), o);
      o += count;
    }
  }
  if (o % 2 === 1) out[o++] = 0x80;
  return out.slice(0, o);
}
