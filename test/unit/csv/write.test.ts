import { describe, expect, it } from 'vitest';
import { csvField, toCsv, UTF8_BOM } from '../../../src/lib/csv';

describe('csvField', () => {
  it('writes plain text and numbers verbatim', () => {
    expect(csvField('abc')).toBe('abc');
    expect(csvField(12.5)).toBe('12.5');
    expect(csvField(-3)).toBe('-3');
    expect(csvField(true)).toBe('true');
  });

  it('writes null and undefined as empty fields', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
  });

  it('quotes a field holding a comma, quote, CR or LF and doubles inner quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('one\ntwo')).toBe('"one\ntwo"');
    expect(csvField('one\rtwo')).toBe('"one\rtwo"');
    expect(csvField('"')).toBe('""""');
  });

  it('quotes on the chosen delimiter, not on a comma, when the delimiter is ";"', () => {
    expect(csvField('1,5', { delimiter: ';' })).toBe('1,5');
    expect(csvField('a;b', { delimiter: ';' })).toBe('"a;b"');
  });
});

describe('formula guard', () => {
  const guarded = { guardFormulas: true };

  it('prefixes text cells starting with = + - @ tab or CR with an apostrophe', () => {
    expect(csvField('=1+1', guarded)).toBe("'=1+1");
    expect(csvField('+cmd', guarded)).toBe("'+cmd");
    expect(csvField('-2+3', guarded)).toBe("'-2+3");
    expect(csvField('@SUM(A1)', guarded)).toBe("'@SUM(A1)");
    expect(csvField('\t=1', guarded)).toBe("'\t=1");
    expect(csvField('\r=1', guarded)).toBe('"\'\r=1"');
  });

  it('quotes a guarded cell that needs quoting, with the apostrophe inside the quotes', () => {
    expect(csvField('=HYPERLINK("http://x","y")', guarded)).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
  });

  it('leaves plain numbers, numbers given as text, and other text alone', () => {
    expect(csvField(-12.5, guarded)).toBe('-12.5');
    expect(csvField('-12.5', guarded)).toBe('-12.5');
    expect(csvField('+3', guarded)).toBe('+3');
    expect(csvField('-1e-3', guarded)).toBe('-1e-3');
    expect(csvField('a=b', guarded)).toBe('a=b');
    expect(csvField("'=already", guarded)).toBe("'=already");
  });

  it('is off unless asked for', () => {
    expect(csvField('=1+1')).toBe('=1+1');
  });
});

describe('toCsv', () => {
  it('ends every record, the last too, with CRLF', () => {
    expect(toCsv(['a', 'b'], [['x,y', 'say "hi"'], ['line\nbreak', 3]])).toBe('a,b\r\n"x,y","say ""hi"""\r\n"line\nbreak",3\r\n');
  });

  it('writes a header alone as one record', () => {
    expect(toCsv(['only'], [])).toBe('only\r\n');
  });

  it('starts with a UTF-8 BOM when asked, for Excel', () => {
    const text = toCsv(['name'], [['Müller']], { bom: true });
    expect(text).toBe('\uFEFFname\r\nMüller\r\n');
    expect(text.startsWith(UTF8_BOM)).toBe(true);
    expect(Array.from(new TextEncoder().encode(text).slice(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('uses another delimiter when asked', () => {
    expect(toCsv(['a', 'b'], [['1,5', 'x;y']], { delimiter: ';' })).toBe('a;b\r\n1,5;"x;y"\r\n');
  });

  it('refuses a delimiter that cannot work', () => {
    expect(() => toCsv(['a'], [], { delimiter: '"' })).toThrow(RangeError);
    expect(() => toCsv(['a'], [], { delimiter: ',,' })).toThrow(RangeError);
  });
});
