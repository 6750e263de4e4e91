import type { AttributeReader, EncodedFrames, ImagePixelDescription } from '../attributes';
import type { ByteSource } from './byte-source';
import { windowBytes } from './byte-window';
import { dicomParseError, formatByteCount } from './errors';
import { frameStartsFromOffsets, frameStartsFromMarkers, type FrameSpan } from './frame-boundaries';
import { datasetReader } from './reader';
import type { DicomNode, Fragment, ParsedDicom } from './types';
import { concatBytes } from '../../util/concat-bytes';

/** The pixel attributes the frame splitter needs, with the defaults PS3.3 implies; undefined without Rows/Columns. */
export function imagePixelDescription(reader: AttributeReader): ImagePixelDescription | undefined {
  const rows = reader.number('Rows');
  const columns = reader.number('Columns');
  if (!rows || !columns) return undefined;
  const bitsAllocated = reader.number('BitsAllocated') ?? 8;
  const bitsStored = reader.number('BitsStored') ?? bitsAllocated;
  const frames = Math.trunc(reader.number('NumberOfFrames') ?? 1);
  return {
    rows, columns, bitsAllocated, bitsStored,
    samplesPerPixel: reader.number('SamplesPerPixel') ?? 1,
    highBit: reader.number('HighBit') ?? bitsStored - 1,
    pixelRepresentation: reader.number('PixelRepresentation') === 1 ? 1 : 0,
    photometricInterpretation: reader.string('PhotometricInterpretation') ?? 'MONOCHROME2',
    planarConfiguration: reader.number('PlanarConfiguration') === 1 ? 1 : 0,
    numberOfFrames: frames >= 1 ? frames : 1,
  };
}

/**
 * Bytes of any range of the data set: from memory when loaded (always, for a full parse or a
 * deflated file), else from the source (data set offsets are file offsets when not deflated).
 */
async function readRange(parsed: ParsedDicom, source: ByteSource, offset: number, length: number): Promise<Uint8Array> {
  const loaded = windowBytes(parsed.datasetBytes, offset, length);
  if (loaded) return loaded;
  if (parsed.datasetBytes !== parsed.fileBytes) throw dicomParseError('The pixel data of this deflated file end early; the file is probably truncated.');
  const bytes = await source.read(offset, length);
  if (bytes.length < length) {
    throw dicomParseError(`This file ends after ${formatByteCount(source.size)} bytes, inside the Pixel Data; it is probably truncated.`);
  }
  return bytes;
}

/** The value of any element, loaded or not (a header scan skips large values). */
export function readValue(parsed: ParsedDicom, node: DicomNode, source: ByteSource): Promise<Uint8Array> {
  return readRange(parsed, source, node.valueOffset, node.length);
}

/**
 * Splits the top-level pixel data into frames (contract in ../attributes.ts). Native data:
 * frame k is bytes [k·size, (k+1)·size) with size = rows·columns·samples·bitsAllocated/8
 * (bit-packed when BitsAllocated is 1). Encapsulated data: frames from the Extended Offset
 * Table, else the Basic Offset Table, else one frame = all fragments, or one fragment per
 * frame when the counts agree, else frame starts found by codec markers. Video streams are one
 * "frame" holding the whole bitstream. Bytes are read lazily, one frame at a time.
 */
