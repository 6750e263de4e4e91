import { EnclaveError } from '../../jobs';
import type { EditableDataset } from './types';
import { TAG } from './tags';
import { getElement, insertElement } from './walk';

export interface ReplacePixelDataOptions {
  /** The transfer syntax the new pixel data are in (set on the data set). */
  transferSyntaxUid: string;
  /** Encapsulated (one fragment per frame, Basic Offset Table filled) or native (frames concatenated). */
  encapsulated: boolean;
}

/**
 * Replaces Pixel Data (7FE0,0010) with new frames. Native frames are concatenated into one
 * value (OB when Bits Allocated ≤ 8, else OW); encapsulated frames become one fragment each,
 * after a Basic Offset Table with each frame's offset (empty for a single frame). The caller
 * updates the pixel module (Number of Frames, Photometric Interpretation, Lossy Image
 * Compression, …) to match: this function only moves bytes.
 */
export function replacePixelData(ds: EditableDataset, frames: readonly Uint8Array[], options: ReplacePixelDataOptions): void {
  if (frames.length === 0) throw new EnclaveError('InvalidInputError', 'replacePixelData needs at least one frame.');
  ds.transferSyntaxUid = options.transferSyntaxUid;
  if (options.encapsulated) {
    insertElement(ds.elements, { tag: TAG.PixelData, vr: 'OB', fragments: [basicOffsetTable(frames), ...frames] });
    return;
  }
  const total = frames.reduce((sum, f) => sum + f.length, 0);
  const value = frames.length === 1 ? frames[0]! : new Uint8Array(total);
  if (frames.length > 1) {
    let at = 0;
    for (const frame of frames) {
      value.set(frame, at);
      at += frame.length;
    }
  }
  const bitsAllocated = getElement(ds.elements, TAG.BitsAllocated)?.value;
  const bits = bitsAllocated && bitsAllocated.length >= 2 ? bitsAllocated[0]! | (bitsAllocated[1]! << 8) : 16;
  insertElement(ds.elements, { tag: TAG.PixelData, vr: bits <= 8 ? 'OB' : 'OW', value });
}

/** Offsets of each frame's item from the first fragment's item (fragments are padded to even length). */
function basicOffsetTable(frames: readonly Uint8Array[]): Uint8Array {
  if (frames.length === 1) return new Uint8Array(0);
  const table = new Uint8Array(frames.length * 4);
  const view = new DataView(table.buffer);
  let offset = 0;
  frames.forEach((frame, i) => {
    view.setUint32(i * 4, offset, true);
    offset += 8 + frame.length + (frame.length & 1);
  });
  return table;
}
