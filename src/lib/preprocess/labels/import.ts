import { parseCsvTable, type CsvParseOptions } from '../../csv';
import type { KeyResolution, LabelKeyIndex } from './key-index';
import { ageBand, isRequired, type LabelColumn, type LabelSchema } from './schema';
import { checkSchema, type CheckedSchema } from './schema-check';
import { summariseLabels } from './summary';
import type { LabelImportIssue, LabelImportResult, LabelRecord, LabelValue } from './types';
import { isMissing, parseEvent, parseNumber } from './values';

export interface LabelImportOptions {
  delimiter?: CsvParseOptions['delimiter'];
  /** How many problems to list (all are counted); default 500. */
  maxErrors?: number;
}

/**
 * Labels from a CSV, all or nothing: every row is checked, and any problem (a key that matches
 * no scan, a missing or ill-typed value, two rows for one scan) means nothing is imported and
 * every problem is listed by row. Keys given as original identifiers are translated through
 * the caller's lookup; the result holds only the translated keys, and the key and identifier
 * columns' values are dropped. Messages never quote an identifier.
 */
export function importLabelsCsv(text: string, schema: LabelSchema, keyIndex: LabelKeyIndex, options: LabelImportOptions = {}): LabelImportResult {
  const table = parseCsvTable(text, options.delimiter === undefined ? {} : { delimiter: options.delimiter });
  const errors: LabelImportIssue[] = table.issues.map((i) => ({ row: i.record, code: 'csv-format', message: i.message }));
  if (table.header.length === 0 || table.rows.length === 0) {
    errors.push({ row: 1, code: 'no-rows', message: 'The CSV has no data rows: it needs a header row and one row per scan or patient.' });
  }
  const { checked, issues } = checkSchema(schema, table.header);
  errors.push(...issues);
  if (!checked || errors.length > 0) return failed(errors, options);

  const records: LabelRecord[] = [];
  const keyed: KeyedRow[] = [];
  const matched = { deidentified: 0, original: 0 };
  table.rows.forEach((cells, k) => {
    const row = k + 2;
    const resolution = resolveKey(cells, checked, schema, keyIndex, row, errors);
    const values = readValues(cells, checked, row, errors);
    if (resolution) keyed.push({ row, patientPseudonym: resolution.patientPseudonym, itemIds: resolution.itemIds });
    if (!resolution || !values) return;
    if (resolution.via === 'original') matched.original++;
    else matched.deidentified++;
    records.push({ row, kind: resolution.kind, key: resolution.key, patientPseudonym: resolution.patientPseudonym, itemIds: resolution.itemIds, values });
  });
  findDuplicates(keyed, schema, errors);
  findIdentifierValues(table.rows, checked, keyIndex, errors);
  if (errors.length > 0) return failed(errors, options);

  const labels = { level: schema.level, columns: checked.keptColumns, records };
  const summary = summariseLabels(labels, { keyColumn: checked.key.name, keyKind: checked.key.keyKind ?? 'item', matched, itemCount: keyIndex.itemCount });
  return { ok: true, labels, droppedColumns: checked.dropped, summary };
}

function failed(errors: LabelImportIssue[], options: LabelImportOptions): LabelImportResult {
  const sorted = [...errors].sort((a, b) => a.row - b.row);
  return { ok: false, errors: sorted.slice(0, options.maxErrors ?? 500), errorCount: errors.length };
}

function resolveKey(
  cells: readonly string[], checked: CheckedSchema, schema: LabelSchema, keyIndex: LabelKeyIndex, row: number, errors: LabelImportIssue[],
): Extract<KeyResolution, { ok: true }> | undefined {
  const column = checked.key.name;
  const raw = cells[checked.keyHeaderIndex];
  if (raw === undefined || isMissing(raw)) {
    errors.push({ row, column, code: 'missing-value', message: `Row ${row}: the key column ${column} is empty, so the row labels nothing.` });
    return undefined;
  }
  const found = keyIndex.resolve(checked.key.keyKind ?? 'item', raw);
  if (!found.ok) {
    errors.push({ row, column, code: found.code, message: `Row ${row}: the ${column} value ${found.reason}.` });
    return undefined;
  }
  if (schema.level === 'patient' && found.kind !== 'patient') {
    // A patient's label keyed by one of their studies: it is about the patient, all their scans.
    const patient = keyIndex.resolve('patient', found.patientPseudonym);
    if (patient.ok) return { ...patient, via: found.via };
  }
  return found;
}

