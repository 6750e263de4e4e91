import { EnclaveError } from '../../jobs';
import { formatTag } from '../parse/dictionary';
import { LONG_LENGTH_VRS, TEXT_VRS } from '../parse/vr';
import type { EditableDataset, EditableElement } from './types';
import { isDatasetGroupLength, TAG } from './tags';
import { completeMeta, isMetaTag } from './meta';
import { checkOutputSyntax } from './output-syntax';
import { DirectoryOffsets, RECORD_OFFSET_TAGS } from './dicomdir';

/**
 * Writes a Part 10 file: 128 zero bytes, "DICM", the file meta group (group length recomputed),
 * then the data set in explicit VR little endian (the encoding of every transfer syntax we
 * write: explicit LE, or an encapsulated one; others are refused, see output-syntax.ts). Choices:
 * - elements are written in ascending tag order at every level (the input is not mutated);
 * - sequences and items are written with UNDEFINED length and delimiters: no second pass to
 *   measure nested lengths, and the form every reader accepts;
 * - values are padded to even length: space for text VRs, NUL for UI and binary VRs;
 * - retired group lengths (gggg,0000) outside the meta group are not written;
 * - encapsulated pixel data: items (Basic Offset Table first), then a sequence delimiter;
 * - a DICOMDIR's record offsets are rewritten to where the records now are (dicomdir.ts).
 * The output is built in one buffer sized by a first pass.
 */
export function serializePart10(ds: EditableDataset): Uint8Array {
  checkOutputSyntax(ds);
  const meta = sorted(completeMeta(ds).filter((e) => e.tag !== TAG.FileMetaInformationGroupLength));
  const elements = sorted(ds.elements.some((e) => isMetaTag(e.tag)) ? ds.elements.filter((e) => !isMetaTag(e.tag)) : ds.elements);
  const metaLength = listSize(meta);
  const total = 132 + 12 + metaLength + listSize(elements);
  const out = new Uint8Array(total);
  const w = new Writer(out, DirectoryOffsets.needed(elements) ? new DirectoryOffsets() : undefined);
  out.set([0x44, 0x49, 0x43, 0x4d], 128);
  w.pos = 132;
  w.header(TAG.FileMetaInformationGroupLength, 'UL', 4);
  w.u32(metaLength);
  w.list(meta);
  w.list(elements);
  w.directory?.patch(out);
  if (w.pos !== total) throw new Error(`serializePart10: wrote ${w.pos} of ${total} bytes`); // a bug, not an input problem
  return out;
}

/** Elements in ascending tag order; the same array when already sorted (the usual case). */
export function sorted(list: readonly EditableElement[]): readonly EditableElement[] {
  for (let i = 1; i < list.length; i++) {
    if (list[i]!.tag <= list[i - 1]!.tag) return [...list].sort((a, b) => a.tag - b.tag);
  }
  return list;
}

const even = (n: number): number => n + (n & 1);

function headerSize(vr: string): number {
  return LONG_LENGTH_VRS.has(vr) ? 12 : 8;
}

function listSize(list: readonly EditableElement[]): number {
  let size = 0;
  for (const el of list) size += elementSize(el);
  return size;
}

/** Bytes the element takes in the output; validates what would not fit its VR's length field. */
export function elementSize(el: EditableElement): number {
  if (isDatasetGroupLength(el.tag)) return 0;
  if (el.items || el.vr === 'SQ') {
    let size = 12 + 8;
    for (const item of el.items ?? []) size += 8 + listSize(sorted(item.elements)) + 8;
    return size;
  }
  if (el.fragments) {
    let size = 12 + 8;
    for (const f of el.fragments) size += 8 + even(f.length);
    return size;
  }
  const length = even(el.value?.length ?? 0);
  if (!LONG_LENGTH_VRS.has(el.vr) && length > 0xffff) {
    throw new EnclaveError('InvalidInputError', `Element ${formatTag(el.tag)} (${el.vr}) has a ${length}-byte value; ${el.vr} allows at most 65534 bytes.`);
  }
  if (length > 0xfffffffe) throw new EnclaveError('InvalidInputError', `Element ${formatTag(el.tag)} is too long for DICOM (${length} bytes).`);
  return headerSize(el.vr) + length;
}

class Writer {
  pos = 0;
  private readonly view: DataView;

  constructor(private readonly out: Uint8Array, readonly directory?: DirectoryOffsets) {
    this.view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  }

  u32(n: number): void {
    this.view.setUint32(this.pos, n, true);
    this.pos += 4;
  }

  tag(tag: number): void {
    this.view.setUint16(this.pos, tag >>> 16, true);
    this.view.setUint16(this.pos + 2, tag & 0xffff, true);
    this.pos += 4;
  }

  header(tag: number, vr: string, length: number): void {
    this.tag(tag);
    this.out[this.pos] = vr.charCodeAt(0);
    this.out[this.pos + 1] = vr.charCodeAt(1);
    if (LONG_LENGTH_VRS.has(vr)) {
      this.view.setUint16(this.pos + 2, 0, true);
      this.view.setUint32(this.pos + 4, length, true);
      this.pos += 8;
    } else {
      this.view.setUint16(this.pos + 2, length, true);
      this.pos += 4;
    }
  }

  list(list: readonly EditableElement[]): void {
    for (const el of list) if (!isDatasetGroupLength(el.tag)) this.element(el);
  }

  element(el: EditableElement): void {
    if (el.items || el.vr === 'SQ') {
      this.header(el.tag, 'SQ', 0xffffffff);
      for (const item of el.items ?? []) {
        this.directory?.item(item, this.pos);
        this.tag(TAG.Item);
        this.u32(0xffffffff);
        this.list(sorted(item.elements));
        this.tag(TAG.ItemDelimiter);
        this.u32(0);
      }
      this.delimiter(TAG.SequenceDelimiter);
      return;
    }
    if (el.fragments) {
      this.header(el.tag, el.vr, 0xffffffff);
      for (const f of el.fragments) {
        this.tag(TAG.Item);
        this.u32(even(f.length));
        this.bytes(f, 0);
      }
      this.delimiter(TAG.SequenceDelimiter);
      return;
    }
    const value = el.value ?? new Uint8Array(0);
    this.header(el.tag, el.vr, even(value.length));
    if (this.directory && RECORD_OFFSET_TAGS.has(el.tag) && value.length === 4) this.directory.offsetValue(this.pos);
    this.bytes(value, TEXT_VRS.has(el.vr) && el.vr !== 'UI' ? 0x20 : 0);
  }

  private delimiter(tag: number): void {
    this.tag(tag);
    this.u32(0);
  }

  private bytes(value: Uint8Array, pad: number): void {
    this.out.set(value, this.pos);
    this.pos += value.length;
    if (value.length & 1) this.out[this.pos++] = pad; // the buffer is zeroed: NUL needs no write, but be explicit
  }
}
