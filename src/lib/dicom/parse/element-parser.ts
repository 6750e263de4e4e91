import { lookupTag } from './dictionary';
import { ByteCursor } from './byte-cursor';
import { StopParse, truncationMessage } from './errors';
import type { ByteWindow, DicomItem, DicomNode, ParseMode, ParseWarning, ParseWarningCode } from './types';
import { LONG_LENGTH_VRS, resolveAmbiguousVr, vrFromBytes } from './vr';
import { readFragments } from './fragments';
import { readSequenceItems } from './sequence';
import { checkValueLength } from './value-checks';

export const ITEM = 0xfffee000;
export const ITEM_DELIMITER = 0xfffee00d;
export const SEQUENCE_DELIMITER = 0xfffee0dd;
export const UNDEFINED_LENGTH = 0xffffffff;
/** Nested sequences deeper than this are not followed (real files stay far below: ~6). */
export const MAX_DEPTH = 32;
const MAX_WARNINGS = 100;

export interface Syntax {
  explicitVr: boolean;
  littleEndian: boolean;
}
export const IMPLICIT_LITTLE_ENDIAN: Syntax = { explicitVr: false, littleEndian: true };

const PIXEL_DATA_TAGS = new Set([0x7fe00010, 0x7fe00008, 0x7fe00009]);
export function isPixelDataTag(tag: number): boolean {
  return PIXEL_DATA_TAGS.has(tag);
}

/**
 * The core: reads elements from a ByteWindow, synchronously. It never trusts a length: every
 * read is bounds-checked against the window, every loop advances by at least 8 bytes or stops,
 * and nesting is capped at MAX_DEPTH. When it needs bytes that exist but are not loaded it throws
 * NeedBytes (the driver loads and parses again); when the data end early it records a warning
 * and throws StopParse, leaving the tree built so far in place (nodes are attached before
 * their contents are read).
 */
export class ElementParser extends ByteCursor {
  /** Pixel Representation of the top-level data set, for "US or SS" VRs in implicit files. */
  pixelRepresentation: number | undefined;
  /** First value of the last LUT Descriptor seen, for LUT Data's "US or OW". */
  lutEntries: number | undefined;
  pixelData: DicomNode | undefined;
  stoppedAtPixelData = false;
  truncated = false;
  /** Tag of the element being read, for messages; undefined when the file ends inside a tag. */
  currentTag: number | undefined;
  /** Group of the last element read, to name the module when the tag itself is cut off. */
  lastGroup: number | undefined;

  constructor(window: ByteWindow, readonly mode: ParseMode, readonly warnings: ParseWarning[] = []) {
    super(window);
  }

  warn(code: ParseWarningCode, message: string, offset?: number, tag?: number): void {
    if (this.warnings.length === MAX_WARNINGS) {
      this.warnings.push({ code, message: 'More anomalies were found; only the first ones are listed.' });
    }
    if (this.warnings.length > MAX_WARNINGS) return;
    this.warnings.push({ code, message, ...(offset === undefined ? {} : { offset }), ...(tag === undefined ? {} : { tag }) });
  }

  /** The file ended at `offset`: warn once and unwind. */
  truncate(offset: number, code: ParseWarningCode = 'truncated'): never {
    if (!this.truncated) {
      this.truncated = true;
      this.warn(code, this.truncationMessage(), offset, this.currentTag);
    }
    throw new StopParse('truncated');
  }

  truncationMessage(): string {
    return truncationMessage(this.size, this.currentTag, this.currentTag === undefined ? this.lastGroup : undefined);
  }

  /** The file ends inside the header of the element at `pos`: name it if its tag is there. */
  private truncateAtHeader(pos: number, littleEndian: boolean): never {
    this.currentTag = this.ensure(pos, 4) ? this.tagAt(pos, littleEndian) : undefined;
    this.truncate(pos);
  }

