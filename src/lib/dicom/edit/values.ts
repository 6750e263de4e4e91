import { EnclaveError } from '../../jobs';
import { textDecoding, type TextDecoding } from '../parse/charset';
import { formatTag, tagHex } from '../parse/dictionary';
import { binaryNumbers, parseDecimal } from '../parse/values';
import { CHARSET_VRS, NUMBER_VR_SIZE, TEXT_VRS } from '../parse/vr';
import type { EditableDataset, EditableElement, EditableItem } from './types';
import { TAG } from './tags';
import { encodeText, encodingFor, isAscii, joinValues, textBytes } from './text';
import { getElement, insertElement } from './walk';
import { formatDecimalString, formatIntegerString } from './number-text';
import { isValidUid } from './uid';

/** Values of an element as text: text VRs decoded and unpadded, binary numbers formatted, AT as "GGGGEEEE". */
export function getText(el: EditableElement, decoding: TextDecoding): string[] {
  const bytes = el.value;
  if (!bytes || bytes.length === 0) return [];
  if (TEXT_VRS.has(el.vr)) {
    const keepLeading = el.vr === 'LT' || el.vr === 'ST' || el.vr === 'UT';
    return decoding.decodeValues(bytes, el.vr).map((v) => {
      const trimmed = v.replace(/[\0 ]+$/, '');
      return keepLeading ? trimmed : trimmed.replace(/^ +/, '');
    });
  }
  if (el.vr === 'AT') return binaryNumbers(bytes, 'AT', true).map(tagHex);
  if (el.vr in NUMBER_VR_SIZE && !el.vr.startsWith('O')) return binaryNumbers(bytes, el.vr, true).map(String);
  return [];
}

/** Numbers of a binary VR (little endian) or of DS/IS text (NaN where a value is not a number). */
export function getNumbers(el: EditableElement): number[] {
  const bytes = el.value;
  if (!bytes || bytes.length === 0) return [];
  if (el.vr === 'DS' || el.vr === 'IS') return new TextDecoder('latin1').decode(bytes).split('\\').map(parseDecimal);
  return binaryNumbers(bytes, el.vr, true);
}

/** The data set's Specific Character Set values (empty: the default repertoire). */
export function specificCharacterSet(ds: EditableDataset): string[] {
  const el = getElement(ds.elements, TAG.SpecificCharacterSet);
  if (!el?.value) return [];
  return new TextDecoder('latin1').decode(el.value).split('\\').map((v) => v.trim());
}

/** The decoding of the data set's text (its top-level Specific Character Set). */
export function datasetDecoding(ds: EditableDataset): TextDecoding {
  return textDecoding(specificCharacterSet(ds));
}

/**
 * Sets text values. Without `ds` (or for VRs outside Specific Character Set: CS, DA, UI, …) the
 * text must be ASCII. With `ds`, it is encoded in the data set's character set: ISO_IR 100
 * (Latin-1) or ISO_IR 192 (UTF-8); a default-repertoire data set given non-ASCII text is
 * SWITCHED to ISO_IR 192 (its other text is ASCII, which UTF-8 reads unchanged). Text the
 * character set cannot hold (non-Latin-1 in ISO_IR 100, non-ASCII in other or ISO 2022 sets)
 * is refused with InvalidInputError rather than silently mis-encoded. The top-level Specific
 * Character Set is the one used, also for elements inside items (an item with its own (0008,0005)
 * is rare and not looked at).
 */
export function setText(el: EditableElement, values: readonly string[], ds?: EditableDataset): EditableElement {
  if (!TEXT_VRS.has(el.vr)) throw new EnclaveError('InvalidInputError', `Element ${formatTag(el.tag)} is ${el.vr}, not text.`);
  const joined = joinValues(values, el.vr);
  if (isAscii(joined)) return setValue(el, textBytes(joined, el.vr));
  if (!ds || !CHARSET_VRS.has(el.vr)) {
    throw new EnclaveError('InvalidInputError', `Element ${formatTag(el.tag)} (${el.vr}) takes ASCII text only here: ${JSON.stringify(joined)}.`);
  }
  let encoding = encodingFor(specificCharacterSet(ds));
  if (encoding === 'ascii') {
    insertElement(ds.elements, { tag: TAG.SpecificCharacterSet, vr: 'CS', value: textBytes('ISO_IR 192', 'CS') });
    encoding = 'utf8';
  }
  const bytes = encodeText(joined, encoding);
  if (!bytes) {
    throw new EnclaveError('InvalidInputError', `Element ${formatTag(el.tag)}: the data set's character set (${specificCharacterSet(ds).join('\\')}) cannot hold ${JSON.stringify(joined)}.`);
  }
  return setValue(el, bytes);
}

