/** Palette colour LUTs: segmented tables expanded (PS3.3 C.7.9.2), 8-bit entries, first mapped. */
import { describe, expect, it } from 'vitest';
import { decodeFrame, describeImagePixels, expandSegmentedLut, renderFrame } from '../../../../src/lib/dicom/pixels';
import { fakeReader, GREY_8x1, words } from './fake-reader';

describe('segmented palette tables', () => {
  it('discrete, linear (ending on y1, rounded) and indirect (copying earlier segments) segments', () => {
    // discrete 0 10 20 | linear 4 → 60 | indirect: 2 segments from byte offset 0
    expect(Array.from(expandSegmentedLut([0, 3, 0, 10, 20, 1, 4, 60, 2, 2, 0, 0]))).toEqual([0, 10, 20, 30, 40, 50, 60, 0, 10, 20, 30, 40, 50, 60]);
    expect(Array.from(expandSegmentedLut([0, 1, 0, 1, 3, 10]))).toEqual([0, 3, 7, 10]);
  });

  it('an indirect offset counts bytes, not words', () => {
    // discrete 7 | discrete 100 200 (at word 3 = byte 6) | indirect: 1 segment from byte 6
    expect(Array.from(expandSegmentedLut([0, 1, 7, 0, 2, 100, 200, 2, 1, 6, 0]))).toEqual([7, 100, 200, 100, 200]);
  });

  it('ignores one trailing pad word', () => {
    expect(Array.from(expandSegmentedLut([0, 2, 5, 6, 0]))).toEqual([5, 6]);
  });

  it.each([
    [[1, 2, 50], 'This image\'s colour palette cannot be read: its segmented table starts with a linear segment, which has no value to start from. The file is damaged or not valid DICOM.'],
    [[0, 1, 5, 7, 1, 1], 'This image\'s colour palette cannot be read: its segmented table has an unknown segment type 7. The file is damaged or not valid DICOM.'],
    [[0, 9, 1, 2], 'This image\'s colour palette cannot be read: a discrete segment of its segmented table runs past the data. The file is damaged or not valid DICOM.'],
  ])('refuses %j with a named error', (data, message) => {
    expect(() => expandSegmentedLut(data)).toThrow(expect.objectContaining({ name: 'PixelDecodeError', message }));
  });

  it('a segmented PALETTE COLOR image renders through the expanded tables', async () => {
    const description = describeImagePixels(
      fakeReader({
        ...GREY_8x1,
        Columns: 4,
        PhotometricInterpretation: 'PALETTE COLOR',
        RedPaletteColorLookupTableDescriptor: [5, 10, 16],
        GreenPaletteColorLookupTableDescriptor: [5, 10, 16],
        BluePaletteColorLookupTableDescriptor: [5, 10, 16],
        SegmentedRedPaletteColorLookupTableData: words(0, 1, 0, 1, 4, 0xff00), // 0 → 65280 in 4 steps
        SegmentedGreenPaletteColorLookupTableData: words(0, 5, 0x1000, 0x2000, 0x3000, 0x4000, 0x5000),
        SegmentedBluePaletteColorLookupTableData: words(0, 1, 0xffff, 1, 4, 0xffff),
      }),
    );
    expect(description.palette?.segmented).toBe(true);
    expect(Array.from(description.palette!.red.entries)).toEqual([0, 16320, 32640, 48960, 65280]);
    const frame = await decodeFrame(new Uint8Array([0, 10, 12, 200]), '1.2.840.10008.1.2.1', description);
    // below the first mapped value → entry 0; above the last → the last entry; 16-bit entries >> 8
    expect(Array.from(renderFrame(frame, description).rgba)).toEqual([0, 16, 255, 255, 0, 16, 255, 255, 127, 48, 255, 255, 255, 80, 255, 255]);
  });

  it('8-bit entries packed one per byte, and a signed first mapped value', async () => {
    const lut = new Uint8Array([0, 100, 200, 255]);
    const description = describeImagePixels(
      fakeReader({
        ...GREY_8x1,
        Columns: 3,
        PixelRepresentation: 1,
        PhotometricInterpretation: 'PALETTE COLOR',
        RedPaletteColorLookupTableDescriptor: [4, 65534, 8], // first mapped -2, read as US
        GreenPaletteColorLookupTableDescriptor: [4, 65534, 8],
        BluePaletteColorLookupTableDescriptor: [4, 65534, 8],
        RedPaletteColorLookupTableData: lut,
        GreenPaletteColorLookupTableData: lut,
        BluePaletteColorLookupTableData: lut,
      }),
    );
    expect(description.palette?.red).toMatchObject({ firstMapped: -2, bits: 8 });
    const frame = await decodeFrame(new Uint8Array([0xfe, 0xff, 0x01]), '1.2.840.10008.1.2.1', description); // -2, -1, 1
    expect(Array.from(renderFrame(frame, description).rgba.filter((_, i) => i % 4 === 0))).toEqual([0, 100, 255]);
  });
});
