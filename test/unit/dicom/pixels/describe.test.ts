/** Reading the pixel description: classic and enhanced multi-frame images, defaults, notes. */
import { describe, expect, it } from 'vitest';
import { decodeEncodedFrame, describeImagePixels, frameAttributes, renderFrame } from '../../../../src/lib/dicom/pixels';
import { fakeReader, GREY_8x1 } from './fake-reader';
import { corpusAvailable, loadCorpusImage, loadCorpusReader, SKIP_MESSAGE } from './load-corpus';

if (!corpusAvailable) console.warn(SKIP_MESSAGE);

describe.skipIf(!corpusAvailable)('corpus descriptions', () => {
  it('bad_sequence.dcm: 12 of 16 bits, rescale to HU, two named windows', () => {
    const d = loadCorpusImage('bad_sequence.dcm').description;
    expect(d).toMatchObject({ rows: 512, columns: 512, bitsAllocated: 16, bitsStored: 12, highBit: 11, pixelRepresentation: 0, numberOfFrames: 1 });
    expect(d.rescale).toEqual({ slope: 1, intercept: -1024, type: 'HU' });
    expect(d.windows).toEqual([
      { center: 40, width: 350, function: 'LINEAR', explanation: 'WINDOW1' },
      { center: 450, width: 1500, function: 'LINEAR', explanation: 'WINDOW2' },
    ]);
    expect(d.geometry).toEqual({
      imagePositionPatient: [-65.3564453125, -154.3564453125, 1687.5],
      pixelSpacing: [0.287109375, 0.287109375],
      sliceThickness: 1,
      imageOrientationPatient: expect.any(Array),
    });
    expect(d.perFrame).toEqual([]);
    expect(d.notes).toEqual([]);
  });

  it('dcmjs-cine-test.dcm (enhanced MR): each frame has its own window and position', async () => {
    const image = loadCorpusImage('dcmjs-cine-test.dcm');
    const d = image.description;
    expect(d.perFrame).toHaveLength(8);
    expect(frameAttributes(d, 0)).toEqual({
      rescale: { slope: 1, intercept: 0, type: 'US' },
      windows: [{ center: 63, width: 75, function: 'LINEAR' }],
      geometry: {
        imagePositionPatient: [-14.7551, -133.9286, 116.7857],
        imageOrientationPatient: [0, 1, 0, 0, 0, -1],
        pixelSpacing: [1, 1],
      },
    });
    expect(frameAttributes(d, 7).windows).toEqual([{ center: 65, width: 77, function: 'LINEAR' }]);
    expect(frameAttributes(d, 7).geometry.imagePositionPatient).toEqual([-5.65513, -133.9286, 116.7857]);
    const frame = await decodeEncodedFrame(image.frames, 7, d);
    expect(renderFrame(frame, d, undefined, 7).window).toMatchObject({ center: 65, width: 77, source: 'file' });
  });

  it('nested_priv_SQ.dcm has Pixel Data but no image module: a named error', () => {
    expect(() => describeImagePixels(loadCorpusReader('nested_priv_SQ.dcm'))).toThrow(
      expect.objectContaining({
        name: 'PixelDecodeError',
        message: 'This file has no usable image description (Rows, Columns, Bits Allocated missing), so its pixels cannot be shown. It may not be an image, or it may be damaged.',
      }),
    );
  });

  it('liver_deflate.dcm (segmentation): 1-bit frames, shared pixel measures, per-frame positions', () => {
    const d = loadCorpusImage('liver_deflate.dcm').description;
    expect(d).toMatchObject({ bitsAllocated: 1, bitsStored: 1, numberOfFrames: 3, lossyImageCompression: false });
    expect(frameAttributes(d, 0).geometry).toEqual({
      imagePositionPatient: [-235.2, -226.8, -128.69],
      imageOrientationPatient: [1, 0, 0, 0, 1, 0],
      pixelSpacing: [0.810547, 0.810547],
      sliceThickness: 1,
    });
  });
});

describe('description defaults and checks', () => {
  it('a data set without Rows, Columns or Bits Allocated is a named error', () => {
    expect(() => describeImagePixels(fakeReader({ PhotometricInterpretation: 'MONOCHROME2' }))).toThrow(
      expect.objectContaining({
        name: 'PixelDecodeError',
        message: 'This file has no usable image description (Rows, Columns, Bits Allocated missing), so its pixels cannot be shown. It may not be an image, or it may be damaged.',
      }),
    );
  });

  it('fills what is missing, and says so', () => {
    const d = describeImagePixels(fakeReader({ Rows: 2, Columns: 3, BitsAllocated: 8 }));
    expect(d).toMatchObject({ samplesPerPixel: 1, bitsStored: 8, highBit: 7, pixelRepresentation: 0, photometricInterpretation: 'MONOCHROME2', planarConfiguration: 0, numberOfFrames: 1 });
    expect(d.notes).toEqual([
      'Samples per Pixel missing: 1 assumed',
      'Bits Stored missing: 8 assumed',
      'High Bit missing: 7 assumed',
      'Photometric Interpretation missing: MONOCHROME2 assumed',
    ]);
  });

  it('reads VOI LUT functions and skips windows the function cannot use', () => {
    const sigmoid = describeImagePixels(fakeReader({ ...GREY_8x1, WindowCenter: 100, WindowWidth: 50, VOILUTFunction: 'SIGMOID' }));
    expect(sigmoid.windows).toEqual([{ center: 100, width: 50, function: 'SIGMOID' }]);
    const bad = describeImagePixels(fakeReader({ ...GREY_8x1, WindowCenter: '100\\50', WindowWidth: '0.5\\20' }));
    expect(bad.windows).toEqual([{ center: 50, width: 20, function: 'LINEAR' }]);
    expect(bad.notes).toEqual(['window 1 (centre 100, width 0.5) is not valid for LINEAR and was skipped']);
  });

  it('shared functional groups apply to every frame unless a frame says otherwise', () => {
    const d = describeImagePixels(
      fakeReader({
        ...GREY_8x1,
        NumberOfFrames: 2,
        SharedFunctionalGroupsSequence: [{ PixelValueTransformationSequence: [{ RescaleSlope: 2, RescaleIntercept: -10 }], FrameVOILUTSequence: [{ WindowCenter: 5, WindowWidth: 10 }] }],
        PerFrameFunctionalGroupsSequence: [{}, { PixelValueTransformationSequence: [{ RescaleSlope: 3, RescaleIntercept: 0 }] }],
      }),
    );
    expect(d.rescale).toEqual({ slope: 2, intercept: -10 });
    expect(frameAttributes(d, 0).rescale).toEqual({ slope: 2, intercept: -10 });
    expect(frameAttributes(d, 1).rescale).toEqual({ slope: 3, intercept: 0 });
    expect(frameAttributes(d, 1).windows).toEqual([{ center: 5, width: 10, function: 'LINEAR' }]);
  });
});
