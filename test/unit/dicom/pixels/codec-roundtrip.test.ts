/**
 * Syntaxes the corpus has no file for (HTJ2K, JPEG-LS near-lossless, lossy JPEG 2000, JPEG XL,
 * colour RLE): MR_small's frame and a synthetic colour frame are encoded with the same
 * dcmjs-codecs build and must decode back exactly (lossless) or within the encoder's bound.
 */
import { describe, expect, it } from 'vitest';
import type { ImagePixelDescription } from '../../../../src/lib/dicom/attributes';
import { decodeEncodedFrame, decodeFrame, type DecodedFrame } from '../../../../src/lib/dicom/pixels';
import { corpusAvailable, loadCorpusImage, SKIP_MESSAGE } from './load-corpus';
import { firstDifference } from './summary';

if (!corpusAvailable) console.warn(SKIP_MESSAGE);

interface EncodeContext {
  getEncodedBuffer(): Uint8Array | undefined;
}
type Encode = (context: EncodeContext, parameters?: Record<string, unknown>) => EncodeContext;
interface Encoders {
  Context: new (init: Record<string, unknown>) => EncodeContext;
  NativeCodecs: { encodeJpeg: Encode; encodeHtJpeg2000: Encode; encodeJpegLs: Encode; encodeJpeg2000: Encode; encodeJpegXl: Encode; encodeRle: Encode };
}

async function encoders(): Promise<Encoders> {
  const namespace = (await import('dcmjs-codecs')) as unknown as { default: Encoders };
  return namespace.default; // initialised by the first decode of a compressed frame
}

function encode(library: Encoders, method: keyof Encoders['NativeCodecs'], d: ImagePixelDescription, raw: Uint8Array, parameters: Record<string, unknown> = {}): Uint8Array {
  const context = new library.Context({
    width: d.columns,
    height: d.rows,
    bitsAllocated: d.bitsAllocated,
    bitsStored: d.bitsStored,
    samplesPerPixel: d.samplesPerPixel,
    pixelRepresentation: d.pixelRepresentation,
    planarConfiguration: d.planarConfiguration,
    photometricInterpretation: d.photometricInterpretation,
    decodedBuffer: raw,
  });
  return library.NativeCodecs[method](context, parameters).getEncodedBuffer()!;
}

function maxDifference(a: DecodedFrame['data'], b: DecodedFrame['data']): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

describe.skipIf(!corpusAvailable)('encode with dcmjs-codecs, decode with the pipeline', () => {
  async function mrSmall() {
    const image = loadCorpusImage('MR_small_RLE.dcm'); // a compressed frame first, so the codecs load
    const frame = await decodeEncodedFrame(image.frames, 0, image.description);
    const raw = new Uint8Array(frame.data.buffer.slice(0));
    return { library: await encoders(), d: image.description, frame, raw };
  }

  it.each([
    ['1.2.840.10008.1.2.4.201', 'encodeHtJpeg2000', {}],
    ['1.2.840.10008.1.2.4.202', 'encodeHtJpeg2000', {}],
    ['1.2.840.10008.1.2.4.110', 'encodeJpegXl', {}],
  ] as const)('%s (lossless) gives back MR_small exactly', async (uid, method, parameters) => {
    const { library, d, frame, raw } = await mrSmall();
    const decoded = await decodeFrame(encode(library, method, d, raw, parameters), uid, d);
    expect(decoded.data).toBeInstanceOf(Int16Array);
    expect(firstDifference(decoded.data, frame.data)).toBe('identical');
  });

  it('JPEG-LS near-lossless (NEAR = 3) stays within 3 of every value and says it is lossy', async () => {
    const { library, d, frame, raw } = await mrSmall();
    const decoded = await decodeFrame(encode(library, 'encodeJpegLs', d, raw, { lossy: true, allowedLossyError: 3 }), '1.2.840.10008.1.2.4.81', d);
    expect(decoded.lossy).toBe(true);
    expect(maxDifference(decoded.data, frame.data)).toBeLessThanOrEqual(3);
    expect(maxDifference(decoded.data, frame.data)).toBeGreaterThan(0);
  });

  it('lossy JPEG 2000 and HTJ2K decode to values near the original', async () => {
    const { library, d, frame, raw } = await mrSmall();
    for (const [uid, method] of [['1.2.840.10008.1.2.4.91', 'encodeJpeg2000'], ['1.2.840.10008.1.2.4.203', 'encodeHtJpeg2000']] as const) {
      const decoded = await decodeFrame(encode(library, method, d, raw, { lossy: true, rate: 10 }), uid, d);
      expect(decoded.lossy).toBe(true);
      const mean = Array.from(decoded.data).reduce((s, v) => s + v, 0) / decoded.data.length;
      expect(mean, uid).toBeCloseTo(2125338 / 4096, -1); // MR_small's mean, 518.9, within ±5
    }
  });

  it('colour RLE (RGB, colour by pixel) and colour HTJ2K decode to the same interleaved samples', async () => {
    const { library } = await mrSmall();
    const d: ImagePixelDescription = { rows: 2, columns: 3, samplesPerPixel: 3, bitsAllocated: 8, bitsStored: 8, highBit: 7, pixelRepresentation: 0, photometricInterpretation: 'RGB', planarConfiguration: 0, numberOfFrames: 1 };
    const raw = Uint8Array.from({ length: 18 }, (_, i) => (i * 37) % 256);
    for (const [uid, method] of [['1.2.840.10008.1.2.5', 'encodeRle'], ['1.2.840.10008.1.2.4.201', 'encodeHtJpeg2000']] as const) {
      const decoded = await decodeFrame(encode(library, method, d, raw), uid, d);
      expect(Array.from(decoded.data), uid).toEqual(Array.from(raw));
    }
  });

  it('an 8-bit JPEG in 16-bit words (Bits Stored 8) decodes to whole rows, widened', async () => {
    const { library } = await mrSmall();
    const d8: ImagePixelDescription = { rows: 16, columns: 16, samplesPerPixel: 1, bitsAllocated: 8, bitsStored: 8, highBit: 7, pixelRepresentation: 0, photometricInterpretation: 'MONOCHROME2', planarConfiguration: 0, numberOfFrames: 1 };
    const raw = Uint8Array.from({ length: 256 }, (_, i) => (i % 16) * 16); // a horizontal ramp
    const jpeg = encode(library, 'encodeJpeg', d8, raw, { lossy: true, quality: 100 });
    const decoded = await decodeFrame(jpeg, '1.2.840.10008.1.2.4.50', { ...d8, bitsAllocated: 16 });
    expect(decoded.data).toBeInstanceOf(Uint16Array);
    expect(decoded.steps).toContain('the codestream holds 8-bit samples: widened to 16-bit words');
    expect(maxDifference(decoded.data, Uint16Array.from(raw))).toBeLessThanOrEqual(4);
  });
});
