import { EnclaveError } from '../../jobs';
import { textDecoding, type TextDecoding } from '../parse/charset';
import { SINGLE_VALUE_TEXT_VRS } from '../parse/vr';

/**
 * Text ↔ bytes for editing. Encoding is supported for the repertoires de-identification
 * writes into: the default (ASCII), ISO_IR 100 (Latin-1) and ISO_IR 192 (UTF-8). Other
 * character sets accept ASCII only (ASCII is valid in every one of them as G0).
 */
export type TextEncodingName = 'ascii' | 'latin1' | 'utf8' | 'other';

const utf8 = new TextEncoder();

/** Which encoder a Specific Character Set (0008,0005) allows. */
export function encodingFor(specificCharacterSet: readonly string[]): TextEncodingName {
  const terms = specificCharacterSet.map((t) => t.trim().toUpperCase());
  const first = terms[0] ?? '';
  if (terms.length > 1) return 'other'; // ISO 2022 code extensions
  if (first === '' || first === 'ISO_IR 6' || first === 'ISO 2022 IR 6') return 'ascii';
  if (first === 'ISO_IR 100') return 'latin1';
  if (first === 'ISO_IR 192') return 'utf8';
  return 'other';
}

export function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

export function isLatin1(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0xff) return false;
  return true;
}

/** Encodes text; undefined when `encoding` cannot represent it. */
export function encodeText(text: string, encoding: TextEncodingName): Uint8Array | undefined {
  if (encoding === 'utf8') return utf8.encode(text);
  if (isAscii(text) || (encoding === 'latin1' && isLatin1(text))) {
    const out = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
    return out;
  }
  return undefined;
}

/** ASCII text bytes of one or more values (UIDs, codes, dates, numbers); refuses non-ASCII. */
export function textBytes(text: string | readonly string[], vr: string): Uint8Array {
  const joined = typeof text === 'string' ? text : joinValues(text, vr);
  const bytes = encodeText(joined, 'ascii');
  if (!bytes) throw new EnclaveError('InvalidInputError', `A ${vr} value must be ASCII: ${JSON.stringify(joined)}.`);
  return bytes;
}

export function joinValues(values: readonly string[], vr: string): string {
  if (SINGLE_VALUE_TEXT_VRS.has(vr) && values.length > 1) {
    throw new EnclaveError('InvalidInputError', `${vr} holds a single value; got ${values.length}.`);
  }
  return values.join('\\');
}

/** The decoding for a data set's Specific Character Set values. */
export function decodingFor(specificCharacterSet: readonly string[]): TextDecoding {
  return textDecoding(specificCharacterSet);
}
