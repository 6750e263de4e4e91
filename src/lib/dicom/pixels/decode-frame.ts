/**
 * One encoded frame to stored values: native (either byte order), deflated frames, RLE, JPEG
 * (baseline, extended 12-bit, lossless), JPEG-LS, JPEG 2000, HTJ2K and JPEG XL. Every expected
 * failure is an EnclaveError with a stable name and a message a person can act on.
 */
import { inflateSync, unzlibSync } from 'fflate';
import { EnclaveError } from '../../jobs';
import type { EncodedFrames, ImagePixelDescription } from '../attributes';
import { CodecUnavailable, codecName, decodeWithCodec, type CodecOutput } from './codecs/codec-decode';
import { requireTransferSyntax, type TransferSyntaxInfo } from './transfer-syntax';
import { interleave, swapBytes, toStoredValues, unpackBits, upsample422 } from './stored-values';
import type { DecodedFrame } from './types';

/** Bytes one native frame takes (1-bit frames rounded up to whole bytes). */
export function nativeFrameLength(d: ImagePixelDescription): number {
  const pixels = d.rows * d.columns;
  if (d.bitsAllocated === 1) return Math.ceil((pixels * d.samplesPerPixel) / 8);
  if (d.photometricInterpretation === 'YBR_FULL_422' && d.samplesPerPixel === 3) return pixels * 2 * (d.bitsAllocated / 8);
  return (pixels * d.samplesPerPixel * d.bitsAllocated) / 8;
}

export async function decodeEncodedFrame(frames: EncodedFrames, index: number, description: ImagePixelDescription): Promise<DecodedFrame> {
  return decodeFrame(await frames.frame(index), frames.transferSyntaxUid, description, frames.bigEndian, index);
}

export async function decodeFrame(
  encoded: Uint8Array,
  transferSyntaxUid: string,
  description: ImagePixelDescription,
  bigEndian = false,
  frameIndex?: number,
): Promise<DecodedFrame> {
  const info = requireTransferSyntax(transferSyntaxUid);
  checkDescription(description);
  const which = frameIndex === undefined ? 'this frame' : `frame ${frameIndex + 1}`;
  const raw = await rawSamples(encoded, info, description, bigEndian || info.bigEndian, which);
  return storedFrame(raw, info, description, which);
}

async function rawSamples(
  encoded: Uint8Array,
  info: TransferSyntaxInfo,
  d: ImagePixelDescription,
  bigEndian: boolean,
  which: string,
): Promise<CodecOutput> {
  const base = { photometricInterpretation: d.photometricInterpretation, planarConfiguration: d.planarConfiguration };
  switch (info.encoding) {
    case 'native': {
      if (bigEndian && (d.bitsAllocated === 16 || d.bitsAllocated === 32)) {
        const bytes = encoded.slice();
        swapBytes(bytes, d.bitsAllocated === 16 ? 2 : 4);
        return { ...base, bytes, steps: [`byte-swapped big endian ${d.bitsAllocated}-bit words`] };
      }
      return { ...base, bytes: encoded, steps: [] };
    }
    case 'deflated-frame':
      return { ...base, bytes: inflateFrame(encoded, which), steps: ['inflated the deflated frame (fflate)'] };
    default:
      try {
        return await decodeWithCodec(info.encoding, encoded, d, info.lossy);
      } catch (error) {
        if (error instanceof EnclaveError) throw error;
        // Codec messages end in a newline or a full stop; the sentence below adds its own.
        const detail = (error instanceof Error ? error.message : String(error)).trim().replace(/[.\s]+$/, '');
        if (error instanceof CodecUnavailable) {
          throw new EnclaveError(
            'PixelDecodeError',
            `The image decoders (WebAssembly) could not be loaded (${detail}), so ${info.name} pixels cannot be shown. Reload the page; if this persists, the app's files are incomplete.`,
            { cause: error },
          );
        }
        throw new EnclaveError(
          'PixelDecodeError',
          `The ${codecName(info.encoding)} decoder could not decode ${which} (${info.name}, ${info.uid}): ${detail}. The file may be damaged or truncated; other frames and files are not affected.`,
          { cause: error },
        );
      }
  }
}

