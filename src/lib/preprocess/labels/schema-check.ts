import { ageBands, type LabelColumn, type LabelSchema } from './schema';
import type { DroppedColumn, KeptColumn, LabelImportIssue } from './types';

export interface CheckedSchema {
  key: LabelColumn;
  keyHeaderIndex: number;
  header: readonly string[];
  /** Columns kept, with their index in the header. */
  kept: Array<{ column: LabelColumn; index: number }>;
  keptColumns: KeptColumn[];
  dropped: DroppedColumn[];
  /** Header indexes of the identifier columns and the key, whose values must not reappear. */
  identifierIndexes: number[];
}

/** Checks the mapping against the header; problems are issues at row 1 (the header). */
export function checkSchema(schema: LabelSchema, header: readonly string[]): { checked?: CheckedSchema; issues: LabelImportIssue[] } {
  const issues: LabelImportIssue[] = [];
  const issue = (message: string, column?: string, code: LabelImportIssue['code'] = 'schema'): void => {
    issues.push(column === undefined ? { row: 1, code, message } : { row: 1, column, code, message });
  };
  const indexOf = new Map(header.map((name, k) => [name, k]));
  const named = new Set<string>();
  for (const c of schema.columns) {
    if (!indexOf.has(c.name)) issue(`The mapping names column "${c.name}", which the CSV header does not have.`, c.name, 'missing-column');
    if (named.has(c.name)) issue(`Column "${c.name}" is mapped twice; give it one role.`, c.name);
    named.add(c.name);
  }
  const keys = schema.columns.filter((c) => c.role === 'key');
  if (keys.length !== 1) issue(keys.length === 0 ? 'Choose the column that names the scan or patient of each row (the key).' : `Only one column can be the key; ${keys.map((k) => k.name).join(', ')} are.`);
  const key = keys[0];
  if (key && !key.keyKind) issue(`Say what the key column "${key.name}" holds: patient, study, accession number, file or scan id.`, key.name);
  if (key?.keyKind === 'item' || key?.keyKind === 'file') {
    if (schema.level === 'patient') issue(`Patient-level labels cannot be keyed by ${key.keyKind === 'file' ? 'file' : 'scan id'}; key them by patient or study.`, key.name);
  }
  const times = schema.columns.filter((c) => c.role === 'time');
  const events = schema.columns.filter((c) => c.role === 'event');
  if (times.length > 1 || events.length > 1 || times.length !== events.length) {
    issue('Survival labels need exactly one time column and one event column, mapped together.');
  }
  for (const c of schema.columns) {
    if (c.role === 'class' && (!c.classes || c.classes.length === 0)) issue(`List the classes of "${c.name}".`, c.name);
    if (c.role === 'class' && c.classes && new Set(c.classes).size !== c.classes.length) issue(`The classes of "${c.name}" list a class twice.`, c.name);
    if (['regression', 'time', 'event'].includes(c.role) && c.type !== 'numeric') issue(`"${c.name}" is a ${c.role} column, so its type must be numeric.`, c.name);
    if (c.derive) {
      if (c.type !== 'numeric') issue(`An age band is derived from a numeric column; "${c.name}" is categorical.`, c.name);
      if (indexOf.has(c.derive.name) || schema.columns.some((o) => o !== c && o.derive?.name === c.derive?.name)) {
        issue(`The derived column name "${c.derive.name}" is taken; choose another.`, c.name);
      }
      const e = c.derive.edges;
      if (e.some((x, i) => !Number.isFinite(x) || (i > 0 && x <= (e[i - 1] ?? -Infinity)))) issue(`The age band edges of "${c.name}" must be ascending numbers.`, c.name);
    }
  }
  if (issues.length > 0 || !key) return { issues };

  const byName = new Map(schema.columns.map((c) => [c.name, c]));
  const kept: CheckedSchema['kept'] = [];
  const keptColumns: KeptColumn[] = [];
  const dropped: DroppedColumn[] = [];
  const identifierIndexes: number[] = [];
  for (const [index, name] of header.entries()) {
    const column = byName.get(name);
    if (!column) {
      dropped.push({ name, reason: 'not-in-schema' });
    } else if (column.role === 'key' || column.role === 'identifier') {
      identifierIndexes.push(index);
      dropped.push({ name, reason: column.role });
    } else if (column.role === 'ignore') {
      dropped.push({ name, reason: 'ignored' });
    } else {
      kept.push({ column, index });
      const k: KeptColumn = { name, role: column.role, type: column.type };
      if (column.classes) k.classes = [...column.classes];
      keptColumns.push(k);
      if (column.derive) {
        keptColumns.push({ name: column.derive.name, role: 'sensitive', type: 'categorical', classes: ageBands(column.derive.edges), derivedFrom: name });
      }
    }
  }
  return { checked: { key, keyHeaderIndex: indexOf.get(key.name) ?? -1, header, kept, keptColumns, dropped, identifierIndexes }, issues };
}