  /**
   * Reads elements from `pos` until `bound`, or until an item delimiter when inside an item
   * of undefined length. Returns where it stopped and whether a delimiter closed it.
   */
  readElements(
    list: DicomNode[], pos: number, bound: number, syntax: Syntax, depth: number, inUndefinedItem: boolean, top: boolean,
  ): { end: number; delimited: boolean } {
    let lastTag = -1;
    let orderWarned = false;
    while (pos < bound) {
      if (!this.ensure(pos, 8)) {
        if (top && !inUndefinedItem) {
          this.warn('trailing-bytes', `The last ${this.size - pos} bytes after the data set are not a complete element; they were ignored.`, pos);
          return { end: bound, delimited: false };
        }
        this.truncateAtHeader(pos, syntax.littleEndian);
      }
      const tag = this.tagAt(pos, syntax.littleEndian);
      if (tag === ITEM_DELIMITER) {
        if (inUndefinedItem) return { end: pos + 8, delimited: true };
        this.warn('unexpected-delimiter', 'An item delimiter appears where no item is open; it was skipped.', pos, tag);
        pos += 8;
        continue;
      }
      if (tag === SEQUENCE_DELIMITER || tag === ITEM) {
        if (inUndefinedItem) {
          this.warn('missing-item-delimiter', 'An item of undefined length ends without its item delimiter.', pos, tag);
          return { end: pos, delimited: false };
        }
        if (tag === ITEM) {
          this.warn('bad-item', 'An item tag appears among the elements of a data set; reading stopped there.', pos, tag);
          throw new StopParse('malformed');
        }
        this.warn('unexpected-delimiter', 'A sequence delimiter appears where no sequence is open; it was skipped.', pos, tag);
        pos += 8;
        continue;
      }
      if (tag < lastTag && !orderWarned) {
        orderWarned = true;
        this.warn('tag-order', 'Elements are not in ascending tag order.', pos, tag);
      }
      lastTag = tag;
      const node = this.readElement(list, pos, tag, bound, syntax, depth, top);
      pos = node.end;
      if (this.stoppedAtPixelData) return { end: pos, delimited: false };
    }
    return { end: pos, delimited: false };
  }

  /** Reads the one element at `pos` (the file meta group is read element by element). */
  readOneElement(list: DicomNode[], pos: number, syntax: Syntax): DicomNode {
    if (!this.ensure(pos, 8)) this.truncateAtHeader(pos, syntax.littleEndian);
    return this.readElement(list, pos, this.tagAt(pos, syntax.littleEndian), this.size, syntax, 0, false);
  }

