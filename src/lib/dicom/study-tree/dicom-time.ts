/**
 * DA/TM/DT text to comparable numbers. Only the order matters here, so a time without a date
 * is seconds in its day, and a date adds whole days since 1970 (UTC, no time zone guessing).
 */

/** YYYYMMDD (or the old YYYY.MM.DD) to days since 1970-01-01, or undefined. */
export function dicomDateDays(value: string | undefined): number | undefined {
  const m = /^(\d{4})\.?(\d{2})\.?(\d{2})$/.exec(value?.trim() ?? '');
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isFinite(ms) ? ms / 86_400_000 : undefined;
}

/** HH[MM[SS[.FFFFFF]]] (or the old HH:MM:SS.frac) to seconds since midnight, or undefined. */
export function dicomTimeSeconds(value: string | undefined): number | undefined {
  const m = /^(\d{2})(?::?(\d{2})(?::?(\d{2})(\.\d{1,6})?)?)?$/.exec(value?.trim() ?? '');
  if (!m) return undefined;
  const [h, min, s] = [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
  if (h > 23 || min > 59 || s > 60) return undefined;
  return h * 3600 + min * 60 + s + Number(m[4] ?? 0);
}

/** DT: YYYYMMDDHHMMSS.FFFFFF&ZZXX, the offset ignored (one device writes one offset). */
export function dicomDateTimeSeconds(value: string | undefined): number | undefined {
  const m = /^(\d{8})(\d{2,6}(?:\.\d{1,6})?)?(?:[+-]\d{4})?$/.exec(value?.trim() ?? '');
  if (!m) return undefined;
  const days = dicomDateDays(m[1]);
  if (days === undefined) return undefined;
  const seconds = m[2] === undefined ? 0 : dicomTimeSeconds(m[2]);
  return seconds === undefined ? undefined : days * 86_400 + seconds;
}

/** A date and a time together; the time alone when there is no date. */
export function dateAndTimeSeconds(date: string | undefined, time: string | undefined): number | undefined {
  const seconds = dicomTimeSeconds(time);
  if (seconds === undefined) return undefined;
  const days = dicomDateDays(date);
  return days === undefined ? seconds : days * 86_400 + seconds;
}
