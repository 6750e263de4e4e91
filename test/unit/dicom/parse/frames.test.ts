import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  blobSource, bytesSource, datasetReader, encodedFrames, parseDicom, parseDicomBytes,
} from '../../../../src/lib/dicom/parse';
import { planSampleSet, renderEchoStudy, writeEchoStudy } from '../../../../src/lib/synthetic';
import { blobOf, concat, el, encapsulated, imageHeader, part10, text, u32, us } from './build';
import { CORPUS_DIR, corpusBytes, HAS_CORPUS } from './corpus';
import { countingSource } from './counting-source';

const md5 = (b: Uint8Array): string => createHash('md5').update(b).digest('hex');

async function allFrames(bytes: Uint8Array, mode: 'header' | 'full' = 'full'): Promise<Uint8Array[]> {
  const parsed = mode === 'full' ? parseDicomBytes(bytes) : await parseDicom(blobOf(bytes), { mode });
  const frames = encodedFrames(parsed, mode === 'full' ? bytesSource(bytes) : blobSource(blobOf(bytes)));
  return Promise.all(Array.from({ length: frames.frameCount }, (_, i) => frames.frame(i)));
}

describe('native frames', () => {
  it('the synthetic echo splits into its 16 frames, pixel for pixel', async () => {
    const study = planSampleSet({ patients: 1, echoStudies: 1, ct: false, mr: false }).cohort.studies[0]!;
    const cine = renderEchoStudy(study);
    const frames = await allFrames(writeEchoStudy(study));
    expect(frames.length).toBe(16);
    const size = cine.width * cine.height;
    frames.forEach((f, k) => expect(f).toEqual(cine.pixels.subarray(k * size, (k + 1) * size)));
  });

  it('bit-packed frames (BitsAllocated 1) that start mid-byte are re-packed from bit 0', async () => {
    // 3×3 pixels = 9 bits per frame, 3 frames = 27 bits: frame 1 starts at bit 9, frame 2 at bit 18.
    const bits = [1, 0, 1, 1, 0, 0, 1, 1, 1, /* */ 0, 1, 0, 0, 1, 1, 0, 0, 1, /* */ 1, 1, 1, 0, 0, 0, 1, 0, 1];
    const packed = new Uint8Array(4);
    bits.forEach((b, i) => { packed[i >> 3]! |= b << (i & 7); });
    const file = part10(concat(imageHeader(3, 3, 3, 1), el(0x7fe00010, 'OB', packed)));
    const frames = await allFrames(file);
    const unpack = (f: Uint8Array): number[] => Array.from({ length: 9 }, (_, i) => (f[i >> 3]! >> (i & 7)) & 1);
    expect(frames.map((f) => f.length)).toEqual([2, 2, 2]);
    expect(frames.map(unpack)).toEqual([bits.slice(0, 9), bits.slice(9, 18), bits.slice(18, 27)]);
  });

  it('a frame past the end of the pixel data is a DicomParseError that says so', async () => {
    const file = part10(concat(imageHeader(2, 2, 3), el(0x7fe00010, 'OB', new Uint8Array(8))));
    const frames = encodedFrames(parseDicomBytes(file), bytesSource(file));
    expect(await frames.frame(1)).toEqual(new Uint8Array(4));
    await expect(frames.frame(2)).rejects.toMatchObject({
      name: 'DicomParseError', message: 'Frame 3 of 3 is missing: the pixel data hold 8 bytes, fewer than the attributes call for.',
    });
    await expect(frames.frame(3)).rejects.toMatchObject({ name: 'DicomParseError', message: 'There is no frame 4: this image has 3 frames.' });
  });
});

