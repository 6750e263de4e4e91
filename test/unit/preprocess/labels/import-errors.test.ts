import { describe, expect, it } from 'vitest';
import {
  createLabelKeyIndex, importLabelsCsv, originalLookupFromMaps,
  type DatasetItemRef, type LabelImportResult, type LabelSchema,
} from '../../../../src/lib/preprocess/labels';

const ITEMS: DatasetItemRef[] = [
  { itemId: 'scan-a', patientPseudonym: 'ENC-A', studyUid: '2.25.1', filePaths: ['ENC-A/2.25.1/s/a.dcm'] },
  { itemId: 'scan-b', patientPseudonym: 'ENC-A', studyUid: '2.25.2', filePaths: ['ENC-A/2.25.2/s/b.dcm'] },
  { itemId: 'scan-c', patientPseudonym: 'ENC-C', studyUid: '2.25.3', filePaths: ['ENC-C/2.25.3/s/c1.dcm', 'ENC-C/2.25.3/s/c2.dcm'] },
];
const LOOKUP = originalLookupFromMaps({
  patients: new Map([['MRN-111', 'ENC-A'], ['MRN-333', 'ENC-C'], ['MRN-999', 'ENC-GONE']]),
  studies: new Map([['1.2.840.1', '2.25.1'], ['1.2.840.2', '2.25.2'], ['1.2.840.3', '2.25.3'], ['1.2.840.7', '2.25.2']]),
});
const INDEX = createLabelKeyIndex(ITEMS, LOOKUP);

const SCHEMA: LabelSchema = {
  level: 'scan',
  columns: [
    { name: 'study', role: 'key', type: 'categorical', keyKind: 'study' },
    { name: 'mrn', role: 'identifier', type: 'categorical' },
    { name: 'dx', role: 'class', type: 'categorical', classes: ['normal', 'reduced'] },
    { name: 'ef', role: 'regression', type: 'numeric' },
    { name: 'days', role: 'time', type: 'numeric' },
    { name: 'event', role: 'event', type: 'numeric' },
    { name: 'site', role: 'sensitive', type: 'categorical' },
    { name: 'note', role: 'covariate', type: 'categorical' },
  ],
};
const HEADER = 'study,mrn,dx,ef,days,event,site,note';
const GOOD = [
  '1.2.840.1,MRN-111,reduced,31.5,100,1,A,',
  '2.25.2,MRN-111,normal,58,400,0,A,second visit',
  '1.2.840.3,MRN-333,normal,61.2,365,no,B,',
];

function run(rows: readonly string[], schema: LabelSchema = SCHEMA): LabelImportResult {
  return importLabelsCsv([HEADER, ...rows].join('\n'), schema, INDEX);
}

function errorsOf(result: LabelImportResult): Array<[number, string | undefined, string]> {
  if (result.ok) throw new Error('expected the import to fail');
  return result.errors.map((e) => [e.row, e.column, e.code]);
}

describe('importLabelsCsv: a good file', () => {
  it('imports keys given as original or de-identified UIDs, and reads events spelled no/yes', () => {
    const result = run(GOOD);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.labels.records.map((r) => [r.row, r.key, r.itemIds.join('+'), r.values.event, r.values.note])).toEqual([
      [2, '2.25.1', 'scan-a', 1, null], [3, '2.25.2', 'scan-b', 0, 'second visit'], [4, '2.25.3', 'scan-c', 0, null],
    ]);
    expect(result.summary.matched).toEqual({ deidentified: 1, original: 2 });
    expect(result.summary.numeric.ef).toEqual({ count: 3, missing: 0, min: 31.5, max: 61.2, mean: (31.5 + 58 + 61.2) / 3 });
    expect(result.summary.classCounts).toEqual({ dx: { normal: 2, reduced: 1 }, site: { A: 2, B: 1 } });
  });
});

