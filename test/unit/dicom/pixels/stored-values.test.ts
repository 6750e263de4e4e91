/** Native frames to stored values: bit masks, sign extension, byte order, 1-bit, planar, 4:2:2. */
import { describe, expect, it } from 'vitest';
import type { ImagePixelDescription } from '../../../../src/lib/dicom/attributes';
import { decodeFrame, renderFrame, describeImagePixels } from '../../../../src/lib/dicom/pixels';
import { fakeReader, words } from './fake-reader';

const EXPLICIT_LE = '1.2.840.10008.1.2.1';
const BIG_ENDIAN = '1.2.840.10008.1.2.2';

function grey(columns: number, bits: Partial<ImagePixelDescription> = {}): ImagePixelDescription {
  return {
    rows: 1,
    columns,
    samplesPerPixel: 1,
    bitsAllocated: 16,
    bitsStored: 16,
    highBit: 15,
    pixelRepresentation: 0,
    photometricInterpretation: 'MONOCHROME2',
    planarConfiguration: 0,
    numberOfFrames: 1,
    ...bits,
  };
}

describe('native stored values', () => {
  const twelveBit = words(0x0fff, 0x0800, 0x07ff, 0xf123, 0x0000);

  it('12 of 16 bits, signed: masks the unused high bits and sign-extends at bit 11', async () => {
    const frame = await decodeFrame(twelveBit, EXPLICIT_LE, grey(5, { bitsStored: 12, highBit: 11, pixelRepresentation: 1 }));
    expect(frame.data).toBeInstanceOf(Int16Array);
    expect(Array.from(frame.data)).toEqual([-1, -2048, 2047, 291, 0]);
    expect(frame.steps).toEqual(['kept bits 11..0 of 16 (12 stored), sign extended from bit 11']);
  });

  it('12 of 16 bits, unsigned: masks only', async () => {
    const frame = await decodeFrame(twelveBit, EXPLICIT_LE, grey(5, { bitsStored: 12, highBit: 11 }));
    expect(frame.data).toBeInstanceOf(Uint16Array);
    expect(Array.from(frame.data)).toEqual([4095, 2048, 2047, 291, 0]);
  });

  it('a high bit above BitsStored - 1 shifts the value down', async () => {
    const frame = await decodeFrame(words(0xfff0, 0x8005), EXPLICIT_LE, grey(2, { bitsStored: 12, highBit: 15, pixelRepresentation: 1 }));
    expect(Array.from(frame.data)).toEqual([-1, -2048]);
  });

  it('big endian words are swapped', async () => {
    const frame = await decodeFrame(new Uint8Array([0x01, 0x02, 0xff, 0xfe]), BIG_ENDIAN, grey(2, { pixelRepresentation: 1 }));
    expect(Array.from(frame.data)).toEqual([258, -2]);
  });

  it('8-bit signed and 32-bit unsigned keep their width', async () => {
    const signed8 = await decodeFrame(new Uint8Array([0x80, 0x7f, 0xff]), EXPLICIT_LE, grey(3, { bitsAllocated: 8, bitsStored: 8, highBit: 7, pixelRepresentation: 1 }));
    expect(signed8.data).toBeInstanceOf(Int8Array);
    expect(Array.from(signed8.data)).toEqual([-128, 127, -1]);
    const wide = await decodeFrame(new Uint8Array(new Uint32Array([4294967295, 65536]).buffer), EXPLICIT_LE, grey(2, { bitsAllocated: 32, bitsStored: 32, highBit: 31 }));
    expect(wide.data).toBeInstanceOf(Uint32Array);
    expect(Array.from(wide.data)).toEqual([4294967295, 65536]);
  });

  it('1-bit pixels unpack least significant bit first', async () => {
    const frame = await decodeFrame(new Uint8Array([0b10100101, 0b00000001]), EXPLICIT_LE, grey(9, { bitsAllocated: 1, bitsStored: 1, highBit: 0 }));
    expect(Array.from(frame.data)).toEqual([1, 0, 1, 0, 0, 1, 0, 1, 1]);
  });

  it('colour by plane becomes colour by pixel', async () => {
    const rgb = grey(2, { samplesPerPixel: 3, bitsAllocated: 8, bitsStored: 8, highBit: 7, photometricInterpretation: 'RGB', planarConfiguration: 1 });
    const frame = await decodeFrame(new Uint8Array([10, 11, 20, 21, 30, 31]), EXPLICIT_LE, rgb);
    expect(Array.from(frame.data)).toEqual([10, 20, 30, 11, 21, 31]);
    expect(frame.steps).toEqual(['colour by plane rearranged to colour by pixel']);
  });

  it('native YBR_FULL_422 pairs (Y1 Y2 Cb Cr) expand to YBR_FULL and render as RGB', async () => {
    const ybr = grey(2, { samplesPerPixel: 3, bitsAllocated: 8, bitsStored: 8, highBit: 7, photometricInterpretation: 'YBR_FULL_422' });
    const frame = await decodeFrame(new Uint8Array([100, 200, 192, 128]), EXPLICIT_LE, ybr);
    expect(frame.photometricInterpretation).toBe('YBR_FULL');
    expect(Array.from(frame.data)).toEqual([100, 192, 128, 200, 192, 128]);
    // R = Y + 1.402 (Cr-128); G = Y - 0.344136 (Cb-128) - 0.714136 (Cr-128); B = Y + 1.772 (Cb-128)
    const description = describeImagePixels(fakeReader({ Rows: 1, Columns: 2, SamplesPerPixel: 3, BitsAllocated: 8, PhotometricInterpretation: 'YBR_FULL_422' }));
    expect(Array.from(renderFrame(frame, description).rgba)).toEqual([100, 78, 213, 255, 200, 178, 255, 255]);
  });

  it('too few bytes is a PixelDecodeError, not a crash', async () => {
    await expect(decodeFrame(new Uint8Array(3), EXPLICIT_LE, grey(2), false, 4)).rejects.toMatchObject({
      name: 'PixelDecodeError',
      message: 'The pixel data of frame 5 has 3 bytes where its size needs 4; the file is truncated or its image attributes are wrong.',
    });
  });
});