/** Sets numbers: binary VRs little endian; DS formatted to at most 16 characters; IS as integers. */
export function setNumbers(el: EditableElement, values: readonly number[]): EditableElement {
  if (el.vr === 'DS') return setValue(el, textBytes(values.map((v) => formatDecimalString(v, el.tag)), 'DS'));
  if (el.vr === 'IS') return setValue(el, textBytes(values.map((v) => formatIntegerString(v, el.tag)), 'IS'));
  return setValue(el, encodeBinary(el, values));
}

/** Sets a UID (validated: digits and dots, at most 64 characters, no leading zero in a component). */
export function setUid(el: EditableElement, uid: string): EditableElement {
  if (!isValidUid(uid)) throw new EnclaveError('InvalidInputError', `Element ${formatTag(el.tag)}: ${JSON.stringify(uid)} is not a valid UID.`);
  return setValue(el, textBytes(uid, 'UI'));
}

/** Replaces the value (the element keeps its tag and VR; items and fragments are dropped). */
export function setValue(el: EditableElement, value: Uint8Array): EditableElement {
  el.value = value;
  delete el.items;
  delete el.fragments;
  return el;
}

export type ElementValue = string | readonly string[] | readonly number[] | Uint8Array | EditableItem[];

/**
 * A new element: text values (ASCII) for text VRs, numbers for binary/DS/IS, bytes as they are,
 * items for SQ. No value: an empty (zero-length) element.
 */
export function makeElement(tag: number, vr: string, value?: ElementValue): EditableElement {
  const el: EditableElement = { tag, vr };
  if (vr === 'SQ') {
    el.items = Array.isArray(value) ? (value as EditableItem[]) : [];
    return el;
  }
  if (value === undefined) return setValue(el, new Uint8Array(0));
  if (value instanceof Uint8Array) return setValue(el, value);
  if (typeof value === 'string') return vr === 'UI' ? setUid(el, value) : setText(el, [value]);
  const list = value as readonly (string | number)[];
  if (list.every((v) => typeof v === 'number')) return setNumbers(el, list as number[]);
  return setText(el, list.map(String));
}

function encodeBinary(el: EditableElement, values: readonly number[]): Uint8Array {
  const vr = el.vr;
  const size = vr === 'OB' || vr === 'UN' ? 1 : NUMBER_VR_SIZE[vr];
  if (size === undefined) throw new EnclaveError('InvalidInputError', `Element ${formatTag(el.tag)} is ${vr}; it does not hold numbers.`);
  const out = new Uint8Array(values.length * size);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => writeNumber(view, i * size, vr, v, el.tag));
  return out;
}

function writeNumber(view: DataView, at: number, vr: string, v: number, tag: number): void {
  const integer = !['FL', 'OF', 'FD', 'OD'].includes(vr);
  if (integer && !Number.isInteger(v)) throw new EnclaveError('InvalidInputError', `Element ${formatTag(tag)} (${vr}) takes integers; got ${v}.`);
  switch (vr) {
    case 'US': case 'OW': return view.setUint16(at, checked(v, 0, 0xffff, tag), true);
    case 'SS': return view.setInt16(at, checked(v, -0x8000, 0x7fff, tag), true);
    case 'UL': case 'OL': return view.setUint32(at, checked(v, 0, 0xffffffff, tag), true);
    case 'SL': return view.setInt32(at, checked(v, -0x80000000, 0x7fffffff, tag), true);
    case 'FL': case 'OF': return view.setFloat32(at, v, true);
    case 'FD': case 'OD': return view.setFloat64(at, v, true);
    case 'SV': return view.setBigInt64(at, BigInt(v), true);
    case 'UV': case 'OV': return view.setBigUint64(at, BigInt(checked(v, 0, Number.MAX_SAFE_INTEGER, tag)), true);
    case 'AT':
      view.setUint16(at, (checked(v, 0, 0xffffffff, tag) >>> 16) & 0xffff, true);
      return view.setUint16(at + 2, v & 0xffff, true);
    default: return view.setUint8(at, checked(v, 0, 0xff, tag));
  }
}

function checked(v: number, min: number, max: number, tag: number): number {
  if (v < min || v > max) throw new EnclaveError('InvalidInputError', `Element ${formatTag(tag)}: ${v} is out of range [${min}, ${max}].`);
  return v;
}
