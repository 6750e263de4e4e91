import type { Needle } from './needles';

/**
 * Byte-level search for the identifiers, whatever the element structure says: catches values in
 * places the decoded scan cannot see (a preamble, bytes after the data set, text inside OB/UN
 * blobs, UTF-16 text written by some vendors). Case-insensitive for ASCII letters; boundaries
 * as in needles.ts, judged on the neighbouring byte (UTF-16: code unit).
 */
export type RawEncoding = 'utf-8' | 'latin1' | 'utf-16le' | 'utf-16be';

export interface RawHit {
  needle: Needle;
  encoding: RawEncoding;
  /** Offset of the hit in the scanned bytes' coordinates (file or inflated data set). */
  offset: number;
}

interface Pattern {
  needle: Needle;
  encoding: RawEncoding;
  /** Bytes as a latin1 string with a-z folded to A-Z. */
  text: string;
  unit: 1 | 2;
}

const CHUNK = 0x8000;

/** Bytes as a latin1 string (one char per byte, so offsets stay byte offsets), a-z folded to A-Z. */
function folded(source: Uint8Array | readonly number[]): string {
  const bytes = Uint8Array.from(source);
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x61 && bytes[i]! <= 0x7a) bytes[i] = bytes[i]! - 32;
  let s = '';
  for (let i = 0; i < bytes.length; i += CHUNK) s += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return s;
}

function utf16(text: string, littleEndian: boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    if (littleEndian) out.push(u & 0xff, u >> 8);
    else out.push(u >> 8, u & 0xff);
  }
  return out;
}

function patternsFor(needle: Needle): Pattern[] {
  const out = new Map<string, Pattern>();
  const add = (encoding: RawEncoding, bytes: number[], unit: 1 | 2): void => {
    const text = folded(bytes);
    if (!out.has(`${unit}|${text}`)) out.set(`${unit}|${text}`, { needle, encoding, text, unit });
  };
  // Upper and lower case of non-ASCII letters differ in their bytes: look for both.
  for (const form of new Set([needle.text, needle.text.toLowerCase()])) {
    add('utf-8', [...new TextEncoder().encode(form)], 1);
    if ([...form].every((c) => c.charCodeAt(0) <= 0xff)) add('latin1', [...form].map((c) => c.charCodeAt(0)), 1);
    add('utf-16le', utf16(form, true), 2);
    add('utf-16be', utf16(form, false), 2);
  }
  return [...out.values()];
}

const isAsciiAlnum = (code: number | undefined): boolean =>
  code !== undefined && ((code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a));
const isAsciiDigit = (code: number | undefined): boolean => code !== undefined && code >= 0x30 && code <= 0x39;

function unitAt(hay: string, at: number, p: Pattern): number | undefined {
  if (at < 0 || at + p.unit > hay.length) return undefined;
  if (p.unit === 1) return hay.charCodeAt(at);
  const a = hay.charCodeAt(at);
  const b = hay.charCodeAt(at + 1);
  const code = p.encoding === 'utf-16le' ? a | (b << 8) : (a << 8) | b;
  return code;
}

const isUidByte = (code: number | undefined): boolean => code === 0x2e || isAsciiDigit(code);

function boundaryOk(hay: string, at: number, p: Pattern): boolean {
  const test = p.needle.rule === 'word' ? isAsciiAlnum : p.needle.rule === 'uid' ? isUidByte : isAsciiDigit;
  if (p.needle.rule === 'uid') return !test(unitAt(hay, at - p.unit, p)) && !test(unitAt(hay, at + p.text.length, p));
  const first = p.needle.text.charCodeAt(0);
  const last = p.needle.text.charCodeAt(p.needle.text.length - 1);
  const before = unitAt(hay, at - p.unit, p);
  const after = unitAt(hay, at + p.text.length, p);
  return !(test(first) && test(before)) && !(test(last) && test(after));
}

/**
 * Every hit of every needle in `bytes` (a contiguous range starting at `baseOffset`), at most
 * `maxHitsPerNeedle` per needle and encoding (one is enough to fail a file; a few locate it).
 */
export function scanRawBytes(bytes: Uint8Array, baseOffset: number, needles: readonly Needle[], maxHitsPerNeedle = 8): RawHit[] {
  const hay = folded(bytes);
  const hits: RawHit[] = [];
  for (const needle of needles) {
    for (const p of patternsFor(needle)) {
      let count = 0;
      for (let at = hay.indexOf(p.text); at >= 0 && count < maxHitsPerNeedle; at = hay.indexOf(p.text, at + 1)) {
        if (!boundaryOk(hay, at, p)) continue;
        hits.push({ needle, encoding: p.encoding, offset: baseOffset + at });
        count++;
      }
    }
  }
  return hits;
}
