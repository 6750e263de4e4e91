import { concatBytes } from '../../../../src/lib/util/concat-bytes';
/**
 * Hand-built DICOM bytes for tests of cases no writer produces on purpose: offset tables,
 * odd fragmentations, bit-packed frames, broken structure. Explicit VR little endian unless
 * the caller says otherwise; no validation, on purpose.
 */
const LONG = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'UC', 'UN', 'UR', 'UT', 'SV', 'UV']);

export function concat(...parts: Uint8Array[]): Uint8Array {
  return concatBytes(parts);
}

export function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

function u16(n: number, le = true): Uint8Array {
  const b = new Uint8Array(2);
  new DataView(b.buffer).setUint16(0, n, le);
  return b;
}

export function u32(n: number, le = true): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n >>> 0, le);
  return b;
}

function tagBytes(tag: number, le = true): Uint8Array {
  return concat(u16(tag >>> 16, le), u16(tag & 0xffff, le));
}

/** Text padded to even length (space, or NUL for UI). */
export function text(value: string, vr = 'LO'): Uint8Array {
  const bytes = ascii(value);
  return bytes.length % 2 === 0 ? bytes : concat(bytes, Uint8Array.of(vr === 'UI' ? 0 : 0x20));
}

export function us(...values: number[]): Uint8Array {
  return concat(...values.map((v) => u16(v)));
}

/** One explicit VR LE element; `length` overrides the written length (0xFFFFFFFF for undefined). */
export function el(tag: number, vr: string, value: Uint8Array, length = value.length): Uint8Array {
  const header = LONG.has(vr)
    ? concat(tagBytes(tag), ascii(vr), new Uint8Array(2), u32(length))
    : concat(tagBytes(tag), ascii(vr), u16(length));
  return concat(header, value);
}

/** One implicit VR LE element. */
export function implicitEl(tag: number, value: Uint8Array, length = value.length): Uint8Array {
  return concat(tagBytes(tag), u32(length), value);
}

export function item(content: Uint8Array, undefinedLength = false): Uint8Array {
  return undefinedLength
    ? concat(tagBytes(0xfffee000), u32(0xffffffff), content, tagBytes(0xfffee00d), u32(0))
    : concat(tagBytes(0xfffee000), u32(content.length), content);
}

export const SEQUENCE_DELIMITER = concat(tagBytes(0xfffee0dd), u32(0));

/** Encapsulated pixel data: Basic Offset Table item, fragments, sequence delimiter. */
export function encapsulated(basicOffsetTable: readonly number[], fragments: readonly Uint8Array[]): Uint8Array {
  const table = concat(...basicOffsetTable.map((o) => u32(o)));
  return el(0x7fe00010, 'OB', concat(item(table), ...fragments.map((f) => item(f)), SEQUENCE_DELIMITER), 0xffffffff);
}

/** Preamble, DICM and a file meta group with its group length, then the data set. */
export function part10(dataset: Uint8Array, transferSyntaxUid = '1.2.840.10008.1.2.1'): Uint8Array {
  const meta = concat(
    el(0x00020001, 'OB', Uint8Array.of(0, 1)),
    el(0x00020002, 'UI', text('1.2.840.10008.5.1.4.1.1.7', 'UI')),
    el(0x00020003, 'UI', text('1.2.3.4', 'UI')),
    el(0x00020010, 'UI', text(transferSyntaxUid, 'UI')),
  );
  return concat(new Uint8Array(128), ascii('DICM'), el(0x00020000, 'UL', u32(meta.length)), meta, dataset);
}

/** The image pixel attributes of a frame test (sorted by tag, as a data set must be). */
export function imageHeader(rows: number, columns: number, frames: number, bitsAllocated = 8): Uint8Array {
  return concat(
    el(0x00080016, 'UI', text('1.2.840.10008.5.1.4.1.1.7', 'UI')),
    el(0x00280002, 'US', us(1)),
    el(0x00280004, 'CS', text('MONOCHROME2')),
    el(0x00280008, 'IS', text(String(frames))),
    el(0x00280010, 'US', us(rows)),
    el(0x00280011, 'US', us(columns)),
    el(0x00280100, 'US', us(bitsAllocated)),
  );
}

/** A Blob (as a dropped File would be) of the bytes; copied so TypeScript sees an ArrayBuffer. */
export function blobOf(bytes: Uint8Array): Blob {
  return new Blob([new Uint8Array(bytes)]);
}