describe('encapsulated frames', () => {
  const jpeg = (n: number, size: number): Uint8Array => concat(Uint8Array.of(0xff, 0xd8), new Uint8Array(size - 4).fill(n), Uint8Array.of(0xff, 0xd9));
  const part = (n: number, size: number): Uint8Array => new Uint8Array(size).fill(n);
  const JPEG_BASELINE = '1.2.840.10008.1.2.4.50';

  it('uses the Basic Offset Table: 2 frames of 2 fragments each', async () => {
    const fragments = [jpeg(1, 10), part(2, 6), jpeg(3, 8), part(4, 4)];
    // Offsets from the first fragment's item tag: frame 2 starts at fragment 3 = (8+10)+(8+6) = 32.
    const file = part10(concat(imageHeader(1, 1, 2), encapsulated([0, 32], fragments)), JPEG_BASELINE);
    expect(await allFrames(file)).toEqual([concat(fragments[0]!, fragments[1]!), concat(fragments[2]!, fragments[3]!)]);
  });

  it('uses the Extended Offset Table, lengths trimming the padding', async () => {
    const fragments = [jpeg(1, 10), jpeg(2, 12), part(3, 2)];
    const eot = concat(u32(0), u32(0), u32(18), u32(0)); // OV: 64-bit little endian
    const lengths = concat(u32(9), u32(0), u32(13), u32(0));
    const file = part10(concat(
      imageHeader(1, 1, 2), el(0x7fe00001, 'OV', eot), el(0x7fe00002, 'OV', lengths), encapsulated([], fragments),
    ), JPEG_BASELINE);
    const frames = await allFrames(file);
    expect(frames).toEqual([fragments[0]!.subarray(0, 9), concat(fragments[1]!, fragments[2]!).subarray(0, 13)]);
  });

  it('without offset tables: frame starts found by JPEG SOI markers (3 frames in 5 fragments)', async () => {
    const fragments = [jpeg(1, 10), part(9, 4), jpeg(2, 6), jpeg(3, 8), part(9, 2)];
    const file = part10(concat(imageHeader(1, 1, 3), encapsulated([], fragments)), JPEG_BASELINE);
    expect(await allFrames(file)).toEqual([concat(fragments[0]!, fragments[1]!), fragments[2]!, concat(fragments[3]!, fragments[4]!)]);
  });

  it('one frame is all fragments; as many fragments as frames is one each', async () => {
    const fragments = [part(1, 4), part(2, 6)];
    const one = part10(concat(imageHeader(1, 1, 1), encapsulated([], fragments)), JPEG_BASELINE);
    const two = part10(concat(imageHeader(1, 1, 2), encapsulated([], fragments)), JPEG_BASELINE);
    expect(await allFrames(one)).toEqual([concat(...fragments)]);
    expect(await allFrames(two)).toEqual(fragments);
  });

  it('a header scan reads fragments lazily: 40 frames of 8 KiB read frame by frame', async () => {
    const fragments = Array.from({ length: 40 }, (_, k) => jpeg(k, 8192));
    const file = part10(concat(imageHeader(1, 1, 40), encapsulated([], fragments)), JPEG_BASELINE);
    const source = countingSource(file);
    const parsed = await parseDicom(source, { mode: 'header', initialChunk: 4096 });
    expect(source.bytesRead).toBe(4096);
    expect(parsed.pixelData?.node.fragmentsComplete).toBe(false);
    const frames = encodedFrames(parsed, source);
    expect(await frames.frame(39)).toEqual(fragments[39]);
    expect(await frames.frame(0)).toEqual(fragments[0]);
    expect(datasetReader(parsed).number('NumberOfFrames')).toBe(40);
  });

  it('video is one stream, whatever NumberOfFrames says', async () => {
    const file = part10(concat(imageHeader(1, 1, 30), encapsulated([], [part(1, 4), part(2, 4)])), '1.2.840.10008.1.2.4.102');
    expect(await allFrames(file)).toEqual([concat(part(1, 4), part(2, 4))]);
  });

  it('refuses a file without pixel data, or without Rows and Columns', () => {
    const noPixels = part10(el(0x00080016, 'UI', text('1.2.3', 'UI')));
    expect(() => encodedFrames(parseDicomBytes(noPixels), bytesSource(noPixels))).toThrow('This file has no pixel data.');
    const noRows = part10(concat(el(0x00280100, 'US', us(8)), el(0x7fe00010, 'OB', new Uint8Array(4))));
    expect(() => encodedFrames(parseDicomBytes(noRows), bytesSource(noRows))).toThrow('no Rows and Columns');
  });
});

const PYTHON = '/usr/bin/python3';
const HAS_PYDICOM = spawnSync(PYTHON, ['-c', 'import pydicom'], { encoding: 'utf8' }).status === 0;

describe.skipIf(!HAS_CORPUS)('corpus frames', () => {
  const ENCAPSULATED = {
    'OBXXXX1A_rle_2frame.dcm': 2, 'examples_ybr_color.dcm': 30, 'JPEG-LL.dcm': 1, 'JPEG-lossy.dcm': 1,
    'US1_J2KR.dcm': 1, 'SC_rgb_jpeg_dcmtk.dcm': 1, 'liver_deflate.dcm': 3, 'MR_small_RLE.dcm': 1,
  } as const;

  it('OBXXXX1A_rle_2frame: 2 frames, each an RLE stream of 1 segment (8-bit grey)', async () => {
    const frames = await allFrames(corpusBytes('OBXXXX1A_rle_2frame.dcm'), 'header');
    expect(frames.map((f) => [f.length, Buffer.from(f.subarray(0, 8)).toString('hex')])).toEqual([
      [42832, '0100000040000000'], [42832, '0100000040000000'],
    ]);
  });

  it('JPEG-LL: one frame from SOI to EOI (and its 0xFF pad byte) across its fragments', async () => {
    const [frame] = await allFrames(corpusBytes('JPEG-LL.dcm'), 'header');
    expect([frame!.length, ...frame!.subarray(0, 2), ...frame!.subarray(-3)]).toEqual([116052, 0xff, 0xd8, 0xff, 0xd9, 0xff]);
  });

  it.skipIf(!HAS_PYDICOM)('every encapsulated frame has the bytes pydicom splits out', async () => {
    const names = Object.keys(ENCAPSULATED);
    const run = spawnSync(PYTHON, [resolve(process.cwd(), 'test/tools/pydicom_frames.py'), ...names], { cwd: CORPUS_DIR, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const theirs = JSON.parse(run.stdout) as Record<string, string[]>;
    for (const [name, count] of Object.entries(ENCAPSULATED)) {
      const ours = (await allFrames(corpusBytes(name), 'header')).map(md5);
      expect(ours.length, name).toBe(count);
      expect(ours, name).toEqual(theirs[name]);
    }
  });
});