export function encodedFrames(parsed: ParsedDicom, source: ByteSource): EncodedFrames {
  const node = parsed.pixelData?.node;
  if (!node) throw dicomParseError('This file has no pixel data.');
  const reader = datasetReader(parsed);
  const desc = imagePixelDescription(reader);
  if (!desc) throw dicomParseError('This file has pixel data but no Rows and Columns, so its frames cannot be found.');
  const ts = parsed.transferSyntax;
  const base = { transferSyntaxUid: ts.uid, bigEndian: !parsed.littleEndian };
  if (!node.undefinedLength) return { ...base, ...nativeFrames(parsed, source, node, desc) };

  const video = ts.codec === 'video';
  const frameCount = video ? 1 : desc.numberOfFrames;
  let spans: Promise<FrameSpan[]> | undefined;
  const frameSpans = (): Promise<FrameSpan[]> => (spans ??= (async () => {
    const fragments = node.fragmentsComplete ? node.fragments ?? [] : await walkFragments(parsed, source, node);
    const [table, ...data] = fragments;
    if (data.length === 0) return [];
    if (video || frameCount === 1) return [{ fragments: data }];
    const basicOffsetTable = table && table.length > 0 ? await readRange(parsed, source, table.valueOffset, table.length) : undefined;
    const fromOffsets = frameStartsFromOffsets(reader, basicOffsetTable, data, frameCount);
    if (fromOffsets) return fromOffsets;
    if (data.length === frameCount) return data.map((f) => ({ fragments: [f] }));
    return frameStartsFromMarkers(ts.codec, data, (f) => readRange(parsed, source, f.valueOffset, Math.min(16, f.length)));
  })());

  return {
    ...base,
    frameCount,
    async frame(index) {
      checkIndex(index, frameCount);
      const span = (await frameSpans())[index];
      if (!span) throw dicomParseError(`Frame ${index + 1} of ${frameCount} could not be found in the encapsulated pixel data; the file may be truncated or its offset table wrong.`);
      const parts = await Promise.all(span.fragments.map((f) => readRange(parsed, source, f.valueOffset, f.length)));
      const joined = parts.length === 1 ? parts[0]! : concatBytes(parts);
      return span.length !== undefined && span.length < joined.length ? joined.subarray(0, span.length) : joined;
    },
  };
}

function nativeFrames(parsed: ParsedDicom, source: ByteSource, node: DicomNode, d: ImagePixelDescription): Omit<EncodedFrames, 'transferSyntaxUid' | 'bigEndian'> {
  // YBR_FULL_422 native data hold two samples per pixel on average (PS3.3 C.7.6.3.1.2).
  const samples = d.photometricInterpretation === 'YBR_FULL_422' && d.samplesPerPixel === 3 ? 2 : d.samplesPerPixel;
  const bitsPerFrame = d.rows * d.columns * samples * d.bitsAllocated;
  const frameCount = d.numberOfFrames;
  return {
    frameCount,
    async frame(index) {
      checkIndex(index, frameCount);
      const firstBit = index * bitsPerFrame;
      const start = node.valueOffset + Math.floor(firstBit / 8);
      const shift = firstBit % 8;
      const length = Math.ceil((shift + bitsPerFrame) / 8);
      if (Math.floor(firstBit / 8) + length > node.length) {
        throw dicomParseError(`Frame ${index + 1} of ${frameCount} is missing: the pixel data hold ${formatByteCount(node.length)} bytes, fewer than the attributes call for.`);
      }
      const bytes = await readRange(parsed, source, start, length);
      return shift === 0 ? bytes : unshiftBits(bytes, shift, bitsPerFrame);
    },
  };
}

/** Bit-packed frames (BitsAllocated 1) may start mid-byte: re-pack so bit 0 is the frame's first pixel. */
function unshiftBits(bytes: Uint8Array, shift: number, bits: number): Uint8Array {
  const out = new Uint8Array(Math.ceil(bits / 8));
  for (let i = 0; i < out.length; i++) {
    out[i] = ((bytes[i]! >>> shift) | ((bytes[i + 1] ?? 0) << (8 - shift))) & 0xff;
  }
  const tail = bits % 8;
  if (tail !== 0) out[out.length - 1]! &= (1 << tail) - 1;
  return out;
}

/** Walks fragment headers from the source when a header scan left the list incomplete. */
async function walkFragments(parsed: ParsedDicom, source: ByteSource, node: DicomNode): Promise<Fragment[]> {
  const fragments: Fragment[] = [];
  let pos = node.valueOffset;
  const end = parsed.datasetBytes.size;
  while (pos + 8 <= end) {
    const header = await readRange(parsed, source, pos, 8);
    const view = new DataView(header.buffer, header.byteOffset, 8);
    const tag = ((view.getUint16(0, true) << 16) | view.getUint16(2, true)) >>> 0;
    const length = view.getUint32(4, true);
    if (tag !== 0xfffee000 || length === 0xffffffff) break;
    fragments.push({ offset: pos, valueOffset: pos + 8, length: Math.min(length, end - pos - 8) });
    pos += 8 + length;
  }
  return fragments;
}

function checkIndex(index: number, count: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    throw dicomParseError(`There is no frame ${index + 1}: this image has ${count} frame${count === 1 ? '' : 's'}.`);
  }
}
