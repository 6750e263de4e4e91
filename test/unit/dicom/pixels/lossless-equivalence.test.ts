/** Lossless encodings of the same image decode to identical stored values. */
import { describe, expect, it } from 'vitest';
import { decodeEncodedFrame, type DecodedFrame } from '../../../../src/lib/dicom/pixels';
import { corpusAvailable, loadCorpusImage, SKIP_MESSAGE } from './load-corpus';
import { firstDifference } from './summary';

if (!corpusAvailable) console.warn(SKIP_MESSAGE);

async function decode(name: string, index = 0): Promise<DecodedFrame> {
  const image = loadCorpusImage(name);
  return decodeEncodedFrame(image.frames, index, image.description);
}

describe.skipIf(!corpusAvailable)('lossless variants', () => {
  it.each([
    'MR_small_implicit.dcm',
    'MR_small_bigendian.dcm',
    'MR_small_RLE.dcm',
    'MR_small_jpeg_ls_lossless.dcm',
    'MR_small_jp2klossless.dcm',
  ])('%s holds exactly the stored values of MR_small.dcm (explicit VR little endian)', async (name) => {
    const reference = await decode('MR_small.dcm');
    const variant = await decode(name);
    expect(variant.data).toBeInstanceOf(Int16Array);
    expect(firstDifference(variant.data, reference.data)).toBe('identical');
  });

  it('OBXXXX1A_rle_2frame.dcm: frame 1 is OBXXXX1A.dcm exactly, frame 2 is its negative (255 - v)', async () => {
    const single = await decode('OBXXXX1A.dcm');
    const first = await decode('OBXXXX1A_rle_2frame.dcm', 0);
    const second = await decode('OBXXXX1A_rle_2frame.dcm', 1);
    expect(firstDifference(first.data, single.data)).toBe('identical');
    // What the file really holds (pydicom agrees): the second frame is not a copy but every
    // value inverted, so no pixel equals the single frame's (244 becomes 11).
    expect(firstDifference(second.data, single.data.map((v) => 255 - v))).toBe('identical');
    expect([single.data[0], second.data[0]]).toEqual([244, 11]);
  });
});
