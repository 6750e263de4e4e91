import { EnclaveError } from '../../jobs';
import type { DicomDataset, DicomElement, StringVr } from './elements';
import { isValidUid } from './uid';

/**
 * Checks a data set before it is written, so a generator bug fails loudly here with the tag
 * and the rule it broke, instead of producing a file that only dciodvfy would reject later.
 */
export function validateDataset(dataset: DicomDataset, where = 'data set'): void {
  for (const [tag, element] of Object.entries(dataset)) {
    const at = `${where} (${tag.slice(0, 4)},${tag.slice(4)})`;
    if (!/^[0-9A-F]{8}$/.test(tag)) invalid(`${where}: tag "${tag}" must be 8 upper-case hex digits`);
    const group = Number.parseInt(tag.slice(0, 4), 16);
    const elementNo = Number.parseInt(tag.slice(4), 16);
    if (group <= 0x0002) invalid(`${at}: groups 0000-0002 are written by the Part 10 writer`);
    if (group % 2 === 1 && elementNo >= 0x1000) {
      const creator = `${tag.slice(0, 4)}00${tag.slice(4, 6)}`;
      if (!(creator in dataset)) invalid(`${at}: private element without its creator ${creator}`);
    }
    validateElement(element, at);
  }
}

const MAX_LENGTH: Record<StringVr, number> = {
  AE: 16, AS: 4, CS: 16, DA: 8, DS: 16, DT: 26, IS: 12, LO: 64, LT: 10240,
  PN: 64, SH: 16, ST: 1024, TM: 16, UC: 0xfffffffe, UI: 64, UR: 0xfffffffe, UT: 0xfffffffe,
};

const FORMAT: Partial<Record<StringVr, RegExp>> = {
  AS: /^\d{3}[DWMY]$/,
  CS: /^[A-Z0-9 _]*$/,
  DA: /^\d{8}$/,
  DS: /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/,
  IS: /^[+-]?\d+$/,
  TM: /^\d{2}(\d{2}(\d{2}(\.\d{1,6})?)?)?$/,
};

/** Text VRs that hold one value and may contain control characters and backslashes. */
const FREE_TEXT = new Set<StringVr>(['LT', 'ST', 'UT', 'UR']);

const INTEGER_RANGE = {
  US: [0, 0xffff], SS: [-0x8000, 0x7fff], UL: [0, 0xffffffff],
  SL: [-0x80000000, 0x7fffffff], AT: [0, 0xffffffff],
} as const;

function validateElement(element: DicomElement, at: string): void {
  switch (element.vr) {
    case 'SQ':
      element.items.forEach((item, i) => validateDataset(item, `${at} item ${i + 1}`));
      return;
    case 'OB':
    case 'OW':
      if (element.vr === 'OW' && element.bytes.byteLength % 2 !== 0) {
        invalid(`${at}: OW needs an even number of bytes`);
      }
      return;
    case 'FD':
    case 'FL':
      for (const v of element.values) if (!Number.isFinite(v)) invalid(`${at}: ${v} is not finite`);
      return;
    case 'US':
    case 'SS':
    case 'UL':
    case 'SL':
    case 'AT': {
      const [lo, hi] = INTEGER_RANGE[element.vr];
      for (const v of element.values) {
        if (!Number.isInteger(v) || v < lo || v > hi) invalid(`${at}: ${v} is not a valid ${element.vr}`);
      }
      return;
    }
    default:
      validateStrings(element.vr, element.values, at);
  }
}

function validateStrings(vr: StringVr, values: readonly string[], at: string): void {
  if (FREE_TEXT.has(vr) && values.length > 1) invalid(`${at}: ${vr} holds a single value`);
  for (const value of values) {
    if (value === '') continue; // an empty value is legal in every string VR
    if (value.length > MAX_LENGTH[vr]) invalid(`${at}: "${value}" is longer than ${MAX_LENGTH[vr]} for ${vr}`);
    const allowed = FREE_TEXT.has(vr) ? /^[\x20-\x7E\t\n\f\r]*$/ : /^[\x20-\x5B\x5D-\x7E]*$/;
    if (!allowed.test(value)) invalid(`${at}: "${value}" has characters ${vr} does not allow (ASCII only, no backslash)`);
    const format = FORMAT[vr];
    if (format && !format.test(value)) invalid(`${at}: "${value}" is not a valid ${vr}`);
    if (vr === 'UI' && !isValidUid(value)) invalid(`${at}: "${value}" is not a valid UID`);
  }
}

function invalid(message: string): never {
  throw new EnclaveError('InvalidInputError', `Cannot write DICOM: ${message}.`);
}
