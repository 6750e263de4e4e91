import { describe, expect, it } from 'vitest';
import type { DecodedFrame } from '../../../../src/lib/dicom/pixels';
import {
  blackFill, maskFrame, planMasks, preprocessForOcr, spreadFrames, type GreyImage, type OcrWord, type TextRecognizer,
} from '../../../../src/lib/deid/pixels';
import { syntheticEcho } from './helpers';

/** A recognizer that "reads" fixed words, and records which frames it was asked about. */
function stubRecognizer(words: OcrWord[]): TextRecognizer & { seen: GreyImage[] } {
  const seen: GreyImage[] = [];
  return {
    seen,
    recognize: (image) => {
      seen.push(image);
      return Promise.resolve(words);
    },
  };
}

const blank = (width: number, height: number): GreyImage => ({ width, height, data: new Uint8Array(width * height) });

describe('planMasks', () => {
  const echo = syntheticEcho();
  const identity = { rows: 144, columns: 192, modality: 'US', model: 'SYNTH-ECHO 3000' };
  const words: OcrWord[] = [
    { text: 'NAME', confidence: 90, x: 4, y: 3, width: 40, height: 14 }, // outside the region
    { text: 'TEXT', confidence: 80, x: 60, y: 100, width: 20, height: 10 }, // inside it
  ];

  it('outside-keep-area: masks around the ultrasound region, flags text inside it without masking it', async () => {
    const recognizer = stubRecognizer(words);
    const plan = await planMasks({ reader: echo.reader, identity }, [blank(192, 144)], { strategy: 'outside-keep-area', ocr: true, useDefaultRules: false }, recognizer);
    expect(plan.keepArea).toEqual({ source: 'ultrasound-regions', boxes: [{ x: 41, y: 55, width: 110, height: 85 }] });
    expect(plan.rectangles.map((r) => r.reason)).toEqual(['outside-keep-area', 'outside-keep-area', 'outside-keep-area', 'outside-keep-area']);
    expect(plan.flaggedFrames).toEqual([{ frame: 0, reason: 'OCR read text inside the imaging area' }]);
  });

  it('both: also masks the text inside the region (padded by 2 px); text outside is already covered', async () => {
    const plan = await planMasks({ reader: echo.reader, identity }, [blank(192, 144)], { strategy: 'both', ocr: true }, stubRecognizer(words));
    const text = plan.rectangles.filter((r) => r.reason === 'ocr-text');
    expect(text).toEqual([{ x: 58, y: 98, width: 24, height: 14, reason: 'ocr-text', detail: 'frame 1, confidence 80' }]);
    expect(plan.rectangles.filter((r) => r.reason === 'region-rule')).toEqual([
      { x: 0, y: 0, width: 192, height: 53, reason: 'region-rule', detail: 'Enclave synthetic echo SYNTH-ECHO 3000 192×144: text banner' },
    ]);
  });

  it('text-boxes with hand-drawn rectangles: clipped to the image, on every frame', async () => {
    const plan = await planMasks({ identity }, [blank(192, 144)], {
      strategy: 'text-boxes', ocr: false, useDefaultRules: false, handDrawn: [{ x: 180, y: -5, width: 50, height: 20 }],
    });
    expect(plan.rectangles).toEqual([{ x: 180, y: 0, width: 12, height: 15, reason: 'hand-drawn' }]);
  });

  it('OCRs frames spread over the loop', async () => {
    expect(spreadFrames(16, 3)).toEqual([0, 5, 10]);
    expect(spreadFrames(2, 5)).toEqual([0, 1]);
    const recognizer = stubRecognizer([]);
    const frames = Array.from({ length: 4 }, () => blank(192, 144));
    await planMasks({ identity }, frames, { strategy: 'text-boxes', ocr: true, ocrFrames: 2 }, recognizer);
    expect(recognizer.seen).toEqual([frames[0], frames[2]]);
  });
});

describe('masking stored values', () => {
  const frame = (pi: string, samples: number, data: DecodedFrame['data'], signed = false, bitsStored = 8): DecodedFrame => ({
    rows: 2, columns: 3, samplesPerPixel: samples, photometricInterpretation: pi, bitsStored, signed, data, transferSyntaxUid: '1.2.840.10008.1.2.1', lossy: false, steps: [],
  });

  it('fills with what displays as black', () => {
    expect(blackFill(frame('MONOCHROME2', 1, new Uint8Array(6)))).toEqual([0]);
    expect(blackFill(frame('MONOCHROME2', 1, new Int16Array(6), true, 12))).toEqual([-2048]);
    expect(blackFill(frame('MONOCHROME1', 1, new Uint16Array(6), false, 12))).toEqual([4095]);
    expect(blackFill(frame('YBR_FULL', 3, new Uint8Array(18)))).toEqual([0, 128, 128]);
    expect(blackFill(frame('RGB', 3, new Uint8Array(18)))).toEqual([0, 0, 0]);
  });

  it('writes the fill inside the rectangles only', () => {
    const grey = frame('MONOCHROME2', 1, Uint8Array.from([1, 2, 3, 4, 5, 6]));
    maskFrame(grey, [{ x: 1, y: 0, width: 2, height: 1 }], [0]);
    expect([...grey.data]).toEqual([1, 0, 0, 4, 5, 6]);
    const rgb = frame('YBR_FULL', 3, new Uint8Array(18).fill(9));
    maskFrame(rgb, [{ x: 2, y: 1, width: 5, height: 5 }], [0, 128, 128]);
    expect([...rgb.data.subarray(12)]).toEqual([9, 9, 9, 0, 128, 128]);
  });
});

describe('OCR preprocessing', () => {
  it('scales up, makes bright text dark on white', () => {
    const image: GreyImage = { width: 3, height: 1, data: Uint8Array.from([0, 255, 0]) };
    const out = preprocessForOcr(image, { scale: 2, smooth: 0, threshold: 128 });
    expect(out.width).toBe(6);
    expect(out.height).toBe(2);
    // Row 0 after the 3×3 anti-aliasing blur: page at the edges, text in the middle.
    expect([...out.data.subarray(0, 6)]).toEqual([255, 170, 85, 85, 170, 255]);
  });
});
