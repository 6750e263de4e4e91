/**
 * The burned-in text test on the corpus: on OBXXXX1A and examples_ybr_color the banner
 * with the patient identifier, date and time is masked. Debian's tesseract, run on the output
 * (prepared the way the app prepares frames for OCR), finds none of the original identifiers,
 * and the imaging area is kept.
 */
import { describe, expect, it } from 'vitest';
import { cleanPixelData, greyView, instanceIdentity, planMasks, rectanglesForFrame, type GreyImage } from '../../../../src/lib/deid/pixels';
import {
  cleanedDescription, CORPUS_SKIP, corpusAvailable, decodeCleanedFrame, decodedFrames, greyFrames, identifiers, loadCorpus, normalise,
  tesseractCli, tesseractCliAvailable,
} from './helpers';

if (!corpusAvailable) console.warn(CORPUS_SKIP);
if (!tesseractCliAvailable) console.warn('Debian tesseract (/usr/bin/tesseract) not installed: OCR checks of the corpus output skipped');

/** Identifiers found in the OCR text: whole tokens for short ones, substrings for long ones. */
function foundIdentifiers(text: string, wanted: readonly string[]): string[] {
  const tokens = text.split(/\s+/).map(normalise).filter(Boolean);
  const joined = tokens.join(' ');
  return wanted.filter((id) => (id.length >= 5 ? joined.replace(/ /g, '').includes(id) : tokens.includes(id)));
}

async function cleanCorpusFile(name: string) {
  const instance = loadCorpus(name);
  const grey = await greyFrames(instance);
  const plan = await planMasks({ reader: instance.reader, identity: instanceIdentity(instance.reader) }, grey, { strategy: 'outside-keep-area', ocr: false });
  const cleaned = await cleanPixelData(instance.description, instance.frames, plan);
  const out = await decodeCleanedFrame(instance.description, cleaned, 0);
  const outGrey: GreyImage = greyView(out, cleanedDescription(instance.description, cleaned));
  return { instance, grey, plan, cleaned, out, outGrey };
}

describe.skipIf(!corpusAvailable)('burned-in text in corpus ultrasound', () => {
  it('OBXXXX1A: keeps the 2D region, masks the banner; tesseract reads the ID and date before, none after', async () => {
    const { instance, grey, plan, outGrey, out } = await cleanCorpusFile('OBXXXX1A.dcm');
    expect(plan.keepArea).toEqual({ source: 'ultrasound-regions', boxes: [{ x: 120, y: 60, width: 680, height: 459 }] });
    const wanted = identifiers(instance.reader);
    expect(wanted).toEqual(['OB', '110525142825', '20110525', '5252011']);
    // Palette colour stays palette colour: stored values inside the region are untouched.
    const input = (await decodedFrames(instance, 1))[0]!;
    let same = 0;
    for (let y = 60; y < 519; y++) for (let x = 120; x < 800; x++) if (input.data[y * 800 + x] === out.data[y * 800 + x]) same++;
    expect(same / (680 * 459)).toBe(1);
    // Rows 0–59 (the banner) are all one value now.
    expect(new Set(out.data.subarray(0, 800 * 60)).size).toBe(1);
    if (!tesseractCliAvailable) return;
    const before = foundIdentifiers(tesseractCli(grey[0]!), wanted);
    expect(before).toEqual(expect.arrayContaining(['110525142825', '5252011']));
    expect(foundIdentifiers(tesseractCli(outGrey), wanted)).toEqual([]);
  }, 60_000);

  it('examples_ybr_color: regions outside the image are not trusted; the moving sector is kept, the rest masked; written as RGB', async () => {
    const { instance, plan, cleaned, out, outGrey } = await cleanCorpusFile('examples_ybr_color.dcm');
    expect(plan.notes[0]).toBe('ultrasound region 1 (84,31)–(595,414) lies outside the 320×240 image: not used');
    expect(plan.keepArea?.source).toBe('sector-estimate');
    const keep = plan.keepArea!.boxes[0]!;
    // The fan spans most of the frame's middle: at least 35% of the image is kept.
    expect(keep.width * keep.height).toBeGreaterThan(0.35 * 320 * 240);
    expect(cleaned.attributes).toEqual({ PhotometricInterpretation: 'RGB', SamplesPerPixel: 3, PlanarConfiguration: 0, LossyImageCompression: '01' });
    expect(cleaned.transferSyntaxUid).toBe('1.2.840.10008.1.2.1');
    expect(cleaned.frames.map((f) => f.length)).toEqual(new Array(30).fill(320 * 240 * 3));
    // The patient label at the top left ("PLA") is black in the output.
    for (let y = 0; y < 11; y++) for (let x = 0; x < 40; x++) expect(outGrey.data[y * 320 + x]).toBe(0);
    // Inside the kept sector the picture is the input's (converted to RGB, no mask applied).
    const inputGrey = (await greyFrames(instance, 1))[0]!;
    let same = 0;
    for (let y = keep.y; y < keep.y + keep.height; y++) {
      for (let x = keep.x; x < keep.x + keep.width; x++) if (Math.abs(inputGrey.data[y * 320 + x]! - outGrey.data[y * 320 + x]!) <= 1) same++;
    }
    expect(same / (keep.width * keep.height)).toBeGreaterThan(0.99);
    expect(rectanglesForFrame(plan, 29).length).toBe(plan.rectangles.length);
    expect(out.samplesPerPixel).toBe(3);
    if (!tesseractCliAvailable) return;
    expect(foundIdentifiers(tesseractCli(outGrey), identifiers(instance.reader))).toEqual([]);
  }, 60_000);

  it('OBXXXX1A_rle_2frame: masked and written uncompressed; outside the masks every stored value equals the input', async () => {
    const instance = loadCorpus('OBXXXX1A_rle_2frame.dcm');
    expect(instance.frames.transferSyntaxUid).toBe('1.2.840.10008.1.2.5');
    const grey = await greyFrames(instance);
    const plan = await planMasks({ reader: instance.reader, identity: instanceIdentity(instance.reader) }, grey, { strategy: 'both', ocr: false });
    const cleaned = await cleanPixelData(instance.description, instance.frames, plan);
    expect(cleaned.transferSyntaxUid).toBe('1.2.840.10008.1.2.1');
    expect(cleaned.attributes).toEqual({ PhotometricInterpretation: 'PALETTE COLOR', SamplesPerPixel: 1 });
    expect(cleaned.maskedFrames).toBe(2);
    const inputs = await decodedFrames(instance);
    for (let f = 0; f < 2; f++) {
      const out = await decodeCleanedFrame(instance.description, cleaned, f);
      const rects = rectanglesForFrame(plan, f);
      let masked = 0;
      let unchanged = 0;
      let differing = 0;
      for (let y = 0; y < 600; y++) {
        for (let x = 0; x < 800; x++) {
          const i = y * 800 + x;
          if (rects.some((r) => x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height)) masked++;
          else if (out.data[i] === inputs[f]!.data[i]) unchanged++;
          else differing++;
        }
      }
      expect(differing).toBe(0);
      expect(unchanged).toBe(680 * 459);
      expect(masked).toBe(800 * 600 - 680 * 459);
    }
  }, 60_000);
});
