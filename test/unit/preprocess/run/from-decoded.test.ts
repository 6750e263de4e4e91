import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { decodeEncodedFrame, type DecodedFrame, type PixelImageDescription } from '../../../../src/lib/dicom/pixels';
import { ultrasoundRegions } from '../../../../src/lib/dicom/metadata/us-regions';
import { scanInputFromDecoded } from '../../../../src/lib/preprocess/run/from-decoded';
import { runRecipe } from '../../../../src/lib/preprocess/run/run-recipe';
import { CT_SLICE_128 } from '../../../../src/lib/preprocess/recipe';
import { corpusAvailable, loadCorpusImage, SKIP_MESSAGE } from '../../dicom/pixels/load-corpus';

if (!corpusAvailable) console.warn(SKIP_MESSAGE);

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function frame(data: DecodedFrame['data'], photometricInterpretation: string, samplesPerPixel = 1): DecodedFrame {
  return {
    rows: 1, columns: data.length / samplesPerPixel, samplesPerPixel, photometricInterpretation, bitsStored: 8, signed: false, data,
    transferSyntaxUid: '1.2.840.10008.1.2.1', lossy: false, steps: [],
  };
}

function description(overrides: Partial<PixelImageDescription> = {}): PixelImageDescription {
  return {
    rows: 1, columns: 2, samplesPerPixel: 1, bitsAllocated: 16, bitsStored: 12, highBit: 11, pixelRepresentation: 0,
    photometricInterpretation: 'MONOCHROME2', planarConfiguration: 0, numberOfFrames: 1, windows: [], geometry: {},
    perFrame: [], lossyImageCompression: false, notes: [], ...overrides,
  };
}

describe('scanInputFromDecoded', () => {
  it('grayscale: stored values, rescale, windows, spacing', () => {
    const scan = scanInputFromDecoded([frame(new Uint16Array([0, 4095]), 'MONOCHROME2')], description({
      rescale: { slope: 1, intercept: -1024, type: 'HU' },
      windows: [{ center: 40, width: 400, function: 'LINEAR', explanation: 'SOFT' }],
      geometry: { pixelSpacing: [0.5, 0.6] },
    }));
    expect(scan).toEqual({
      data: [new Float32Array([0, 4095])], shape: [1, 1, 2, 1], photometric: 'MONOCHROME2',
      rescale: { slope: 1, intercept: -1024 }, windows: [{ center: 40, width: 400, function: 'LINEAR' }], pixelSpacingMm: [0.5, 0.6],
    });
  });

  it('enhanced multi-frame: one rescale per frame when they differ', () => {
    const perFrame = [
      { rescale: { slope: 1, intercept: 0 }, windows: [], geometry: {} },
      { rescale: { slope: 2, intercept: 5 }, windows: [], geometry: {} },
    ];
    const frames = [frame(new Uint16Array([1, 2]), 'MONOCHROME1'), frame(new Uint16Array([3, 4]), 'MONOCHROME1')];
    const scan = scanInputFromDecoded(frames, description({ perFrame, numberOfFrames: 2 }));
    expect(scan.photometric).toBe('MONOCHROME1');
    expect(scan.rescale).toEqual([{ slope: 1, intercept: 0 }, { slope: 2, intercept: 5 }]);
  });

  it('colour: YBR_FULL to RGB; timing from the frame time vector; spacing from the US region', () => {
    const ybr = frame(new Uint8Array([100, 128, 128, 200, 128, 128]), 'YBR_FULL', 3);
    const scan = scanInputFromDecoded([ybr, ybr, ybr], description({ samplesPerPixel: 3, photometricInterpretation: 'YBR_FULL' }), {
      frameRateFps: 25,
      frameTimeVectorMs: [0, 33, 34],
      ultrasoundRegions: [{ spatialFormat: 1, x0: 0, y0: 0, x1: 1, y1: 0, unitsX: 3, unitsY: 3, deltaX: 0.02, deltaY: 0.03 }, { spatialFormat: 3 }],
    });
    expect(scan.shape).toEqual([3, 1, 2, 3]);
    expect(scan.photometric).toBe('RGB');
    expect(Array.from((scan.data as Float32Array[])[0]!)).toEqual([100, 100, 100, 200, 200, 200]);
    expect(scan.frameTimesMs).toEqual([0, 33, 67]);
    expect(scan.frameRateFps).toBeUndefined();
    expect(scan.pixelSpacingMm).toEqual([0.3, 0.2]);
    expect(scan.ultrasoundRegions).toEqual([{ x0: 0, y0: 0, x1: 1, y1: 0, spatialFormat: 1 }]);
    expect(scan.rescale).toBeUndefined();
  });

  it('refuses no frames and frames of different sizes', () => {
    expect(() => scanInputFromDecoded([], description())).toThrow('This instance has no decoded frames to preprocess.');
    expect(() => scanInputFromDecoded([frame(new Uint8Array(2), 'MONOCHROME2'), frame(new Uint8Array(3), 'MONOCHROME2')], description()))
      .toThrow('Frame 2 is 1×3, frame 1 is 1×2.');
  });
});

describe.skipIf(!corpusAvailable)('corpus scans through recipes', () => {
  it('CT_small.dcm: the modality LUT agrees with pydicom (mean HU −119.0738525390625)', async () => {
    const image = loadCorpusImage('CT_small.dcm');
    const decoded = await decodeEncodedFrame(image.frames, 0, image.description);
    const scan = scanInputFromDecoded([decoded], image.description);
    const hu = await runRecipe(scan, { version: 1, kind: 'image', steps: [{ op: 'modality-lut' }], output: { channels: 1 } });
    // pydicom 2.3 apply_modality_lut(ds.pixel_array, ds): mean −119.0738525390625, min −896, max 1167.
    expect(hu.steps[1]).toMatchObject({ op: 'modality-lut', shape: [1, 128, 128, 1], min: -896, max: 1167 });
    expect(hu.steps[1]!.mean).toBeCloseTo(-119.0738525390625, 3);
    const slice = await runRecipe(scan, CT_SLICE_128);
    expect(slice.shape).toEqual([1, 128, 128, 1]);
    expect(slice.pixelSpacingMm).toEqual([0.661468, 0.661468]);
  });

  it('OBXXXX1A.dcm (palette ultrasound): the sector crop uses the 2D region, clipped to the image', async () => {
    const image = loadCorpusImage('OBXXXX1A.dcm');
    const decoded = await decodeEncodedFrame(image.frames, 0, image.description);
    const scan = scanInputFromDecoded([decoded], image.description, { ultrasoundRegions: ultrasoundRegions(image.reader) });
    expect(scan.shape).toEqual([1, 600, 800, 3]);
    const result = await runRecipe(scan, {
      version: 1, kind: 'image', output: { channels: 1 },
      steps: [{ op: 'photometric', to: 'grayscale' }, { op: 'crop-sector' }, { op: 'resize', height: 32, width: 32 }],
    });
    // Region 1 is x 120–800, y 60–518 (pydicom agrees); column 800 is past the last (799).
    expect(result.steps[2]!.note).toBe('sector from the ultrasound regions: x 120–799, y 60–518');
    expect(result.steps[2]!.shape).toEqual([1, 459, 680, 1]);
    expect(result.shape).toEqual([1, 32, 32, 1]);
  });
});
