/**
 * Colour frames to display RGB: YBR_FULL and YBR_FULL_422 JPEGs against pydicom's
 * convert_color_space, the palette of OBXXXX1A against pydicom's apply_color_lut, and the
 * JPEG 2000 YBR_RCT file, which the codec hands back as RGB.
 */
import { describe, expect, it } from 'vitest';
import { decodeEncodedFrame, renderFrame, toDisplayRgb } from '../../../../src/lib/dicom/pixels';
import { CORPUS_EXPECTED } from './corpus-expected';
import { corpusAvailable, loadCorpusImage, SKIP_MESSAGE } from './load-corpus';
import { firstDifference, summaryOf } from './summary';

if (!corpusAvailable) console.warn(SKIP_MESSAGE);

async function firstFrame(name: string) {
  const image = loadCorpusImage(name);
  return { image, frame: await decodeEncodedFrame(image.frames, 0, image.description) };
}

function rgbOf(rgba: Uint8ClampedArray): Uint8Array {
  const rgb = new Uint8Array((rgba.length / 4) * 3);
  for (let p = 0; p < rgba.length / 4; p++) rgb.set(rgba.subarray(p * 4, p * 4 + 3), p * 3);
  return rgb;
}

describe.skipIf(!corpusAvailable)('colour to display RGB', () => {
  it.each(['SC_rgb_jpeg_dcmtk.dcm', 'examples_ybr_color.dcm'])('%s: YBR to RGB equals pydicom convert_color_space', async (name) => {
    const { image, frame } = await firstFrame(name);
    expect(frame.photometricInterpretation).toBe('YBR_FULL');
    const expected = CORPUS_EXPECTED[name]!.rgbFrame0!;
    expect(summaryOf(toDisplayRgb(frame, image.description), expected.spots)).toEqual(expected);
    const rendered = renderFrame(frame, image.description);
    expect(rendered.window).toBeUndefined();
    expect(summaryOf(rgbOf(rendered.rgba), expected.spots)).toEqual(expected);
  });

  it('SC_rgb_jpeg_dcmtk.dcm: the first pixel is the red of its top band', async () => {
    const { image, frame } = await firstFrame('SC_rgb_jpeg_dcmtk.dcm');
    expect(Array.from(renderFrame(frame, image.description).rgba.subarray(0, 4))).toEqual([254, 0, 0, 255]);
  });

  it('OBXXXX1A.dcm (PALETTE COLOR, 16-bit entries) renders through its LUT as pydicom does', async () => {
    const { image, frame } = await firstFrame('OBXXXX1A.dcm');
    const palette = image.description.palette!;
    expect(palette.segmented).toBe(false);
    expect([palette.red.entries.length, palette.red.firstMapped, palette.red.bits]).toEqual([256, 0, 16]);
    expect(Array.from(palette.red.entries.subarray(0, 3))).toEqual([0, 256, 256]);
    const expected = CORPUS_EXPECTED['OBXXXX1A.dcm']!.paletteFrame0!;
    expect(summaryOf(rgbOf(renderFrame(frame, image.description).rgba), expected.spots)).toEqual(expected);
  });

  it('US1_J2KR.dcm (YBR_RCT in JPEG 2000) is shown as the RGB the codec returns', async () => {
    const { image, frame } = await firstFrame('US1_J2KR.dcm');
    expect(frame.photometricInterpretation).toBe('RGB');
    expect(firstDifference(rgbOf(renderFrame(frame, image.description).rgba), frame.data)).toBe('identical');
  });
});
