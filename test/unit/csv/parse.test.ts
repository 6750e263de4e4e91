import { describe, expect, it } from 'vitest';
import { csvTableObjects, parseCsv, parseCsvTable, toCsv, type CsvCell } from '../../../src/lib/csv';

describe('parseCsv', () => {
  it('reads CRLF and LF line ends alike, with or without a final line end', () => {
    expect(parseCsv('a,b\r\n1,2\r\n').records).toEqual([['a', 'b'], ['1', '2']]);
    expect(parseCsv('a,b\n1,2').records).toEqual([['a', 'b'], ['1', '2']]);
    expect(parseCsv('a,b\r1,2\r').records).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('reads quoted fields with commas, doubled quotes and embedded line ends', () => {
    const { records, issues } = parseCsv('id,note\r\n1,"a, ""b""\r\nsecond line"\r\n2,""\r\n');
    expect(records).toEqual([['id', 'note'], ['1', 'a, "b"\r\nsecond line'], ['2', '']]);
    expect(issues).toEqual([]);
  });

  it('keeps empty fields, leading and trailing', () => {
    expect(parseCsv(',a,\r\n').records).toEqual([['', 'a', '']]);
  });

  it('strips a UTF-8 BOM and skips empty lines', () => {
    expect(parseCsv('\uFEFFa\r\n\r\n1\r\n\r\n').records).toEqual([['a'], ['1']]);
  });

  it('reports ragged rows with record and line numbers, counting lines inside quotes', () => {
    const { records, issues } = parseCsv('a,b,c\n1,"x\ny",3\n4,5\n6,7,8,9\n');
    expect(records).toEqual([['a', 'b', 'c'], ['1', 'x\ny', '3'], ['4', '5'], ['6', '7', '8', '9']]);
    expect(issues).toEqual([
      { kind: 'ragged-row', record: 3, line: 4, message: 'Line 4: 2 fields, expected 3 like the first record.' },
      { kind: 'ragged-row', record: 4, line: 5, message: 'Line 5: 4 fields, expected 3 like the first record.' },
    ]);
  });

  it('reports an unterminated quote and reads the rest into the field', () => {
    const { records, issues } = parseCsv('a,b\n1,"open\n2,3\n');
    expect(records).toEqual([['a', 'b'], ['1', 'open\n2,3\n']]);
    expect(issues.map((i) => [i.kind, i.record, i.line])).toEqual([['unterminated-quote', 2, 2]]);
  });

  it('keeps stray quotes and text after a closing quote, and says so', () => {
    const { records, issues } = parseCsv('ab"c,"d"e\n');
    expect(records).toEqual([['ab"c', 'de']]);
    expect(issues.map((i) => [i.kind, i.record, i.line])).toEqual([['stray-quote', 1, 1], ['text-after-quote', 1, 1]]);
  });

  it('reads another delimiter', () => {
    expect(parseCsv('a;b\n"1;5";2,5\n', { delimiter: ';' }).records).toEqual([['a', 'b'], ['1;5', '2,5']]);
  });

  it('gives nothing for an empty text', () => {
    expect(parseCsv('')).toEqual({ records: [], issues: [] });
  });
});

describe('round trips', () => {
  const awkward: CsvCell[][] = [
    ['plain', 'with,comma', 'with "quotes"', 'multi\r\nline', 'lf\nonly', ''],
    ['=SUM(A1)', '-5', '@x', 'Müller 日本', ' spaced ', '"'],
  ];
  const header = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'];

  it('parse(toCsv(rows)) gives the rows back', () => {
    const { records, issues } = parseCsv(toCsv(header, awkward));
    expect(issues).toEqual([]);
    expect(records).toEqual([header, ...awkward]);
  });

  it('with the formula guard and a BOM, unguarding gives the rows back too', () => {
    const text = toCsv(header, awkward, { guardFormulas: true, bom: true });
    expect(parseCsv(text).records[2]?.[0]).toBe("'=SUM(A1)");
    expect(parseCsv(text, { unguardFormulas: true }).records).toEqual([header, ...awkward]);
  });

  it('with ";" as delimiter', () => {
    const text = toCsv(header, awkward, { delimiter: ';' });
    expect(parseCsv(text, { delimiter: ';' }).records).toEqual([header, ...awkward]);
  });
});

describe('parseCsvTable', () => {
  it('splits the header off and maps rows to objects', () => {
    const table = parseCsvTable('file,label\r\na.dcm,1\r\nb.dcm\r\n');
    expect(table.header).toEqual(['file', 'label']);
    expect(table.rows).toEqual([['a.dcm', '1'], ['b.dcm']]);
    expect(csvTableObjects(table)).toEqual([{ file: 'a.dcm', label: '1' }, { file: 'b.dcm', label: undefined }]);
    expect(table.issues.map((i) => i.message)).toEqual(['Line 3: 1 fields, expected 2 like the first record.']);
  });

  it('reports duplicate column names', () => {
    expect(parseCsvTable('a,b,a\n').issues.map((i) => [i.kind, i.message])).toEqual([
      ['duplicate-header', 'Column "a" appears more than once in the header.'],
    ]);
  });
});