function readValues(cells: readonly string[], checked: CheckedSchema, row: number, errors: LabelImportIssue[]): Record<string, LabelValue> | undefined {
  const entries: Array<[string, LabelValue]> = [];
  let ok = true;
  for (const { column, index } of checked.kept) {
    const result = readCell(cells[index], column, row);
    if (typeof result === 'object' && result !== null && 'code' in result) {
      errors.push(result);
      ok = false;
      continue;
    }
    entries.push([column.name, result]);
    if (column.derive) entries.push([column.derive.name, typeof result === 'number' ? ageBand(result, column.derive.edges) : null]);
  }
  // fromEntries defines own properties, so a column named "__proto__" stays a plain field.
  return ok ? Object.fromEntries(entries) : undefined;
}

function readCell(cell: string | undefined, column: LabelColumn, row: number): LabelValue | LabelImportIssue {
  const at = `Row ${row}, column ${column.name}`;
  if (cell === undefined || isMissing(cell)) {
    if (!isRequired(column)) return null;
    return { row, column: column.name, code: 'missing-value', message: `${at}: a value is needed (${column.role}).` };
  }
  const text = cell.trim();
  if (column.role === 'event') {
    const event = parseEvent(text);
    if (event === undefined) return { row, column: column.name, code: 'bad-event', message: `${at}: "${text}" is not an event indicator; use 1 (event) or 0 (censored).` };
    return event;
  }
  if (column.role === 'class') {
    const classes = column.classes ?? [];
    if (!classes.includes(text)) {
      return { row, column: column.name, code: 'unknown-class', message: `${at}: "${text}" is not one of the classes ${classes.map((c) => `"${c}"`).join(', ')}; add it to the classes or correct the cell.` };
    }
    return text;
  }
  if (column.type === 'numeric') {
    const value = parseNumber(text);
    if (value === undefined) {
      const hint = /^\d+,\d+$/.test(text) ? ' (write decimals with a point)' : '';
      return { row, column: column.name, code: 'bad-number', message: `${at}: "${text}" is not a number${hint}.` };
    }
    if (column.role === 'time' && value < 0) return { row, column: column.name, code: 'bad-number', message: `${at}: a time to event cannot be negative (${text}).` };
    return value;
  }
  return text;
}

type KeyedRow = Pick<LabelRecord, 'row' | 'patientPseudonym' | 'itemIds'>;

/** Over every row whose key resolved, bad values or not, so one pass lists all problems. */
function findDuplicates(records: readonly KeyedRow[], schema: LabelSchema, errors: LabelImportIssue[]): void {
  const firstRow = new Map<string, number>();
  for (const record of records) {
    const targets = schema.level === 'patient' ? [record.patientPseudonym] : record.itemIds;
    const clash = targets.map((t) => firstRow.get(t)).find((r) => r !== undefined);
    if (clash !== undefined) {
      const what = schema.level === 'patient' ? 'patient' : record.itemIds.length > 1 ? 'scans' : 'scan';
      errors.push({ row: record.row, code: 'duplicate-key', message: `Row ${record.row} labels the same ${what} as row ${clash}; keep one row per ${schema.level === 'patient' ? 'patient' : 'scan'}.` });
      continue;
    }
    for (const t of targets) firstRow.set(t, record.row);
  }
}

/**
 * A kept cell equal to an identifier (say, a notes column repeating the patient ID, or an ID
 * column mapped as a covariate by mistake) would carry it into the dataset. Two nets: values of
 * the file's own identifier columns (short values and numbers excepted: "1" or "M" in an ID
 * column would make every class cell look like one), and any original identifier the pseudonym
 * map knows.
 */
function findIdentifierValues(rows: readonly string[][], checked: CheckedSchema, keyIndex: LabelKeyIndex, errors: LabelImportIssue[]): void {
  const identifiers = new Map<string, string>();
  for (const index of checked.identifierIndexes) {
    for (const cells of rows) {
      const v = cells[index]?.trim() ?? '';
      if (v.length >= 4 && parseNumber(v) === undefined) identifiers.set(v, checked.header[index] ?? '');
    }
  }
  rows.forEach((cells, k) => {
    for (const { column, index } of checked.kept) {
      if (column.type !== 'categorical') continue;
      const value = cells[index]?.trim() ?? '';
      const source = identifiers.get(value);
      const where = source !== undefined ? `an identifier from column ${source}` : keyIndex.isOriginalIdentifier(value) ? 'an original identifier in the pseudonym map' : undefined;
      if (where !== undefined) {
        errors.push({ row: k + 2, column: column.name, code: 'identifier-value', message: `Row ${k + 2}, column ${column.name}: the value is ${where}; remove it, or map ${column.name} as an identifier.` });
      }
    }
  });
}
