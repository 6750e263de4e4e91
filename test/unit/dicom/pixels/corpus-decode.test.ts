/**
 * Every image-bearing corpus file decodes, frame by frame, to exactly the stored values pydicom
 * (with GDCM for JPEG lossless, JPEG-LS and 12-bit JPEG, Pillow for 8-bit JPEG) gives: same
 * typed array kind, size, minimum, maximum, exact sum, first values and spots.
 * liver_deflate.dcm's reference comes from zlib + numpy (pydicom 2.3 lacks that syntax).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { decodeEncodedFrame, decodeFrame } from '../../../../src/lib/dicom/pixels';
import { CORPUS_EXPECTED } from './corpus-expected';
import { corpusAvailable, corpusPath, loadCorpusImage, SKIP_MESSAGE } from './load-corpus';
import { summaryOf } from './summary';

if (!corpusAvailable) console.warn(SKIP_MESSAGE);

const decodable = Object.entries(CORPUS_EXPECTED).filter(([, e]) => e.perFrame);

describe.skipIf(!corpusAvailable)('corpus frames decode to pydicom stored values', () => {
  it.each(decodable)('%s', async (name, expected) => {
    const image = loadCorpusImage(name);
    expect(image.frames.transferSyntaxUid).toBe(expected.transferSyntax);
    expect(image.frames.frameCount).toBe(expected.frames);
    const [rows, columns, samples = 1] = expected.shape!;
    for (let i = 0; i < expected.frames; i++) {
      const frame = await decodeEncodedFrame(image.frames, i, image.description);
      expect([frame.rows, frame.columns, frame.samplesPerPixel]).toEqual([rows, columns, samples]);
      expect(frame.data.constructor.name).toBe(expected.type);
      expect(frame.data.length).toBe(rows! * columns! * samples);
      const reference = expected.perFrame![i]!;
      expect(summaryOf(frame.data, reference.spots), `frame ${i + 1}`).toEqual(reference);
    }
  });

  it('the truncated file (MR_truncated.dcm): the parser says so, and so would the decoder', async () => {
    expect(CORPUS_EXPECTED['MR_truncated.dcm']?.error).toMatch(/8130 bytes/);
    const image = loadCorpusImage('MR_truncated.dcm');
    await expect(decodeEncodedFrame(image.frames, 0, image.description)).rejects.toMatchObject({ name: 'DicomParseError', message: expect.stringMatching(/truncated/) });
    // The 8130 bytes the file does hold (its last ones), handed to the decoder directly:
    const held = new Uint8Array(readFileSync(corpusPath('MR_truncated.dcm'))).subarray(-8130);
    await expect(decodeFrame(held, '1.2.840.10008.1.2.1', image.description, false, 0)).rejects.toMatchObject({
      name: 'PixelDecodeError',
      message: 'The pixel data of frame 1 has 8130 bytes where its size needs 8192; the file is truncated or its image attributes are wrong.',
    });
  });

  it('records what was done to each kind of frame', async () => {
    const steps = async (name: string, index = 0): Promise<string[]> => {
      const image = loadCorpusImage(name);
      return (await decodeEncodedFrame(image.frames, index, image.description)).steps;
    };
    expect(await steps('MR_small.dcm')).toEqual([]);
    expect(await steps('MR_small_bigendian.dcm')).toEqual(['byte-swapped big endian 16-bit words']);
    expect(await steps('liver_deflate.dcm', 2)).toEqual(['inflated the deflated frame (fflate)', 'unpacked 1-bit pixels to one byte each']);
    expect(await steps('JPEG-lossy.dcm')).toEqual(['decoded JPEG with dcmjs-codecs (WebAssembly)', 'kept bits 11..0 of 16 (12 stored)']);
    expect(await steps('US1_J2KR.dcm')).toEqual([
      'decoded JPEG 2000 with dcmjs-codecs (WebAssembly)',
      'YBR_RCT component transform inverted by the JPEG 2000 decoder: samples are RGB',
    ]);
    expect(await steps('examples_ybr_color.dcm', 29)).toEqual([
      'decoded JPEG with dcmjs-codecs (WebAssembly)',
      'chroma upsampled by the JPEG decoder: YBR_FULL_422 is now YBR_FULL',
    ]);
  });

  it('marks lossy transfer syntaxes', async () => {
    for (const [name, lossy] of [['JPEG-lossy.dcm', true], ['SC_rgb_jpeg_dcmtk.dcm', true], ['JPEG-LL.dcm', false], ['US1_J2KR.dcm', false]] as const) {
      const image = loadCorpusImage(name);
      expect((await decodeEncodedFrame(image.frames, 0, image.description)).lossy, name).toBe(lossy);
    }
  });
});
