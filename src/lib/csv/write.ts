import { guardFormula } from './formula-guard';

/**
 * RFC 4180 CSV writer: CRLF after every record (the last one too), fields holding the
 * delimiter, a quote, CR or LF wrapped in double quotes with inner quotes doubled, everything
 * else verbatim.
 */

export type CsvCell = string | number | boolean | null | undefined;

export interface CsvWriteOptions {
  /**
   * Prefix cells that a spreadsheet would run as a formula with an apostrophe (see
   * formula-guard.ts). Off by default here because the writer also serves machine-read files
   * (labels, manifests) whose values must round-trip byte for byte; exports meant to be opened
   * by a person in a spreadsheet turn it on (metadataTableToCsv does by default).
   */
  guardFormulas?: boolean;
  /** Start with a UTF-8 byte order mark, so Excel reads non-ASCII text as UTF-8, not ANSI. */
  bom?: boolean;
  /** Default ','. ';' suits spreadsheets set to a decimal-comma locale. */
  delimiter?: string;
}

export const UTF8_BOM = '\uFEFF';

/** One field as written: null/undefined as an empty field, numbers in JS's shortest form. */
export function csvField(value: CsvCell, options: CsvWriteOptions = {}): string {
  const delimiter = options.delimiter ?? ',';
  let text = value === null || value === undefined ? '' : String(value);
  if (options.guardFormulas && typeof value === 'string') text = guardFormula(text);
  const mustQuote = text.includes(delimiter) || /["\r\n]/.test(text);
  return mustQuote ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRecord(fields: readonly CsvCell[], options: CsvWriteOptions = {}): string {
  return fields.map((field) => csvField(field, options)).join(options.delimiter ?? ',');
}

/** A whole file: the header record, then one record per row. */
export function toCsv(
  header: readonly string[],
  rows: ReadonlyArray<readonly CsvCell[]>,
  options: CsvWriteOptions = {},
): string {
  const delimiter = options.delimiter ?? ',';
  if (delimiter.length !== 1 || /["\r\n]/.test(delimiter)) {
    throw new RangeError(`A CSV delimiter is one character other than a quote, CR or LF, not ${JSON.stringify(delimiter)}`);
  }
  const body = [header, ...rows].map((fields) => csvRecord(fields, options) + '\r\n').join('');
  return (options.bom ? UTF8_BOM : '') + body;
}
