import { hmac } from './hmac';

/**
 * Per-patient date shifting. The shift is drawn from HMAC(secret, patient key) in
 * [minDays, maxDays], so every file of a patient moves by the same number of days (intervals
 * survive) while nobody without the secret can undo it. Shifted values stay valid DA / DT.
 */
export async function patientShiftDays(key: CryptoKey, patientKey: string, minDays: number, maxDays: number): Promise<number> {
  const digest = await hmac(key, 'date-shift', patientKey);
  const n = (((digest[0] ?? 0) << 24) | ((digest[1] ?? 0) << 16) | ((digest[2] ?? 0) << 8) | (digest[3] ?? 0)) >>> 0;
  return minDays + (n % (maxDays - minDays + 1));
}

const DAY_MS = 86_400_000;

function validDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

function formatDate(t: Date): string | undefined {
  const y = t.getUTCFullYear();
  if (y < 1 || y > 9999) return undefined;
  return `${String(y).padStart(4, '0')}${String(t.getUTCMonth() + 1).padStart(2, '0')}${String(t.getUTCDate()).padStart(2, '0')}`;
}

/** "YYYYMMDD" (or the old "YYYY.MM.DD") moved by `days`; undefined when it is not a valid date. */
export function shiftDateValue(value: string, days: number): string | undefined {
  const m = /^(\d{4})\.?(\d{2})\.?(\d{2})$/.exec(value.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!validDate(y, mo, d)) return undefined;
  return formatDate(new Date(Date.UTC(y, mo - 1, d) + days * DAY_MS));
}

/** A DA value, including ranges ("A-B", "-B", "A-"); undefined when any part is not a date. */
export function shiftDa(value: string, days: number): string | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return '';
  if (!trimmed.includes('-')) return shiftDateValue(trimmed, days);
  const parts = trimmed.split('-');
  if (parts.length !== 2) return undefined;
  const shifted = parts.map((p) => (p === '' ? '' : shiftDateValue(p, days)));
  return shifted.some((p) => p === undefined) ? undefined : shifted.join('-');
}

/**
 * A DT value: the date part moves, time and UTC offset stay as written. A DT of year or
 * year-month precision moves by the shift applied to its middle, keeping its precision.
 */
export function shiftDt(value: string, days: number): string | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return '';
  const m = /^(\d{4})(\d{2})?(\d{2})?(.*)$/.exec(trimmed);
  if (!m) return undefined;
  const [y, mo, d, rest] = [Number(m[1]), m[2] ? Number(m[2]) : undefined, m[3] ? Number(m[3]) : undefined, m[4] ?? ''];
  const parts = /^(\d{2}(\d{2}(\d{2}(\.\d{1,6})?)?)?)?([+-]\d{4})?$/.exec(rest);
  if (!parts || (parts[1] !== undefined && !isValidTm(parts[1]))) return undefined;
  if (mo !== undefined && d !== undefined) {
    const shifted = shiftDateValue(`${m[1]}${m[2]}${m[3]}`, days);
    return shifted === undefined ? undefined : shifted + rest;
  }
  if (rest !== '' && !/^[+-]\d{4}$/.test(rest)) return undefined;
  const middle = shiftDateValue(`${m[1]}${m[2] ?? '07'}${mo === undefined ? '02' : '15'}`, days);
  if (middle === undefined || (mo !== undefined && (mo < 1 || mo > 12)) || y < 1) return undefined;
  return (mo === undefined ? middle.slice(0, 4) : middle.slice(0, 6)) + rest;
}

/** Whether a TM value is valid (HH, HHMM, HHMMSS, HHMMSS.F{1,6}; the old "HH:MM:SS" too). */
export function isValidTm(value: string): boolean {
  const v = value.trim().replace(/:/g, '');
  const m = /^(\d{2})(\d{2})?(\d{2})?(\.\d{1,6})?$/.exec(v);
  if (!m) return false;
  return Number(m[1]) < 24 && (m[2] === undefined || Number(m[2]) < 60) && (m[3] === undefined || Number(m[3]) < 61) && (m[4] === undefined || m[3] !== undefined);
}

/**
 * HIPAA Safe Harbor: an AS age above 89 years becomes "090Y". Ages in days, weeks and months
 * are converted to years for the test.
 */
export function capAge(value: string): string {
  const m = /^(\d{3})([DWMY])$/.exec(value.trim());
  if (!m) return value;
  const n = Number(m[1]);
  const years = m[2] === 'Y' ? n : m[2] === 'M' ? n / 12 : m[2] === 'W' ? n / 52.1775 : n / 365.25;
  return years > 89 ? '090Y' : value;
}

/**
 * HIPAA Safe Harbor for a kept birth date: when the patient was older than 89 on the study
 * date, the birth date becomes the study date 90 years earlier (the age then reads as 90).
 * Undefined when no cap is needed or either date is not a valid DA.
 */
export function hipaaBirthDateCap(birthDate: string, studyDate: string): string | undefined {
  const birth = /^(\d{4})(\d{2})(\d{2})$/.exec(birthDate.trim());
  const study = /^(\d{4})(\d{2})(\d{2})$/.exec(studyDate.trim());
  if (!birth || !study || shiftDateValue(birthDate, 0) === undefined || shiftDateValue(studyDate, 0) === undefined) return undefined;
  const age = Number(study[1]) - Number(birth[1]) - (`${study[2]}${study[3]}` < `${birth[2]}${birth[3]}` ? 1 : 0);
  if (age <= 89) return undefined;
  const year = String(Number(study[1]) - 90).padStart(4, '0');
  return shiftDateValue(`${year}${study[2]}${study[3]}`, 0) ?? `${year}${study[2]}28`; // 29 Feb of a non-leap year
}