  private readElement(list: DicomNode[], pos: number, tag: number, bound: number, syntax: Syntax, depth: number, top: boolean): DicomNode {
    if (this.currentTag !== undefined) this.lastGroup = this.currentTag >>> 16;
    this.currentTag = tag;
    const le = syntax.littleEndian;
    let vr: string | undefined;
    let length: number;
    let valueOffset: number;
    if (syntax.explicitVr) {
      vr = vrFromBytes(this.u8(pos + 4), this.u8(pos + 5));
      if (vr !== undefined && LONG_LENGTH_VRS.has(vr)) {
        if (!this.ensure(pos, 12)) this.truncate(pos);
        length = this.u32(pos + 8, le);
        valueOffset = pos + 12;
      } else if (vr !== undefined) {
        length = this.u16(pos + 6, le);
        valueOffset = pos + 8;
      } else {
        // No valid VR: some writers switch to implicit VR mid-file. Read it as implicit when the
        // 4-byte length fits, else as UN with a 2-byte length, and say so.
        const implicitLength = this.u32(pos + 4, le);
        const fits = implicitLength === UNDEFINED_LENGTH || pos + 8 + implicitLength <= bound;
        length = fits ? implicitLength : this.u16(pos + 6, le);
        valueOffset = pos + 8;
        vr = fits ? this.implicitVr(tag, implicitLength === UNDEFINED_LENGTH) : 'UN';
        this.warn('invalid-vr', `Element has no valid VR (bytes ${hex2(this.u8(pos + 4))} ${hex2(this.u8(pos + 5))}); it was read as ${fits ? 'implicit VR' : 'UN'}.`, pos, tag);
      }
    } else {
      length = this.u32(pos + 4, le);
      valueOffset = pos + 8;
      vr = this.implicitVr(tag, length === UNDEFINED_LENGTH);
    }
    const undefinedLength = length === UNDEFINED_LENGTH;
    const node: DicomNode = { tag, vr, offset: pos, valueOffset, length: undefinedLength ? 0 : length, undefinedLength, end: valueOffset };
    list.push(node);
    const dictionaryVr = vr === 'UN' || !syntax.explicitVr ? lookupTag(tag)?.vr : undefined;
    if (vr === 'UN' && syntax.explicitVr && dictionaryVr !== undefined && dictionaryVr !== 'UN') {
      node.valueVr = this.resolve(dictionaryVr, undefinedLength);
    }
    const pixel = top && isPixelDataTag(tag);
    if (pixel) this.pixelData = node;

    if (undefinedLength) {
      if (tag === 0x7fe00010 || (vr !== 'SQ' && vr !== 'UN' && syntax.explicitVr) || (!syntax.explicitVr && (vr === 'OB' || vr === 'OW'))) {
        if (pixel && this.mode === 'header') this.stoppedAtPixelData = true;
        readFragments(this, node, syntax, pixel && this.mode === 'header');
        return node;
      }
      // SQ, UN (PS3.5 6.2.2: a sequence in implicit VR little endian), or unknown in implicit VR.
      const itemSyntax = vr === 'UN' && syntax.explicitVr ? IMPLICIT_LITTLE_ENDIAN : syntax;
      if (vr === 'UN') node.valueVr = 'SQ';
      readSequenceItems(this, node, itemSyntax, bound, depth);
      return node;
    }

    const valueEnd = valueOffset + length;
    node.end = valueEnd;
    if (pixel && this.mode === 'header') {
      this.stoppedAtPixelData = true;
      if (valueEnd > this.size) {
        this.truncated = true;
        this.warn('value-past-end', truncationMessage(this.size, tag), pos, tag);
      }
      return node;
    }
    if (vr === 'SQ' || node.valueVr === 'SQ' || (vr === 'UN' && dictionaryVr === 'SQ')) {
      const itemSyntax = vr === 'SQ' ? syntax : IMPLICIT_LITTLE_ENDIAN;
      if (vr === 'SQ' || this.looksLikeItems(valueOffset, length)) {
        if (vr !== 'SQ') node.valueVr = 'SQ';
        readSequenceItems(this, node, itemSyntax, bound, depth);
        return node;
      }
      delete node.valueVr;
      this.warn('un-sequence-unreadable', 'A sequence stored as UN does not start with an item; its bytes were kept as they are.', pos, tag);
    }
    if (valueEnd > this.size) {
      node.end = this.size;
      this.truncate(pos, 'value-past-end');
    }
    if (valueEnd > bound) this.warn('bad-item', 'An element runs past the end of the item that holds it.', pos, tag);
    if ((length & 1) === 1) this.warn('odd-length', `Element has an odd value length (${length}).`, pos, tag);
    checkValueLength(this, node, node.valueVr ?? vr);
    if (top && tag === 0x00280103 && length >= 2 && this.ensure(valueOffset, 2)) this.pixelRepresentation = this.u16(valueOffset, le);
    if (tag === 0x00283002 && length >= 2 && this.ensure(valueOffset, 2)) this.lutEntries = this.u16(valueOffset, le);
    return node;
  }

  /** A sequence in UN form must start with an item or a sequence delimiter (implicit VR LE). */
  private looksLikeItems(offset: number, length: number): boolean {
    if (length === 0) return true;
    if (length < 8 || !this.ensure(offset, 4)) return false;
    const tag = this.tagAt(offset, true);
    return tag === ITEM || tag === SEQUENCE_DELIMITER;
  }

  /** The VR of an element read without one: dictionary (ambiguities resolved), or UN. */
  implicitVr(tag: number, undefinedLength: boolean): string {
    const entry = lookupTag(tag);
    if (!entry) return 'UN';
    return this.resolve(entry.vr, undefinedLength);
  }

  private resolve(vr: string, undefinedLength: boolean): string {
    return resolveAmbiguousVr(vr, { undefinedLength, pixelRepresentation: this.pixelRepresentation, lutEntries: this.lutEntries });
  }

  newItem(offset: number, length: number, syntax: Syntax): DicomItem {
    const undefinedLength = length === UNDEFINED_LENGTH;
    return {
      offset, valueOffset: offset + 8, length: undefinedLength ? 0 : length, undefinedLength,
      explicitVr: syntax.explicitVr, littleEndian: syntax.littleEndian, elements: [], end: offset + 8,
    };
  }
}

function hex2(n: number): string {
  return n.toString(16).toUpperCase().padStart(2, '0');
}
