/**
 * Applies a mask plan to every frame and writes the result as native pixel data (Explicit VR
 * Little Endian) by default. Why uncompressed: the masked stored values are exactly the decoded
 * ones outside the masks, and native data is read by every toolkit. On request, lossless
 * compressed input is written as RLE Lossless instead (smaller, still exact); JPEG-LS / JPEG
 * 2000 re-encoding through the codec WebAssembly is not done. Lossy input (e.g. JPEG baseline YBR_FULL_422) is written as 8-bit RGB,
 * PlanarConfiguration 0, and Lossy Image Compression stays "01": it was lossy once.
 */
import { EXPLICIT_VR_LITTLE_ENDIAN } from '../../dicom/parse';
import type { EncodedFrames } from '../../dicom/attributes';
import { decodeEncodedFrame, toDisplayRgb, transferSyntaxInfo, type DecodedFrame, type PixelImageDescription } from '../../dicom/pixels';
import { cancelledError, EnclaveError, type JobOptions } from '../../jobs';
import { blackFill, maskFrame } from './mask-frame';
import { rectanglesForFrame } from './plan';
import { encodeRleFrame, RLE_LOSSLESS } from './rle-encode';
import type { MaskPlan } from './types';

export interface CleanedPixelData {
  /** The transfer syntax the instance must now be written with. */
  transferSyntaxUid: string;
  /** Each frame: native little-endian bytes, or one RLE-encoded frame when `encapsulated`. */
  frames: Uint8Array[];
  encapsulated: boolean;
  /** Attributes to set on the data set (keyword → value), e.g. PhotometricInterpretation. */
  attributes: Record<string, string | number>;
  /** The caller removes Pixel Data's encapsulation and these attributes, if present. */
  removeAttributes: string[];
  /** Tells the header engine that burned-in text was masked (it decides BurnedInAnnotation). */
  burnedInTextMasked: boolean;
  /** Frames with any rectangle applied. */
  maskedFrames: number;
  notes: string[];
}

export interface CleanOptions extends JobOptions {
  /**
   * How lossless compressed input is written: 'native' (default) or 'rle' (RLE Lossless, pure
   * TS encoder). Native input stays native and lossy input is always native (RGB for colour).
   */
  losslessOutput?: 'native' | 'rle';
  /** Frames already decoded (e.g. for planning), so they are not decoded twice. */
  decoded?: readonly DecodedFrame[];
}

export async function cleanPixelData(
  description: PixelImageDescription,
  frames: EncodedFrames,
  plan: MaskPlan,
  job: CleanOptions = {},
): Promise<CleanedPixelData> {
  if (description.bitsAllocated === 1) {
    throw new EnclaveError('UnsupportedFileError', 'This image has 1-bit pixels, which pixel cleaning does not handle; mask it with a DICOM toolkit.');
  }
  const info = transferSyntaxInfo(frames.transferSyntaxUid);
  const lossy = (info?.lossy ?? false) || description.lossyImageCompression;
  const notes: string[] = [];
  const rle = job.losslessOutput === 'rle' && info !== undefined && !info.lossy && info.encoding !== 'native' && info.encoding !== 'deflated-frame';
  const parts: Uint8Array[] = [];
  let photometric = description.photometricInterpretation;
  let samples = description.samplesPerPixel;
  let maskedFrames = 0;
  for (let index = 0; index < frames.frameCount; index++) {
    if (job.signal?.aborted) throw cancelledError('Pixel cleaning');
    const frame = job.decoded?.[index] ?? (await decodeEncodedFrame(frames, index, description));
    const rectangles = rectanglesForFrame(plan, index);
    if (rectangles.length > 0) maskedFrames++;
    const out = outputFrame(frame, description, info?.lossy ?? false);
    maskFrame(out.frame, rectangles, blackFill(out.frame, description.palette));
    photometric = out.frame.photometricInterpretation;
    samples = out.frame.samplesPerPixel;
    const width = Math.max(1, description.bitsAllocated / 8);
    parts.push(rle ? encodeRleFrame(out.frame.data, out.frame.rows, out.frame.columns, out.frame.samplesPerPixel, width) : nativeBytes(out.frame.data));
    if (index === 0) notes.push(...out.notes);
    job.onProgress?.({ stage: 'pixel-clean', done: index + 1, total: frames.frameCount });
  }
  const attributes: Record<string, string | number> = { PhotometricInterpretation: photometric, SamplesPerPixel: samples };
  if (samples > 1) attributes.PlanarConfiguration = 0;
  if (lossy) attributes.LossyImageCompression = '01';
  return {
    transferSyntaxUid: rle ? RLE_LOSSLESS : EXPLICIT_VR_LITTLE_ENDIAN,
    frames: parts,
    encapsulated: rle,
    attributes,
    removeAttributes: samples > 1 ? [] : ['PlanarConfiguration'],
    burnedInTextMasked: plan.rectangles.length > 0,
    maskedFrames,
    notes,
  };
}

/** The frame as it will be stored: lossy YBR becomes RGB; lossless values stay as decoded. */
function outputFrame(frame: DecodedFrame, description: PixelImageDescription, lossyCodec: boolean): { frame: DecodedFrame; notes: string[] } {
  const pi = frame.photometricInterpretation;
  if (lossyCodec && frame.samplesPerPixel === 3 && pi !== 'RGB') {
    if (description.bitsAllocated !== 8) {
      throw new EnclaveError('UnsupportedFileError', `Lossy ${pi} pixels with ${description.bitsAllocated}-bit samples cannot be rewritten as RGB yet.`);
    }
    const rgb = toDisplayRgb(frame, description);
    return { frame: { ...frame, data: rgb, photometricInterpretation: 'RGB', bitsStored: 8, signed: false }, notes: [`${pi} decoded from a lossy codec: written as RGB`] };
  }
  // A copy: native frames may be views of the source file's bytes, which must stay untouched.
  return { frame: { ...frame, data: frame.data.slice() }, notes: pi !== description.photometricInterpretation ? [`${description.photometricInterpretation} written as ${pi} (as decoded)`] : [] };
}

/** Stored values as little-endian bytes (the typed array's own bytes on little-endian hosts). */
function nativeBytes(data: DecodedFrame['data']): Uint8Array {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (data.BYTES_PER_ELEMENT === 1 || LITTLE_ENDIAN_HOST) return bytes;
  const copy = bytes.slice();
  const width = data.BYTES_PER_ELEMENT;
  for (let i = 0; i < copy.length; i += width) copy.subarray(i, i + width).reverse();
  return copy;
}

const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
