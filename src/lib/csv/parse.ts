import { unguardFormula } from './formula-guard';
import { UTF8_BOM } from './write';

/**
 * RFC 4180 CSV reader, lenient where files in the wild are (LF or CRLF or lone CR line ends,
 * a UTF-8 BOM, a missing final line end) and strict where guessing would corrupt data: every
 * departure from the format is reported as an issue with its record and line number, so an
 * import can show "line 12: 3 fields, expected 5" instead of silently shifting columns.
 *
 * Empty lines between records are skipped, not read as one-empty-field records: spreadsheets
 * leave them at the end of files, and a one-column file of empty values is not worth that trap.
 */

export interface CsvParseOptions {
  /** Default ','. */
  delimiter?: string;
  /** Strip the apostrophe that CsvWriteOptions.guardFormulas added (reading our own exports). */
  unguardFormulas?: boolean;
}

export type CsvIssueKind =
  | 'ragged-row' // a record with another field count than the first record
  | 'unterminated-quote' // a quoted field still open at the end of the text
  | 'stray-quote' // a quote inside an unquoted field, kept as a character
  | 'text-after-quote' // characters between a closing quote and the next delimiter, kept
  | 'duplicate-header'; // parseCsvTable only: two columns with one name

export interface CsvIssue {
  kind: CsvIssueKind;
  /** 1-based record number (the header is record 1). */
  record: number;
  /** 1-based line of the text where that record starts. */
  line: number;
  message: string;
}

export interface CsvParseResult {
  records: string[][];
  issues: CsvIssue[];
}

export function parseCsv(text: string, options: CsvParseOptions = {}): CsvParseResult {
  const delimiter = options.delimiter ?? ',';
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\r' || delimiter === '\n') {
    throw new RangeError(`A CSV delimiter is one character other than a quote, CR or LF, not ${JSON.stringify(delimiter)}`);
  }
  const src = text.startsWith(UTF8_BOM) ? text.slice(1) : text;
  const records: string[][] = [];
  const recordLines: number[] = [];
  const issues: CsvIssue[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let inRecord = false; // any character of the current record seen yet
  let quoted = false; // inside a quoted field
  let afterQuote = false; // a quoted field closed, its delimiter not yet seen
  let quoteLine = 1;

  const issue = (kind: CsvIssueKind, message: string, at = recordLine): void => {
    issues.push({ kind, record: records.length + 1, line: at, message });
  };
  const endField = (): void => {
    fields.push(options.unguardFormulas ? unguardFormula(field) : field);
    field = '';
    afterQuote = false;
  };
  const endRecord = (): void => {
    endField();
    records.push(fields);
    recordLines.push(recordLine);
    fields = [];
    inRecord = false;
  };

  for (let i = 0; i < src.length; i++) {
    const c = src[i] as string;
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
          afterQuote = true;
        }
      } else {
        if (c === '\n' || (c === '\r' && src[i + 1] !== '\n')) line++;
        field += c;
      }
      continue;
    }
    if (c === '\r' || c === '\n') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      if (inRecord) endRecord();
      line++;
      recordLine = line;
      continue;
    }
    if (!inRecord) {
      inRecord = true;
      recordLine = line;
    }
    if (c === delimiter) {
      endField();
    } else if (c === '"') {
      if (field === '' && !afterQuote) {
        quoted = true;
        quoteLine = line;
      } else {
        issue('stray-quote', `Line ${line}: a quote inside an unquoted field; it was kept as a character.`, line);
        field += c;
      }
    } else {
      if (afterQuote) {
        issue('text-after-quote', `Line ${line}: text after a closing quote; it was kept as part of the field.`, line);
        afterQuote = false;
      }
      field += c;
    }
  }
  if (quoted) {
    issue('unterminated-quote', `Line ${quoteLine}: a quoted field is never closed; the rest of the text was read into it.`, quoteLine);
  }
  if (inRecord || quoted) endRecord();
  markRaggedRows(records, recordLines, issues);
  return { records, issues };
}

function markRaggedRows(records: readonly string[][], recordLines: readonly number[], issues: CsvIssue[]): void {
  const expected = records[0]?.length;
  if (expected === undefined) return;
  records.forEach((fields, k) => {
    if (fields.length === expected) return;
    const line = recordLines[k] ?? 0;
    issues.push({
      kind: 'ragged-row', record: k + 1, line,
      message: `Line ${line}: ${fields.length} fields, expected ${expected} like the first record.`,
    });
  });
  issues.sort((a, b) => a.record - b.record || a.line - b.line);
}

export interface CsvTable {
  header: string[];
  /** Records after the header, as read (ragged ones included; see issues). */
  rows: string[][];
  issues: CsvIssue[];
}

/** A CSV whose first record names the columns, as label files are. */
export function parseCsvTable(text: string, options: CsvParseOptions = {}): CsvTable {
  const { records, issues } = parseCsv(text, options);
  const header = records[0] ?? [];
  const seen = new Set<string>();
  for (const name of header) {
    if (seen.has(name)) {
      issues.push({ kind: 'duplicate-header', record: 1, line: 1, message: `Column "${name}" appears more than once in the header.` });
    }
    seen.add(name);
  }
  return { header, rows: records.slice(1), issues };
}

/** The rows as objects keyed by column name; a ragged row's missing cells are undefined. */
export function csvTableObjects(table: CsvTable): Array<Record<string, string | undefined>> {
  return table.rows.map((row) => Object.fromEntries(table.header.map((name, k) => [name, row[k]])));
}