function inflateFrame(encoded: Uint8Array, which: string): Uint8Array {
  try {
    return inflateSync(encoded); // PS3.5 A.4.13: raw Deflate (RFC 1951)
  } catch (rawError) {
    try {
      return unzlibSync(encoded); // some writers wrap it in a zlib header
    } catch {
      throw new EnclaveError('PixelDecodeError', `The deflated data of ${which} could not be inflated; the file may be damaged or truncated.`, {
        cause: rawError,
      });
    }
  }
}

function storedFrame(raw: CodecOutput, info: TransferSyntaxInfo, d: ImagePixelDescription, which: string): DecodedFrame {
  const steps = [...raw.steps];
  const pixels = d.rows * d.columns;
  let bytes = raw.bytes;
  let photometric = raw.photometricInterpretation;
  const samples = d.samplesPerPixel;
  const count = pixels * samples;
  const frame = (data: DecodedFrame['data'], signed: boolean, bitsStored: number): DecodedFrame => ({
    rows: d.rows,
    columns: d.columns,
    samplesPerPixel: samples,
    photometricInterpretation: photometric,
    bitsStored,
    signed,
    data,
    transferSyntaxUid: info.uid,
    lossy: info.lossy,
    steps,
  });

  if (d.bitsAllocated === 1) {
    requireLength(bytes, Math.ceil(count / 8), which);
    steps.push('unpacked 1-bit pixels to one byte each');
    return frame(unpackBits(bytes, count), false, 1);
  }
  const width = d.bitsAllocated / 8;
  if (photometric === 'YBR_FULL_422' && samples === 3 && width === 1 && info.encoding !== 'jpeg') {
    if (bytes.length >= pixels * 3) {
      steps.push('YBR_FULL_422 frame holds three samples per pixel: read as YBR_FULL');
    } else {
      requireLength(bytes, pixels * 2, which);
      bytes = upsample422(bytes, d.rows, d.columns);
      steps.push('expanded YBR_FULL_422 pixel pairs (Y1 Y2 Cb Cr) to YBR_FULL');
    }
    photometric = 'YBR_FULL';
  }
  const fromCodec = info.encoding !== 'native' && info.encoding !== 'deflated-frame';
  if (fromCodec && width > 1 && bytes.length === count) bytes = widen(bytes, width, steps); // 8-bit codestream, wider allocation
  requireLength(bytes, count * width, which);
  let data = toStoredValues(bytes, count, d, steps);
  if (samples > 1 && raw.planarConfiguration === 1) {
    data = interleave(data, samples);
    steps.push('colour by plane rearranged to colour by pixel');
  }
  return frame(data, d.pixelRepresentation === 1, d.bitsStored);
}

function widen(bytes: Uint8Array, width: number, steps: string[]): Uint8Array {
  const out = new Uint8Array(bytes.length * width);
  for (let i = 0; i < bytes.length; i++) out[i * width] = bytes[i]!;
  steps.push(`the codestream holds 8-bit samples: widened to ${width * 8}-bit words`);
  return out;
}

function requireLength(bytes: Uint8Array, expected: number, which: string): void {
  if (bytes.length < expected) {
    throw new EnclaveError(
      'PixelDecodeError',
      `The pixel data of ${which} has ${bytes.length} bytes where its size needs ${expected}; the file is truncated or its image attributes are wrong.`,
    );
  }
}

function checkDescription(d: ImagePixelDescription): void {
  const problems: string[] = [];
  if (!(d.rows > 0 && d.columns > 0)) problems.push(`Rows ${d.rows} × Columns ${d.columns}`);
  if (![1, 8, 16, 32].includes(d.bitsAllocated)) problems.push(`Bits Allocated ${d.bitsAllocated}`);
  if (!(d.bitsStored >= 1 && d.bitsStored <= d.bitsAllocated)) problems.push(`Bits Stored ${d.bitsStored}`);
  if (!(d.highBit >= d.bitsStored - 1 && d.highBit < d.bitsAllocated)) problems.push(`High Bit ${d.highBit}`);
  if (!(d.samplesPerPixel >= 1 && d.samplesPerPixel <= 4)) problems.push(`Samples per Pixel ${d.samplesPerPixel}`);
  if (problems.length > 0) {
    throw new EnclaveError('PixelDecodeError', `This image's pixel attributes are not valid (${problems.join(', ')}), so its pixels cannot be read.`);
  }
}
