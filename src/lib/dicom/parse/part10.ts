import { ElementParser, type Syntax } from './element-parser';
import { dicomParseError, formatByteCount, StopParse } from './errors';
import type { ByteWindow, DicomNode } from './types';
import { vrFromBytes } from './vr';
import { windowBytes } from './byte-window';

/** What comes before the data set: preamble, "DICM", and the file meta group. */
export interface Part10Prefix {
  hasPreamble: boolean;
  hasDicmPrefix: boolean;
  meta: DicomNode[];
  /** Where the data set starts. */
  datasetOffset: number;
  /** (0002,0010), trimmed; undefined when there is no meta group or no such element. */
  transferSyntaxUid: string | undefined;
}

const DICM = [0x44, 0x49, 0x43, 0x4d];
const EXPLICIT_LE: Syntax = { explicitVr: true, littleEndian: true };
const IMPLICIT_LE: Syntax = { explicitVr: false, littleEndian: true };

function hasDicmAt(p: ElementParser, offset: number): boolean {
  if (!p.ensure(offset, 4)) return false;
  return DICM.every((b, i) => p.u8(offset + i) === b);
}

/**
 * Reads the Part 10 prefix, leniently: with or without the 128-byte preamble and "DICM", with
 * a missing or wrong group length (we read group 0002 elements for as long as they come, as
 * pydicom does, and say when the length disagrees), and the meta group in implicit VR when a
 * writer got that wrong. A raw data set (no meta at all) gives an empty meta list.
 */
export function readPart10Prefix(p: ElementParser): Part10Prefix {
  const hasPreamble = p.size >= 132 && hasDicmAt(p, 128);
  const dicmAtStart = !hasPreamble && hasDicmAt(p, 0);
  const metaStart = hasPreamble ? 132 : dicmAtStart ? 4 : 0;
  const meta: DicomNode[] = [];
  const prefix: Part10Prefix = {
    hasPreamble, hasDicmPrefix: hasPreamble || dicmAtStart, meta, datasetOffset: metaStart, transferSyntaxUid: undefined,
  };
  if (p.size === 0) throw dicomParseError('This file is empty (0 bytes).');
  if (prefix.hasDicmPrefix && metaStart + 8 > p.size) throw dicomParseError(metaTruncated(p.size));
  if (!p.ensure(metaStart, 8) || p.u16(metaStart, true) !== 0x0002) {
    if (prefix.hasDicmPrefix) p.warn('meta-missing', 'The file has a DICM marker but no file meta information after it.', metaStart);
    return prefix;
  }
  const syntax = vrFromBytes(p.u8(metaStart + 4), p.u8(metaStart + 5)) ? EXPLICIT_LE : IMPLICIT_LE;
  if (!syntax.explicitVr) p.warn('meta-implicit', 'The file meta information is in implicit VR; the standard requires explicit VR.', metaStart);
  let pos = metaStart;
  try {
    while (p.ensure(pos, 8) ? p.u16(pos, true) === 0x0002 : pos < p.size) {
      pos = p.readOneElement(meta, pos, syntax).end;
    }
  } catch (e) {
    if (e instanceof StopParse) {
      throw dicomParseError(p.truncated ? p.truncationMessage() : 'The file meta information of this file is damaged.');
    }
    throw e;
  }
  prefix.datasetOffset = pos;
  const declaredEnd = checkGroupLength(p, meta, pos);
  // Cut right after a meta element: only the group length can tell the meta group went on.
  if (pos >= p.size && declaredEnd !== undefined && declaredEnd > p.size) throw dicomParseError(metaTruncated(p.size));
  const ts = meta.find((e) => e.tag === 0x00020010);
  if (ts) prefix.transferSyntaxUid = textOf(p.window, ts);
  return prefix;
}

function metaTruncated(size: number): string {
  return `This file ends after ${formatByteCount(size)} bytes, inside the File Meta Information header; it is probably truncated.`;
}

/** Warns when the group length is absent or disagrees; returns where it says the group ends. */
function checkGroupLength(p: ElementParser, meta: DicomNode[], end: number): number | undefined {
  const first = meta[0];
  if (!first || first.tag !== 0x00020000) {
    p.warn('meta-group-length', 'The file meta information has no group length (0002,0000).');
    return undefined;
  }
  const bytes = windowBytes(p.window, first.valueOffset, 4);
  if (!bytes || first.length !== 4) return undefined;
  const declared = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true);
  if (first.end + declared !== end) {
    p.warn('meta-group-length', `The file meta group length says ${formatByteCount(declared)} bytes but the group has ${formatByteCount(end - first.end)}; the elements were read as they are.`, first.offset, first.tag);
  }
  return first.end + declared;
}

/** The text of a short element (UIDs and codes in the meta group), without padding. */
export function textOf(window: ByteWindow, node: DicomNode): string {
  const bytes = windowBytes(window, node.valueOffset, node.length) ?? new Uint8Array(0);
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return text.replace(/[\0 ]+$/, '').replace(/^ +/, '');
}

/**
 * Guesses the encoding of a data set from its first element, for raw data sets and to catch
 * a transfer syntax that does not match the bytes. Undefined when the bytes are not a
 * plausible DICOM element at all.
 */
export function guessSyntax(p: ElementParser, offset: number): Syntax | undefined {
  if (!p.ensure(offset, 8)) return undefined;
  const group = p.u16(offset, true);
  const groupBe = p.u16(offset, false);
  const explicit = vrFromBytes(p.u8(offset + 4), p.u8(offset + 5)) !== undefined;
  if (plausibleGroup(group)) {
    if (explicit) return EXPLICIT_LE;
    const length = p.u32(offset + 4, true);
    if (length === 0xffffffff || offset + 8 + length <= p.size) return IMPLICIT_LE;
    return undefined;
  }
  if (plausibleGroup(groupBe) && explicit) return { explicitVr: true, littleEndian: false };
  return undefined;
}

/** First groups of real data sets: command/meta/directory/identification... up to 0x0030. */
function plausibleGroup(group: number): boolean {
  return group >= 0x0002 && group <= 0x0030 && group % 2 === 0;
}

export function notDicomError(): Error {
  return dicomParseError('This is not a DICOM file: no DICM marker and the first bytes are not a DICOM element.');
}
