import type { IdentifierKind, OriginalIdentifiers } from './identifiers';

/**
 * What to look for, and how. The matching rules (documented here, tested in needles.test.ts):
 *
 * - Names (patient, physicians; PN components split on ^ = , and spaces): each word of at least
 *   2 characters, case-insensitive, as a whole word: the characters just before and after must
 *   not be letters or digits. So "SMITH" is found in "Dr. Smith's note" and in "SMITH^JOHN", but
 *   not in "SMITHSONIAN". Name prefixes and suffixes (PN components 4 and 5: "DR", "MR") are
 *   skipped: they identify nobody.
 * - Institution name and addresses: the whole value, case-insensitive, as a whole phrase.
 * - IDs (patient and other IDs, study/procedure IDs, accession number, station name, device serial, instance UIDs):
 *   the exact value, case-insensitive, anywhere, with one exception: an ID that starts or ends
 *   with a digit must not continue into more digits ("12345" is not found in "9123456"), so
 *   numeric IDs do not match inside unrelated numbers. IDs shorter than 3 characters are skipped.
 * - Instance UIDs: the whole UID as a token (no digit or '.' just before or after), so "1.1"
 *   is not found inside "1.2.840.10008.5.1.4.1.1.4". Standard UIDs (1.2.840.10008.…) and UIDs
 *   under 6 characters are skipped.
 * - Birth dates: YYYYMMDD, YYYY-MM-DD, YYYY/MM/DD, DD.MM.YYYY, DD/MM/YYYY, MM/DD/YYYY, each not
 *   touching other digits.
 */
export type MatchRule = 'word' | 'id' | 'uid';

export interface Needle {
  kind: IdentifierKind;
  /** Upper-case text to find. */
  text: string;
  rule: MatchRule;
}

const MIN_WORD = 2;
const MIN_ID = 3;
/** Shorter "UIDs" ("1", "1.1" in test files) identify nothing and match everywhere. */
const MIN_UID = 6;

function nameWords(pn: string): string[] {
  const words: string[] = [];
  for (const group of pn.split('=')) {
    const components = group.split('^').slice(0, 3); // family, given, middle; not prefix/suffix
    for (const component of components) words.push(...component.split(/[\s,]+/));
  }
  return words.map((w) => w.replace(/^[.'-]+|[.'-]+$/g, '')).filter((w) => w.length >= MIN_WORD);
}

export function birthDateForms(da: string): string[] {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(da.trim());
  if (!m) return da.trim().length >= 6 ? [da.trim()] : [];
  const [, y, mo, d] = m as unknown as [string, string, string, string];
  return [`${y}${mo}${d}`, `${y}-${mo}-${d}`, `${y}/${mo}/${d}`, `${d}.${mo}.${y}`, `${d}/${mo}/${y}`, `${mo}/${d}/${y}`];
}

export function buildNeedles(ids: OriginalIdentifiers, ignore: ReadonlySet<IdentifierKind> = new Set()): Needle[] {
  const out = new Map<string, Needle>();
  const add = (kind: IdentifierKind, text: string, rule: MatchRule): void => {
    const upper = text.trim().toUpperCase();
    if (ignore.has(kind) || upper.length < (rule === 'word' ? MIN_WORD : rule === 'uid' ? MIN_UID : MIN_ID)) return;
    const key = `${rule}|${upper}`;
    if (!out.has(key)) out.set(key, { kind, text: upper, rule });
  };
  for (const name of ids.patientNames) for (const w of nameWords(name)) add('patient-name', w, 'word');
  for (const name of ids.physicianNames) for (const w of nameWords(name)) add('physician-name', w, 'word');
  for (const v of ids.institutionNames) add('institution-name', v, 'word');
  for (const v of ids.institutionAddresses) add('institution-address', v, 'word');
  for (const v of ids.patientAddresses) add('patient-address', v, 'word');
  for (const v of ids.patientIds) add('patient-id', v, 'id');
  for (const v of ids.otherPatientIds) add('other-patient-id', v, 'id');
  for (const v of ids.otherIds) add('other-id', v, 'id');
  for (const v of ids.accessionNumbers) add('accession-number', v, 'id');
  for (const v of ids.stationNames) add('station-name', v, 'id');
  for (const v of ids.deviceSerialNumbers) add('device-serial', v, 'id');
  for (const v of ids.instanceUids) if (!v.startsWith('1.2.840.10008.')) add('instance-uid', v, 'uid');
  for (const v of ids.birthDates) for (const form of birthDateForms(v)) add('birth-date', form, 'id');
  return [...out.values()];
}

const isAlnum = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isUidChar = (c: string | undefined): boolean => c === '.' || isDigit(c);

/** Whether a hit at [start, end) of `text` obeys the needle's rule. */
export function boundaryOk(text: string, start: number, end: number, needle: Needle): boolean {
  const before = start > 0 ? text[start - 1] : undefined;
  const after = text[end];
  if (needle.rule === 'word') {
    return !(isAlnum(needle.text[0]) && isAlnum(before)) && !(isAlnum(needle.text.at(-1)) && isAlnum(after));
  }
  if (needle.rule === 'uid') return !isUidChar(before) && !isUidChar(after);
  return !(isDigit(needle.text[0]) && isDigit(before)) && !(isDigit(needle.text.at(-1)) && isDigit(after));
}

/** Needles found in an upper-cased text, each needle once. */
export function findNeedles(upperText: string, needles: readonly Needle[]): Needle[] {
  const found: Needle[] = [];
  for (const needle of needles) {
    for (let at = upperText.indexOf(needle.text); at >= 0; at = upperText.indexOf(needle.text, at + 1)) {
      if (boundaryOk(upperText, at, at + needle.text.length, needle)) {
        found.push(needle);
        break;
      }
    }
  }
  return found;
}
