/**
 * Obviously fake identities and calendar helpers. Every name starts with FAKE, every ID with
 * FAKE-, every organisation is "Enclave Synthetic …", so nobody can mistake a sample file for
 * a real person's, and a de-identification test can grep for "FAKE" in what it exports.
 */

const GIVEN_NAMES = [
  'ALPHA', 'BRAVO', 'CHARLIE', 'DELTA', 'ENIGMA', 'FOXTROT', 'GOLF', 'HOTEL', 'INDIA',
  'JULIET', 'KILO', 'LIMA', 'MIKE', 'NOVEMBER', 'OSCAR', 'PAPA', 'QUEBEC', 'ROMEO',
  'SIERRA', 'TANGO', 'UNIFORM', 'VICTOR', 'WHISKEY', 'XRAY', 'YANKEE', 'ZULU',
] as const;

export const FAKE_INSTITUTION_NAME = 'Enclave Synthetic Hospital';
export const FAKE_INSTITUTION_ADDRESS = '1 Fake Street, Nowhere Town, ZZ 00000';

export interface FakeIdentity {
  patientId: string;
  /** PN value: FAMILY^GIVEN^MIDDLE. */
  dicomName: string;
  /** What the burned-in banner shows: "FAKE, ALPHA". */
  bannerName: string;
  /** A second identifier (hospital record number) for private tags and nested sequences. */
  recordNumber: string;
}

export function fakeIdentity(index: number): FakeIdentity {
  const word = GIVEN_NAMES[index % GIVEN_NAMES.length] ?? 'ALPHA';
  const round = Math.floor(index / GIVEN_NAMES.length);
  const given = round === 0 ? word : `${word}${round + 1}`;
  const number = String(index + 1).padStart(4, '0');
  return {
    patientId: `FAKE-${number}`,
    dicomName: `FAKE^${given}^SAMPLE`,
    bannerName: `FAKE, ${given}`,
    recordNumber: `FAKE-MRN-${String(900000 + index + 1)}`,
  };
}

/** A fake staff member's PN value, e.g. "FAKE^REFERRER2^^DR". */
export function fakeStaffName(role: string, n: number, prefix = ''): string {
  return prefix === '' ? `FAKE^${role}${n}` : `FAKE^${role}${n}^^${prefix}`;
}

/** Day 0 of the synthetic calendar; study dates fall in the three years after it. */
const EPOCH_UTC_MS = Date.UTC(2021, 0, 4);
const DAY_MS = 86_400_000;

/** DICOM DA (YYYYMMDD) of a day number counted from the synthetic epoch. */
export function dicomDateFromDay(day: number): string {
  const d = new Date(EPOCH_UTC_MS + day * DAY_MS);
  return `${d.getUTCFullYear()}${pad2(d.getUTCMonth() + 1)}${pad2(d.getUTCDate())}`;
}

/** YYYYMMDD → YYYY-MM-DD, the form burned into banners (and easy for OCR). */
export function isoFromDicomDate(da: string): string {
  return `${da.slice(0, 4)}-${da.slice(4, 6)}-${da.slice(6, 8)}`;
}

/** Whole years between two DA dates, by the calendar (birthday not yet reached → one less). */
export function ageInYears(birthDa: string, onDa: string): number {
  const years = Number(onDa.slice(0, 4)) - Number(birthDa.slice(0, 4));
  return onDa.slice(4) < birthDa.slice(4) ? years - 1 : years;
}

/** DICOM AS for an age in years: "062Y". */
export function dicomAge(years: number): string {
  return `${String(Math.max(0, Math.min(999, years))).padStart(3, '0')}Y`;
}

export function dicomTime(hour: number, minute: number, second: number): string {
  return `${pad2(hour)}${pad2(minute)}${pad2(second)}`;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
