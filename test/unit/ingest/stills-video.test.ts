import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { bytesByteSource } from '../../../src/lib/ingest/byte-source';
import { decodeStill, decodeVideo, detectFrameDecoders } from '../../../src/lib/ingest/decoders';
import { sourceFromBlob } from '../../../src/lib/ingest/import-source';
import { readJpegMetadata, readPngMetadata, StillProblem } from '../../../src/lib/ingest/still-image';
import { readVideoMetadata, VideoProblem } from '../../../src/lib/ingest/video';
import { isSkippedItem } from '../../../src/lib/ingest/skipped';
import { expandZip } from '../../../src/lib/ingest/zip';
import { collect, countingImportSource, fileOf, fixtureBytes } from './helpers';

describe('still image headers', () => {
  it('reads PNG IHDR and JPEG SOF', async () => {
    expect(await readPngMetadata(bytesByteSource(fixtureBytes('still.png')))).toEqual({ format: 'png', width: 40, height: 30, bitDepth: 8, channels: 3 });
    expect(await readJpegMetadata(bytesByteSource(fixtureBytes('still.jpg')))).toEqual({ format: 'jpeg', width: 40, height: 30, bitDepth: 8, channels: 3 });
  });

  it('skips APPn segments without reading them', async () => {
    const jpeg = fixtureBytes('still.jpg');
    const app1 = new Uint8Array(4 + 60_000);
    app1.set([0xff, 0xe1, (60_002 >> 8) & 0xff, 60_002 & 0xff]);
    const withExif = new Uint8Array([...jpeg.subarray(0, 2), ...app1, ...jpeg.subarray(2)]);
    let read = 0;
    const source = bytesByteSource(withExif);
    const counting = { size: source.size, read: (o: number, l: number) => ((read += l), source.read(o, l)) };
    expect(await readJpegMetadata(counting)).toMatchObject({ width: 40, height: 30 });
    expect(read).toBeLessThan(200);
  });

  it('explains damaged headers', async () => {
    const png = fixtureBytes('still.png');
    expect(await readPngMetadata(bytesByteSource(png.subarray(0, 20)))).toEqual(new StillProblem('PNG file is cut short inside its header'));
    const jpeg = fixtureBytes('still.jpg');
    expect(await readJpegMetadata(bytesByteSource(jpeg.subarray(0, 4)))).toBeInstanceOf(StillProblem);
  });
});

describe('video container metadata (mediabunny, no decoding)', () => {
  const clips = [
    ['clip-h264.mp4', 'mp4', 'avc', /^avc1\./],
    ['clip-vp9.webm', 'webm', 'vp9', /^vp09\./],
    ['clip-vp8.webm', 'webm', 'vp8', /^vp8$/],
  ] as const;
  for (const [name, container, codec, codecString] of clips) {
    it(`reads ${name}: 64×48, 10 frames at 10 fps, 1 s`, async () => {
      const meta = await readVideoMetadata(sourceFromBlob(fileOf(fixtureBytes(name), name)), container);
      if (meta instanceof VideoProblem) throw new Error(meta.reason);
      expect(meta).toMatchObject({ container, codec, width: 64, height: 48, rotation: 0, frameCount: 10, frameCountExact: true, frameRate: 10, hasAudio: false });
      expect(meta.durationSeconds).toBeCloseTo(1, 5);
      expect(meta.codecString).toMatch(codecString);
    });
  }

  it('reads a video inside a zip through the lazy entry source', async () => {
    const archive = zipSync({ 'echo/loop.mp4': [fixtureBytes('clip-h264.mp4'), { level: 0 }] });
    const [entry] = (await collect(expandZip(countingImportSource('a.zip', archive)))).filter((r) => !isSkippedItem(r));
    const meta = entry && !isSkippedItem(entry) ? await readVideoMetadata(entry, 'mp4') : undefined;
    expect(meta).toMatchObject({ width: 64, height: 48, frameCount: 10 });
  });

  it('says a cut-short video is damaged', async () => {
    const cut = fixtureBytes('clip-vp9.webm').subarray(0, 100);
    const meta = await readVideoMetadata(sourceFromBlob(fileOf(cut, 'cut.webm')), 'webm');
    expect(meta).toBeInstanceOf(VideoProblem);
  });
});

describe('frame decoding is browser-only', () => {
  it('finds no decoders in Node, and says so when asked to decode', async () => {
    expect(detectFrameDecoders()).toEqual({});
    const still = sourceFromBlob(fileOf(fixtureBytes('still.png'), 'still.png'));
    await expect(decodeStill(still, detectFrameDecoders())).rejects.toMatchObject({ name: 'UnsupportedFileError' });
    expect(() => decodeVideo(still, {})).toThrow(expect.objectContaining({ name: 'UnsupportedFileError' }));
  });

  it('offers the browser decoders when the globals exist', () => {
    const scope = { createImageBitmap: () => undefined, OffscreenCanvas: class {}, VideoDecoder: class {} };
    const found = detectFrameDecoders(scope);
    expect(typeof found.decodeStill).toBe('function');
    expect(typeof found.decodeVideo).toBe('function');
    expect(Object.keys(detectFrameDecoders({ createImageBitmap: () => undefined }))).toEqual([]);
  });

  it('hands an injected decoder the image bytes, also for zip entries', async () => {
    const archive = zipSync({ 'pics/still.png': fixtureBytes('still.png') });
    const [entry] = (await collect(expandZip(countingImportSource('a.zip', archive)))).filter((r) => !isSkippedItem(r));
    let got: Blob | undefined;
    const frame = await decodeStill(entry as never, {
      decodeStill: async (blob) => {
        got = blob;
        return { index: 0, width: 1, height: 1, data: new Uint8ClampedArray(4) };
      },
    });
    expect(frame.width).toBe(1);
    expect(new Uint8Array(await got!.arrayBuffer())).toEqual(fixtureBytes('still.png'));
  });
});
