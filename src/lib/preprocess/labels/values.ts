/** Reading one CSV cell as a label value. */

// Not 'none' or '-': those are real class names in some files ("no finding").
const MISSING = new Set(['', 'na', 'n/a', 'nan', 'null']);

/** Empty cells and the usual spreadsheet spellings of "no value". */
export function isMissing(cell: string | undefined): boolean {
  return cell === undefined || MISSING.has(cell.trim().toLowerCase());
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A decimal number with a point: '12', '-3.5', '1e-3'. A decimal comma ('3,5') is refused rather
 * than guessed, since '1,234' could be either; the message tells the person to export with points.
 */
export function parseNumber(cell: string): number | undefined {
  const text = cell.trim();
  if (!NUMBER.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

const EVENT_TRUE = new Set(['1', 'true', 'yes', 'y', 'event', 'dead', 'died']);
const EVENT_FALSE = new Set(['0', 'false', 'no', 'n', 'censored', 'alive']);

/** 1 (event happened) or 0 (censored), from 1/0, true/false, yes/no. */
export function parseEvent(cell: string): 0 | 1 | undefined {
  const text = cell.trim().toLowerCase();
  if (EVENT_TRUE.has(text) || text === '1.0') return 1;
  if (EVENT_FALSE.has(text) || text === '0.0') return 0;
  return undefined;
}

/** Values sorted numerically when they all are numbers, else in code-unit order. */
export function sortValues(values: Iterable<string>): string[] {
  const list = [...new Set(values)];
  if (list.every((v) => parseNumber(v) !== undefined)) return list.sort((a, b) => (parseNumber(a) ?? 0) - (parseNumber(b) ?? 0));
  return list.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
