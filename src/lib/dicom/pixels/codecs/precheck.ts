/**
 * Cheap checks of a compressed frame before it reaches the WebAssembly decoders. The C code
 * trusts headers (the RLE decoder reads segment offsets unchecked), and a trap in the middle of
 * a decode can leave the module's heap in a bad state for every later frame: refusing obviously
 * broken input here keeps one damaged file from spoiling the others.
 */
import type { ImagePixelDescription } from '../../attributes';
import type { CodecEncoding } from './codec-decode';

/** A reason the frame cannot be what its transfer syntax says, or undefined when it may be. */
export function precheck(encoding: CodecEncoding, bytes: Uint8Array, description: ImagePixelDescription): string | undefined {
  switch (encoding) {
    case 'rle':
      return rleHeaderProblem(bytes, description);
    case 'jpeg':
    case 'jpeg-ls':
      return bytes[0] === 0xff && bytes[1] === 0xd8 ? undefined : 'it does not start with a JPEG start-of-image marker';
    case 'jpeg-2000':
    case 'htj2k': {
      const codestream = bytes[0] === 0xff && bytes[1] === 0x4f && bytes[2] === 0xff && bytes[3] === 0x51;
      const jp2 = bytes[4] === 0x6a && bytes[5] === 0x50 && bytes[6] === 0x20 && bytes[7] === 0x20;
      return codestream || jp2 ? undefined : 'it starts with neither a JPEG 2000 codestream nor a JP2 header';
    }
    case 'jpeg-xl': {
      const codestream = bytes[0] === 0xff && bytes[1] === 0x0a;
      const container = bytes[4] === 0x4a && bytes[5] === 0x58 && bytes[6] === 0x4c && bytes[7] === 0x20;
      return codestream || container ? undefined : 'it starts with neither a JPEG XL codestream nor its container';
    }
  }
}

/** PS3.5 G.5: a 64-byte header of segment count and 15 offsets, first offset 64, ascending. */
function rleHeaderProblem(bytes: Uint8Array, d: ImagePixelDescription): string | undefined {
  if (bytes.length < 64) return `its RLE header needs 64 bytes and the frame has ${bytes.length}`;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const segments = view.getUint32(0, true);
  const expected = d.samplesPerPixel * Math.ceil(d.bitsAllocated / 8);
  if (segments !== expected) return `its RLE header declares ${segments} segments where ${expected} are needed`;
  let previous = 0;
  for (let i = 0; i < segments; i++) {
    const offset = view.getUint32(4 + i * 4, true);
    if ((i === 0 && offset !== 64) || offset < previous || offset >= bytes.length) {
      return `its RLE segment ${i + 1} starts at byte ${offset}, outside the frame`;
    }
    previous = offset;
  }
  return undefined;
}
