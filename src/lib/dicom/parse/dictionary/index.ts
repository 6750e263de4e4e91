import { DICTIONARY_TEXT } from './data.generated';

/**
 * Tag ↔ VR and keyword, from the generated compact dictionary (see make-dictionary.ts). Tags
 * are numbers `(group << 16 | element) >>> 0`, the cheapest form to compare and hash.
 */
export interface DictionaryEntry {
  tag: number;
  /** PS3.6 VR; lower-case codes are ambiguous ("ox", "xs", "lt", "up", "na"), see vr.ts. */
  vr: string;
  keyword: string;
}

let byTag: Map<number, DictionaryEntry> | undefined;
let byKeyword: Map<string, DictionaryEntry> | undefined;

/** Parsed on first use (about 2 ms), so importing the parser costs nothing until it parses. */
function load(): Map<number, DictionaryEntry> {
  if (byTag) return byTag;
  const tags = new Map<number, DictionaryEntry>();
  const keywords = new Map<string, DictionaryEntry>();
  let group = 0;
  for (const line of DICTIONARY_TEXT.split('\n')) {
    if (line.length === 4) {
      group = Number.parseInt(line, 16);
      continue;
    }
    const tag = ((group << 16) | Number.parseInt(line.slice(0, 4), 16)) >>> 0;
    const entry: DictionaryEntry = { tag, vr: line.slice(4, 6), keyword: line.slice(6) };
    tags.set(tag, entry);
    keywords.set(entry.keyword, entry);
  }
  byTag = tags;
  byKeyword = keywords;
  return tags;
}

const GROUP_LENGTH: Omit<DictionaryEntry, 'tag'> = { vr: 'UL', keyword: 'GroupLength' };
const PRIVATE_CREATOR: Omit<DictionaryEntry, 'tag'> = { vr: 'LO', keyword: 'PrivateCreator' };

/** The standard entry for a tag, including repeating groups (60xx overlays, 50xx curves). */
export function lookupTag(tag: number): DictionaryEntry | undefined {
  const tags = load();
  const exact = tags.get(tag);
  if (exact) return exact;
  const group = tag >>> 16;
  const element = tag & 0xffff;
  if (element === 0) return { tag, ...GROUP_LENGTH };
  if (isPrivateTag(tag)) return element >= 0x10 && element <= 0xff ? { tag, ...PRIVATE_CREATOR } : undefined;
  const repeating = (group >= 0x5000 && group <= 0x50ff) || (group >= 0x6000 && group <= 0x60ff);
  if (repeating) {
    const base = tags.get((((group & 0xff00) << 16) | element) >>> 0);
    if (base) return { ...base, tag };
  }
  return undefined;
}

export function tagForKeyword(keyword: string): number | undefined {
  load();
  return byKeyword?.get(keyword)?.tag;
}

export function keywordForTag(tag: number): string | undefined {
  return lookupTag(tag)?.keyword;
}

/** Odd groups are private (PS3.5 7.8); groups 0001, 0003, 0005, 0007 and FFFF are illegal but treated alike. */
export function isPrivateTag(tag: number): boolean {
  return ((tag >>> 16) & 1) === 1;
}

/** "(0010,0010)" — the form people and dcmdump use. */
export function formatTag(tag: number): string {
  const hex = (tag >>> 0).toString(16).toUpperCase().padStart(8, '0');
  return `(${hex.slice(0, 4)},${hex.slice(4)})`;
}

/** "00100010" — the form the writer and most tables use. */
export function tagHex(tag: number): string {
  return (tag >>> 0).toString(16).toUpperCase().padStart(8, '0');
}

/** Accepts "00100010", "0010,0010", "(0010,0010)" or a number; undefined when malformed. */
export function parseTag(input: string | number): number | undefined {
  if (typeof input === 'number') return Number.isInteger(input) && input >= 0 && input <= 0xffffffff ? input >>> 0 : undefined;
  const hex = input.replace(/[(),\s]/g, '');
  return /^[0-9a-fA-F]{8}$/.test(hex) ? Number.parseInt(hex, 16) >>> 0 : undefined;
}
