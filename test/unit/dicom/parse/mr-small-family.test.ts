import { describe, expect, it } from 'vitest';
import { bytesSource, datasetReader, encodedFrames, parseDicomBytes, tagHex } from '../../../../src/lib/dicom/parse';
import { corpusBytes, HAS_CORPUS } from './corpus';

/** One MR slice in six transfer syntaxes: the attributes must read the same in all of them. */
const FAMILY = {
  'MR_small.dcm': '1.2.840.10008.1.2.1',
  'MR_small_implicit.dcm': '1.2.840.10008.1.2',
  'MR_small_bigendian.dcm': '1.2.840.10008.1.2.2',
  'MR_small_RLE.dcm': '1.2.840.10008.1.2.5',
  'MR_small_jpeg_ls_lossless.dcm': '1.2.840.10008.1.2.4.80',
  'MR_small_jp2klossless.dcm': '1.2.840.10008.1.2.4.90',
} as const;
const NAMES = Object.keys(FAMILY) as (keyof typeof FAMILY)[];

function load(name: string) {
  const bytes = corpusBytes(name);
  const parsed = parseDicomBytes(bytes);
  return { bytes, parsed, reader: datasetReader(parsed) };
}

describe.skipIf(!HAS_CORPUS)('MR_small in six transfer syntaxes', () => {
  it('each file declares its transfer syntax', () => {
    expect(NAMES.map((n) => load(n).parsed.transferSyntax.uid)).toEqual(Object.values(FAMILY));
  });

  it('every attribute but pixel data reads the same (71 of them)', () => {
    const snapshot = (name: string): Record<string, string[]> => {
      const { reader } = load(name);
      const out: Record<string, string[]> = {};
      for (const e of reader.elements) {
        if (e.tag === 0x7fe00010 || e.tag === 0xfffcfffc) continue; // pixel data; dataset trailing padding
        out[tagHex(e.tag)] = reader.stringsOf(e);
      }
      return out;
    };
    const reference = snapshot('MR_small.dcm');
    expect(Object.keys(reference).length).toBe(71);
    for (const name of NAMES.slice(1)) expect(snapshot(name), name).toEqual(reference);
    const r = load('MR_small_bigendian.dcm').reader;
    expect([r.string('PatientName'), r.number('Rows'), r.number('Columns'), r.numbers('PixelSpacing'), r.number('WindowCenter')])
      .toEqual(['CompressedSamples^MR1', 64, 64, [0.3125, 0.3125], 600]);
    expect(r.numbers('ImagePositionPatient')).toEqual([-83.9063, -91.2, 6.6406]);
  });

  it('native frames are the same pixels once big endian is swapped', async () => {
    const frame = async (name: string) => {
      const { bytes, parsed } = load(name);
      const frames = encodedFrames(parsed, bytesSource(bytes));
      expect(frames.frameCount).toBe(1);
      return { pixels: await frames.frame(0), bigEndian: frames.bigEndian };
    };
    const le = await frame('MR_small.dcm');
    const implicit = await frame('MR_small_implicit.dcm');
    const be = await frame('MR_small_bigendian.dcm');
    expect([le.bigEndian, implicit.bigEndian, be.bigEndian]).toEqual([false, false, true]);
    expect(le.pixels.length).toBe(64 * 64 * 2);
    expect(implicit.pixels).toEqual(le.pixels);
    const swapped = new Uint8Array(be.pixels.length);
    for (let i = 0; i < swapped.length; i += 2) {
      swapped[i] = be.pixels[i + 1]!;
      swapped[i + 1] = be.pixels[i]!;
    }
    expect(swapped).toEqual(le.pixels);
    expect(be.pixels).not.toEqual(le.pixels);
  });

  it('encapsulated ones give one frame that starts with its codec\'s marker', async () => {
    const head = async (name: string): Promise<string> => {
      const { bytes, parsed } = load(name);
      const frames = encodedFrames(parsed, bytesSource(bytes));
      expect(frames.frameCount).toBe(1);
      return Buffer.from((await frames.frame(0)).subarray(0, 8)).toString('hex');
    };
    expect(await head('MR_small_RLE.dcm')).toBe('0200000040000000'); // 2 segments (16-bit), first at 64
    expect((await head('MR_small_jpeg_ls_lossless.dcm')).slice(0, 8)).toBe('ffd8fff7'); // SOI, SOF55 (JPEG-LS)
    expect((await head('MR_small_jp2klossless.dcm')).slice(0, 8)).toBe('ff4fff51'); // SOC, SIZ
  });
});
