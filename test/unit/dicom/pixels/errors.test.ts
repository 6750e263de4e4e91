/** Undecodable input gives a named error with a message a person can act on, never a crash. */
import { describe, expect, it } from 'vitest';
import type { ImagePixelDescription } from '../../../../src/lib/dicom/attributes';
import { configureCodecWasm, decodeFrame } from '../../../../src/lib/dicom/pixels';

const mono16: ImagePixelDescription = {
  rows: 4,
  columns: 4,
  samplesPerPixel: 1,
  bitsAllocated: 16,
  bitsStored: 16,
  highBit: 15,
  pixelRepresentation: 0,
  photometricInterpretation: 'MONOCHROME2',
  planarConfiguration: 0,
  numberOfFrames: 1,
};

describe('unsupported transfer syntaxes', () => {
  it.each([
    ['1.2.840.10008.1.2.4.100', "This file's pixels use transfer syntax 1.2.840.10008.1.2.4.100, which is a video encoding (MPEG-2, MPEG-4 or HEVC); import it as a video instead."],
    ['1.2.840.10008.1.2.4.94', "This file's pixels use transfer syntax 1.2.840.10008.1.2.4.94, which only refers to pixels held on a JPIP server, which this offline app never contacts."],
    ['1.2.840.10008.1.2.4.53', "This file's pixels use transfer syntax 1.2.840.10008.1.2.4.53, which is a retired JPEG process that DICOM no longer allows; convert the file with a DICOM toolkit (e.g. dcmdjpeg) first."],
    ['1.2.3.4', "This file's pixels use transfer syntax 1.2.3.4, which is not one this app knows; convert the file to Explicit VR Little Endian with a DICOM toolkit (e.g. dcmconv, gdcmconv) and import it again."],
  ])('%s', async (uid, message) => {
    await expect(decodeFrame(new Uint8Array(32), uid, mono16)).rejects.toMatchObject({ name: 'UnsupportedTransferSyntaxError', message });
  });
});

describe('damaged frames', () => {
  it('the codec library failing to load is a PixelDecodeError; a later frame may load it', async () => {
    configureCodecWasm({ load: () => Promise.reject(new Error('network down')) });
    await expect(decodeFrame(rleOf(new Uint8Array(32)), '1.2.840.10008.1.2.5', mono16)).rejects.toMatchObject({
      name: 'PixelDecodeError',
      message: 'The image decoders (WebAssembly) could not be loaded (network down), so RLE Lossless pixels cannot be shown. Reload the page; if this persists, the app\'s files are incomplete.',
    });
    configureCodecWasm({}); // back to reading it from node_modules
    const frame = await decodeFrame(rleOf(new Uint8Array(32)), '1.2.840.10008.1.2.5', mono16);
    expect(Array.from(frame.data)).toEqual(new Array(16).fill(0));
  });

  it.each([
    ['1.2.840.10008.1.2.5', new Uint8Array(10), 'This frame is not valid RLE data: its RLE header needs 64 bytes and the frame has 10. The file is damaged.'],
    ['1.2.840.10008.1.2.5', header(3, [64, 70, 80]), 'This frame is not valid RLE data: its RLE header declares 3 segments where 2 are needed. The file is damaged.'],
    ['1.2.840.10008.1.2.5', header(2, [64, 5000], 80), 'This frame is not valid RLE data: its RLE segment 2 starts at byte 5000, outside the frame. The file is damaged.'],
    ['1.2.840.10008.1.2.4.50', new Uint8Array([1, 2, 3]), 'This frame is not valid JPEG data: it does not start with a JPEG start-of-image marker. The file is damaged.'],
    ['1.2.840.10008.1.2.4.90', new Uint8Array(16), 'This frame is not valid JPEG 2000 data: it starts with neither a JPEG 2000 codestream nor a JP2 header. The file is damaged.'],
  ])('%s refuses a broken frame before the codec sees it', async (uid, bytes, message) => {
    await expect(decodeFrame(bytes, uid, mono16)).rejects.toMatchObject({ name: 'PixelDecodeError', message });
  });

  it.each([
    ['1.2.840.10008.1.2.4.70', 'JPEG', new Uint8Array([0xff, 0xd8, 0xff, 0xc3, 0, 11, 16, 0, 4, 0, 4, 1, 1, 0x11, 0, 0xff, 0xd9])],
    ['1.2.840.10008.1.2.4.80', 'JPEG-LS', new Uint8Array([0xff, 0xd8, 0xff, 0xf7, 0, 3, 0xff, 0xd9])],
    ['1.2.840.10008.1.2.4.90', 'JPEG 2000', new Uint8Array([0xff, 0x4f, 0xff, 0x51, 0, 2, 0, 0, 0, 0])],
  ])('%s: a frame the codec rejects is a PixelDecodeError naming the codec and the frame', async (uid, codec, bytes) => {
    const error = await decodeFrame(bytes, uid, mono16, false, 2).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'PixelDecodeError' });
    expect((error as Error).message).toMatch(new RegExp(`^The ${codec} decoder could not decode frame 3 \\(.+\\): .+\\. The file may be damaged or truncated; other frames and files are not affected\\.$`));
    // …and the codec still works for the next, valid frame.
    const ok = await decodeFrame(rleOf(new Uint8Array(32).fill(7)), '1.2.840.10008.1.2.5', mono16);
    expect(ok.data[0]).toBe(0x0707);
  });

  it('image attributes the decoder cannot use are named', async () => {
    await expect(decodeFrame(new Uint8Array(32), '1.2.840.10008.1.2.1', { ...mono16, bitsAllocated: 12, bitsStored: 12, highBit: 11 })).rejects.toMatchObject({
      name: 'PixelDecodeError',
      message: "This image's pixel attributes are not valid (Bits Allocated 12), so its pixels cannot be read.",
    });
  });
});

/** An RLE frame of 16-bit pixels: the high bytes then the low bytes, each as literal runs. */
function rleOf(raw: Uint8Array): Uint8Array {
  const n = raw.length / 2;
  const high = Uint8Array.from({ length: n }, (_, i) => raw[2 * i + 1]!);
  const low = Uint8Array.from({ length: n }, (_, i) => raw[2 * i]!);
  const segment = (bytes: Uint8Array) => new Uint8Array([bytes.length - 1, ...bytes]);
  const a = segment(high);
  const b = segment(low);
  const out = new Uint8Array(64 + a.length + b.length);
  out.set(header(2, [64, 64 + a.length]));
  out.set(a, 64);
  out.set(b, 64 + a.length);
  return out;
}

function header(count: number, offsets: number[], length = 64): Uint8Array {
  const h = new Uint8Array(length);
  const view = new DataView(h.buffer);
  view.setUint32(0, count, true);
  offsets.forEach((o, i) => view.setUint32(4 + i * 4, o, true));
  return h;
}
