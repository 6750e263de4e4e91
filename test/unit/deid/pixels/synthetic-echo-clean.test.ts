/**
 * Detection-only masking of a generated echo loop (no region rule, no ultrasound regions): the
 * static overlay and OCR find the banner, the masked loop has no banner pixel left, the sector
 * is untouched, and tesseract.js reads the fake ID before masking and nothing after.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EncodedFrames } from '../../../../src/lib/dicom/attributes';
import type { PixelImageDescription } from '../../../../src/lib/dicom/pixels';
import {
  cleanInstance, cleanPixelData, createTesseractRecognizer, greyView, instanceIdentity, planMasks, verifyMasked, type TesseractRecognizer,
} from '../../../../src/lib/deid/pixels';
import { ECHO_BANNER } from '../../../../src/lib/synthetic';
import { cleanedDescription, decodeCleanedFrame, decodedFrames, greyFrames, identifiers, normalise, syntheticEcho } from './helpers';
import { BIG_CINE, bigCine } from './synthetic-cine';

let recognizer: TesseractRecognizer;
beforeAll(async () => {
  recognizer = await createTesseractRecognizer();
}, 60_000);
afterAll(async () => {
  await recognizer?.terminate();
});

describe('synthetic echo loop, masked by detection alone', () => {
  it('masks the banner found by static overlay + OCR and leaves the sector unchanged', async () => {
    const echo = syntheticEcho();
    const [fakeId] = identifiers(echo.reader).filter((id) => id.startsWith('FAKE') && /\d/.test(id));
    expect(fakeId).toMatch(/^FAKE\d{4}$/);
    const grey = await greyFrames(echo);

    const started = performance.now();
    const before = await recognizer.recognize(grey[0]!);
    const ocrSeconds = (performance.now() - started) / 1000;
    console.info(`tesseract.js OCR, first frame after creating the worker: ${ocrSeconds.toFixed(2)} s for one ${grey[0]!.width}×${grey[0]!.height} frame`);
    expect(before.map((w) => normalise(w.text))).toContain(fakeId);

    const plan = await planMasks(
      { identity: instanceIdentity(echo.reader) }, // no reader: the ultrasound regions are not used
      grey,
      { strategy: 'text-boxes', ocr: true, useDefaultRules: false },
      recognizer,
    );
    expect(plan.keepArea).toBeUndefined();
    expect(new Set(plan.rectangles.map((r) => r.reason))).toEqual(new Set(['static-overlay', 'ocr-text']));
    const cleaned = await cleanPixelData(echo.description, echo.frames, plan);
    expect(cleaned.maskedFrames).toBe(16);

    const inputs = await decodedFrames(echo);
    for (let f = 0; f < 16; f += 5) {
      const out = await decodeCleanedFrame(echo.description, cleaned, f);
      let bannerLeft = 0;
      let sectorChanged = 0;
      let sectorPixels = 0;
      for (let i = 0; i < out.data.length; i++) {
        const y = Math.floor(i / out.columns);
        const value = inputs[f]!.data[i]!;
        if (y < 54 && out.data[i] === ECHO_BANNER.value) bannerLeft++;
        if (y >= 54 && value > 0) {
          sectorPixels++;
          if (out.data[i] !== value) sectorChanged++;
        }
      }
      expect(bannerLeft).toBe(0);
      expect(sectorPixels).toBeGreaterThan(5000);
      expect(sectorChanged).toBe(0);
    }

    const out0 = await decodeCleanedFrame(echo.description, cleaned, 0);
    const after = await recognizer.recognize(greyView(out0, cleanedDescription(echo.description, cleaned)));
    const afterText = after.map((w) => normalise(w.text));
    for (const id of identifiers(echo.reader)) expect(afterText.filter((t) => t.includes(id))).toEqual([]);
    expect(await verifyMasked([greyView(out0, cleanedDescription(echo.description, cleaned))], recognizer)).toEqual([]);
  }, 60_000);

  it('cleanInstance: regions + rule + detection, then the verification pass finds nothing legible', async () => {
    const echo = syntheticEcho();
    const result = await cleanInstance(echo, { strategy: 'both', ocr: true, ocrFrames: 2 }, recognizer);
    expect(result.plan.keepArea?.source).toBe('ultrasound-regions');
    expect(result.cleaned.frames).toHaveLength(16);
    expect(result.cleaned.attributes).toEqual({ PhotometricInterpretation: 'MONOCHROME2', SamplesPerPixel: 1 });
    expect(result.warnings).toEqual([]);
  }, 60_000);

  it('the verification pass warns about legible text, with boxes and no text', async () => {
    const grey = await greyFrames(syntheticEcho(), 1);
    const warnings = await verifyMasked(grey, recognizer);
    expect(warnings.length).toBeGreaterThanOrEqual(2);
    for (const w of warnings) {
      expect(w.frame).toBe(0);
      expect(w.y + w.height).toBeLessThanOrEqual(56);
      expect(Object.keys(w).sort()).toEqual(['confidence', 'frame', 'height', 'length', 'width', 'x', 'y']);
    }
  }, 60_000);
});

describe('speed on a 640×480 16-frame cine', () => {
  it('plans (static overlay + sector) and masks + writes native pixels', async () => {
    const frames = bigCine();
    const description: PixelImageDescription = {
      rows: BIG_CINE.height, columns: BIG_CINE.width, samplesPerPixel: 1, bitsAllocated: 8, bitsStored: 8, highBit: 7,
      pixelRepresentation: 0, photometricInterpretation: 'MONOCHROME2', planarConfiguration: 0, numberOfFrames: BIG_CINE.frames,
      windows: [], geometry: {}, perFrame: [], lossyImageCompression: false, notes: [],
    };
    const encoded: EncodedFrames = {
      transferSyntaxUid: '1.2.840.10008.1.2.1', bigEndian: false, frameCount: BIG_CINE.frames,
      frame: (index) => Promise.resolve(frames[index]!.data),
    };
    const t0 = performance.now();
    const plan = await planMasks({ identity: { rows: BIG_CINE.height, columns: BIG_CINE.width, modality: 'US' } }, frames, { strategy: 'both', ocr: false });
    const t1 = performance.now();
    const cleaned = await cleanPixelData(description, encoded, plan);
    const t2 = performance.now();
    const fps = (ms: number): string => (BIG_CINE.frames / (ms / 1000)).toFixed(0);
    console.info(`640×480×16: planning ${fps(t1 - t0)} frames/s, masking + writing ${fps(t2 - t1)} frames/s, together ${fps(t2 - t0)} frames/s`);
    expect(plan.keepArea?.source).toBe('sector-estimate');
    expect(cleaned.frames.map((f) => f.length)).toEqual(new Array(16).fill(640 * 480));
    // The banner rows above the fan are black in every frame; the source frames are untouched.
    expect(cleaned.frames.every((f) => f.subarray(0, 640 * 80).every((v) => v === 0))).toBe(true);
    expect(frames[0]!.data.subarray(0, 640 * 80).some((v) => v === 235)).toBe(true);
    expect(BIG_CINE.frames / ((t2 - t0) / 1000)).toBeGreaterThan(15);
  });
});