describe('importLabelsCsv: row-level errors, nothing imported', () => {
  it('unknown-key: a key that matches nothing, or a patient who is not in this dataset', () => {
    expect(errorsOf(run([...GOOD, '1.2.840.55,MRN-1,normal,50,1,0,A,']))).toEqual([[5, 'study', 'unknown-key']]);
    const byPatient: LabelSchema = { level: 'patient', columns: SCHEMA.columns.map((c) => (c.name === 'mrn' ? { ...c, role: 'key', keyKind: 'patient' } : c.name === 'study' ? { ...c, role: 'identifier' } : c)) };
    const result = run(['x,MRN-999,normal,50,1,0,A,'], byPatient);
    expect(errorsOf(result)).toEqual([[2, 'mrn', 'unknown-key']]);
  });

  it('ambiguous-key: a value that is one study de-identified and another as an original', () => {
    const index = createLabelKeyIndex(ITEMS, originalLookupFromMaps({ patients: new Map(), studies: new Map([['2.25.1', '2.25.3']]) }));
    const result = importLabelsCsv([HEADER, '2.25.1,,normal,50,1,0,A,'].join('\n'), SCHEMA, index);
    expect(errorsOf(result)).toEqual([[2, 'study', 'ambiguous-key']]);
  });

  it('missing-value: an empty required cell or key, while empty optional cells are null', () => {
    expect(errorsOf(run([GOOD[0]!, '2.25.2,,,58,400,0,A,', ',MRN-333,normal,61,365,0,B,']))).toEqual([
      [3, 'dx', 'missing-value'], [4, 'study', 'missing-value'],
    ]);
    expect(errorsOf(run(['2.25.2,,normal,NA,400,0,A,']))).toEqual([[2, 'ef', 'missing-value']]);
  });

  it('bad-number: text, a decimal comma, or a negative time', () => {
    const result = run(['2.25.1,,normal,"58,5",400,0,A,', '2.25.2,,normal,abc,400,0,A,', '2.25.3,,normal,50,-3,0,A,']);
    expect(errorsOf(result)).toEqual([[2, 'ef', 'bad-number'], [3, 'ef', 'bad-number'], [4, 'days', 'bad-number']]);
    if (result.ok) return;
    expect(result.errors.map((e) => e.message)).toEqual([
      'Row 2, column ef: "58,5" is not a number (write decimals with a point).',
      'Row 3, column ef: "abc" is not a number.',
      'Row 4, column days: a time to event cannot be negative (-3).',
    ]);
  });

  it('bad-event: an event that is not 0/1, yes/no or true/false', () => {
    const result = run(['2.25.1,,normal,50,10,2,A,']);
    expect(errorsOf(result)).toEqual([[2, 'event', 'bad-event']]);
    if (!result.ok) expect(result.errors[0]!.message).toBe('Row 2, column event: "2" is not an event indicator; use 1 (event) or 0 (censored).');
  });

  it('unknown-class: a class outside the list', () => {
    const result = run(['2.25.1,,Reduced,50,10,1,A,']);
    expect(errorsOf(result)).toEqual([[2, 'dx', 'unknown-class']]);
    if (!result.ok) expect(result.errors[0]!.message).toBe('Row 2, column dx: "Reduced" is not one of the classes "normal", "reduced"; add it to the classes or correct the cell.');
  });

  it('duplicate-key: two rows for one scan, even when one uses the original UID and one the de-identified', () => {
    const result = run([...GOOD, '2.25.1,,normal,50,10,1,A,']);
    expect(errorsOf(result)).toEqual([[5, undefined, 'duplicate-key']]);
    if (!result.ok) expect(result.errors[0]!.message).toBe('Row 5 labels the same scan as row 2; keep one row per scan.');
    expect(errorsOf(run([GOOD[1]!, '1.2.840.7,,normal,50,10,1,A,']))).toEqual([[3, undefined, 'duplicate-key']]);
  });

  it('identifier-value: a kept cell that repeats an identifier of the file', () => {
    const result = run([GOOD[0]!, '2.25.2,MRN-111,normal,58,400,0,A,MRN-111']);
    expect(errorsOf(result)).toEqual([[3, 'note', 'identifier-value']]);
    if (!result.ok) expect(result.errors[0]!.message).toBe('Row 3, column note: the value is an identifier from column mrn; remove it, or map note as an identifier.');
    // An original UID the pseudonym map knows, though no column of this file holds it.
    const known = run(['2.25.2,,normal,58,400,0,A,1.2.840.3']);
    expect(errorsOf(known)).toEqual([[2, 'note', 'identifier-value']]);
    if (!known.ok) expect(known.errors[0]!.message).toBe('Row 2, column note: the value is an original identifier in the pseudonym map; remove it, or map note as an identifier.');
  });

  it('csv-format, no-rows, missing-column and schema problems', () => {
    expect(errorsOf(run([GOOD[0]!, '2.25.2,,normal']))).toContainEqual([3, undefined, 'csv-format']);
    expect(errorsOf(run([]))).toEqual([[1, undefined, 'no-rows']]);
    const extra: LabelSchema = { ...SCHEMA, columns: [...SCHEMA.columns, { name: 'weight', role: 'covariate', type: 'numeric' }] };
    expect(errorsOf(run(GOOD, extra))).toEqual([[1, 'weight', 'missing-column']]);
    const noEvent: LabelSchema = { ...SCHEMA, columns: SCHEMA.columns.map((c) => (c.name === 'event' ? { ...c, role: 'covariate' } : c)) };
    const result = run(GOOD, noEvent);
    expect(errorsOf(result)).toEqual([[1, undefined, 'schema']]);
    if (!result.ok) expect(result.errors[0]!.message).toBe('Survival labels need exactly one time column and one event column, mapped together.');
    const noKey: LabelSchema = { ...SCHEMA, columns: SCHEMA.columns.filter((c) => c.role !== 'key') };
    expect(errorsOf(run(GOOD, noKey))).toEqual([[1, undefined, 'schema']]);
  });

  it('imports nothing when one row of many is bad, and lists every bad row', () => {
    const rows = [...GOOD, '9.9.9,,normal,50,10,1,A,', '2.25.3,,normal,x,10,1,A,'];
    const result = run(rows);
    expect(result.ok).toBe(false);
    expect(result).not.toHaveProperty('labels');
    expect(errorsOf(result)).toEqual([[5, 'study', 'unknown-key'], [6, 'ef', 'bad-number'], [6, undefined, 'duplicate-key']]);
  });

  it('never quotes a key value in a message', () => {
    const result = run(['1.2.840.55,MRN-1,normal,50,1,0,A,']);
    if (result.ok) throw new Error('expected failure');
    expect(result.errors[0]!.message).toBe('Row 2: the study value matches no study of this dataset (neither a de-identified StudyInstanceUID nor an original one).');
  });
});

