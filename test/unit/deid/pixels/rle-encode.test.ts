import { describe, expect, it } from 'vitest';
import { decodeFrame, type PixelImageDescription } from '../../../../src/lib/dicom/pixels';
import { cleanPixelData, encodeRleFrame, instanceIdentity, planMasks, rectanglesForFrame, RLE_LOSSLESS } from '../../../../src/lib/deid/pixels';
import { CORPUS_SKIP, corpusAvailable, decodedFrames, greyFrames, loadCorpus } from './helpers';

if (!corpusAvailable) console.warn(CORPUS_SKIP);

function description(samples: number, bits: number, signed: boolean, pi: string): PixelImageDescription {
  return {
    rows: 5, columns: 300, samplesPerPixel: samples, bitsAllocated: bits, bitsStored: bits, highBit: bits - 1, pixelRepresentation: signed ? 1 : 0,
    photometricInterpretation: pi, planarConfiguration: 0, numberOfFrames: 1, windows: [], geometry: {}, perFrame: [], lossyImageCompression: false, notes: [],
  };
}

describe('RLE Lossless encoder (decoded by the dcmjs-codecs RLE decoder)', () => {
  it('round-trips 16-bit signed grey with runs, literals and rows longer than 128', async () => {
    const data = new Int16Array(5 * 300);
    for (let i = 0; i < data.length; i++) data[i] = i % 7 === 0 ? -1000 + (i % 50) : i < 700 ? -32768 : (i * 7919) % 65536 - 32768;
    const encoded = encodeRleFrame(data, 5, 300, 1, 2);
    expect(new DataView(encoded.buffer).getUint32(0, true)).toBe(2);
    expect(encoded.length % 2).toBe(0);
    const decoded = await decodeFrame(encoded, RLE_LOSSLESS, description(1, 16, true, 'MONOCHROME2'));
    expect([...decoded.data]).toEqual([...data]);
  });

  it('round-trips 8-bit RGB (one segment per colour)', async () => {
    const data = new Uint8Array(5 * 300 * 3);
    for (let i = 0; i < data.length; i++) data[i] = i % 3 === 0 ? 200 : (i * 31) % 256;
    const encoded = encodeRleFrame(data, 5, 300, 3, 1);
    expect(new DataView(encoded.buffer).getUint32(0, true)).toBe(3);
    const decoded = await decodeFrame(encoded, RLE_LOSSLESS, description(3, 8, false, 'RGB'));
    expect([...decoded.data]).toEqual([...data]);
  });
});

describe.skipIf(!corpusAvailable)('RLE in, RLE out', () => {
  it('OBXXXX1A_rle_2frame re-encoded as RLE: outside the masks every stored value equals the input', async () => {
    const instance = loadCorpus('OBXXXX1A_rle_2frame.dcm');
    const plan = await planMasks({ reader: instance.reader, identity: instanceIdentity(instance.reader) }, await greyFrames(instance), { strategy: 'outside-keep-area', ocr: false });
    const cleaned = await cleanPixelData(instance.description, instance.frames, plan, { losslessOutput: 'rle' });
    expect(cleaned.transferSyntaxUid).toBe(RLE_LOSSLESS);
    expect(cleaned.encapsulated).toBe(true);
    const inputs = await decodedFrames(instance);
    for (let f = 0; f < 2; f++) {
      const out = await decodeFrame(cleaned.frames[f]!, RLE_LOSSLESS, instance.description);
      const rects = rectanglesForFrame(plan, f);
      let differing = 0;
      let unchanged = 0;
      for (let i = 0; i < 800 * 600; i++) {
        const x = i % 800;
        const y = Math.floor(i / 800);
        if (rects.some((r) => x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height)) continue;
        if (out.data[i] === inputs[f]!.data[i]) unchanged++;
        else differing++;
      }
      expect(differing).toBe(0);
      expect(unchanged).toBe(680 * 459);
    }
    // Smaller than native: the masked black compresses to almost nothing.
    expect(cleaned.frames[0]!.length).toBeLessThan(800 * 600 / 4);
  }, 60_000);
});
