import type { AttributeReader } from '../attributes';
import type { CodecFamily } from './transfer-syntax';
import type { Fragment } from './types';

/** The fragments of one frame, and its exact length when the Extended Offset Table gives it. */
export interface FrameSpan {
  fragments: Fragment[];
  length?: number;
}

/**
 * Frames from the Extended Offset Table (7FE0,0001/0002) or the Basic Offset Table: offsets are
 * from the first fragment's item tag to each frame's first fragment's item tag (PS3.5 A.4).
 * Undefined when there is no usable table (absent, wrong count, or offsets that hit no fragment).
 */
export function frameStartsFromOffsets(
  reader: AttributeReader, basicOffsetTable: Uint8Array | undefined, data: readonly Fragment[], frameCount: number,
): FrameSpan[] | undefined {
  const extended = reader.numbers('ExtendedOffsetTable');
  const lengths = reader.numbers('ExtendedOffsetTableLengths');
  if (extended.length === frameCount) {
    const spans = spansFromOffsets(extended, data);
    if (spans) {
      if (lengths.length === frameCount) spans.forEach((s, i) => { s.length = lengths[i]!; });
      return spans;
    }
  }
  if (basicOffsetTable && basicOffsetTable.length >= 4) {
    const view = new DataView(basicOffsetTable.buffer, basicOffsetTable.byteOffset, basicOffsetTable.byteLength);
    const offsets = Array.from({ length: Math.floor(basicOffsetTable.length / 4) }, (_, i) => view.getUint32(i * 4, true));
    if (offsets.length === frameCount) return spansFromOffsets(offsets, data);
  }
  return undefined;
}

function spansFromOffsets(offsets: readonly number[], data: readonly Fragment[]): FrameSpan[] | undefined {
  const origin = data[0]!.offset;
  const indexByOffset = new Map(data.map((f, i) => [f.offset - origin, i]));
  const starts = offsets.map((o) => indexByOffset.get(o));
  if (starts.some((s, i) => s === undefined || (i > 0 && s <= starts[i - 1]!))) return undefined;
  return starts.map((s, i) => ({ fragments: data.slice(s!, starts[i + 1] ?? data.length) }));
}

/**
 * Frame starts found by each codec's start-of-codestream marker, when no offset table says
 * where frames begin: JPEG/JPEG-LS SOI (FFD8), JPEG 2000 SOC+SIZ (FF4F FF51) or a JP2
 * signature box, JPEG XL (FF0A or its box), and the RLE header (segment count 1–15, first
 * segment at offset 64). Frames are the runs of fragments from one start to the next.
 */
export async function frameStartsFromMarkers(
  codec: CodecFamily, data: readonly Fragment[], head: (fragment: Fragment) => Promise<Uint8Array>,
): Promise<FrameSpan[]> {
  const starts: number[] = [];
  for (let i = 0; i < data.length; i++) {
    if (startsFrame(codec, await head(data[i]!))) starts.push(i);
  }
  if (starts[0] !== 0) starts.unshift(0);
  return starts.map((s, i) => ({ fragments: data.slice(s, starts[i + 1] ?? data.length) }));
}

const JP2_SIGNATURE = [0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20];
const JXL_CONTAINER = [0x00, 0x00, 0x00, 0x0c, 0x4a, 0x58, 0x4c, 0x20];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

export function startsFrame(codec: CodecFamily, bytes: Uint8Array): boolean {
  switch (codec) {
    case 'jpeg':
    case 'jpeg-ls':
      return startsWith(bytes, [0xff, 0xd8]);
    case 'jpeg2000':
      return startsWith(bytes, [0xff, 0x4f, 0xff, 0x51]) || startsWith(bytes, JP2_SIGNATURE);
    case 'jpeg-xl':
      return startsWith(bytes, [0xff, 0x0a]) || startsWith(bytes, JXL_CONTAINER);
    case 'rle': {
      if (bytes.length < 8) return false;
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const segments = view.getUint32(0, true);
      return segments >= 1 && segments <= 15 && view.getUint32(4, true) === 64;
    }
    default:
      return false;
  }
}