describe('keys by file and scan level by patient', () => {
  it('a file key labels the scan holding the file; two files of one scan are a duplicate', () => {
    const schema: LabelSchema = { level: 'scan', columns: [{ name: 'file', role: 'key', type: 'categorical', keyKind: 'file' }, { name: 'dx', role: 'class', type: 'categorical', classes: ['n', 'r'] }] };
    const ok = importLabelsCsv('file,dx\n.\\ENC-A\\2.25.1\\s\\a.dcm,n\nENC-C/2.25.3/s/c1.dcm,r\n', schema, INDEX);
    if (!ok.ok) throw new Error(JSON.stringify(ok.errors));
    expect(ok.labels.records.map((r) => [r.key, r.itemIds.join()])).toEqual([['ENC-A/2.25.1/s/a.dcm', 'scan-a'], ['ENC-C/2.25.3/s/c1.dcm', 'scan-c']]);
    const dup = importLabelsCsv('file,dx\nENC-C/2.25.3/s/c1.dcm,r\nENC-C/2.25.3/s/c2.dcm,r\n', schema, INDEX);
    expect(errorsOf(dup)).toEqual([[3, undefined, 'duplicate-key']]);
  });

  it('a patient key at scan level labels all the patient\'s scans', () => {
    const schema: LabelSchema = { level: 'scan', columns: [{ name: 'patient', role: 'key', type: 'categorical', keyKind: 'patient' }, { name: 'sex', role: 'sensitive', type: 'categorical' }] };
    const result = importLabelsCsv('patient,sex\nMRN-111,F\nENC-C,M\n', schema, INDEX);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.labels.records.map((r) => [r.key, r.itemIds.join('+')])).toEqual([['ENC-A', 'scan-a+scan-b'], ['ENC-C', 'scan-c']]);
    expect(result.summary.labelledItems).toBe(3);
  });
});
