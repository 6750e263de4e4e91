import { describe, expect, it } from 'vitest';
import { datasetReader, parseDicomBytes, textDecoding } from '../../../../src/lib/dicom/parse';
import { corpusBytes, HAS_CORPUS } from './corpus';

/**
 * Person names in every character set family, as bytes pydicom 2.3 encodes them (PersonName
 * .encode) and the value pydicom decodes back; the ISO 2022 ones follow PS3.5 Annexes H-J.
 */
const CASES: { charset: string[]; hex: string; expected: string }[] = [
  { charset: ['ISO_IR 100'], hex: '4275635e4ae972f46d65', expected: 'Buc^Jérôme' },
  { charset: ['ISO_IR 101'], hex: '5761b3ea73615e4c656368', expected: 'Wałęsa^Lech' },
  { charset: ['ISO_IR 144'], hex: 'bbeeda6365dcd17970d3', expected: 'Люкceмбypг' },
  { charset: ['ISO_IR 126'], hex: 'c4e9efedf5f3e9eff2', expected: 'Διονυσιος' },
  { charset: ['ISO_IR 127'], hex: 'e2c8c7e6ea5ee4e6d2c7d1', expected: 'قباني^لنزار' },
  { charset: ['ISO_IR 138'], hex: 'f9f8e5ef5ee3e1e5f8e4', expected: 'שרון^דבורה' },
  { charset: ['ISO_IR 148'], hex: 'c7617675fe6ff06c755ed66d6572', expected: 'Çavuşoğlu^Ömer' },
  { charset: ['ISO_IR 166'], hex: 'bbc3d0e0b7c8e4b7c2', expected: 'ประเทศไทย' },
  { charset: ['ISO_IR 192'], hex: '57616e675e5869616f446f6e673de78e8b5ee5b08fe69db1', expected: 'Wang^XiaoDong=王^小東' },
  { charset: ['GB18030'], hex: '57616e675e5869616f446f6e673dcdf55ed0a1b6ab', expected: 'Wang^XiaoDong=王^小东' },
  { charset: ['GBK'], hex: 'cdf55ed0a1b6ab', expected: '王^小东' },
  { charset: ['ISO_IR 13'], hex: 'd4cfc0de5ec0dbb3', expected: 'ﾔﾏﾀﾞ^ﾀﾛｳ' },
  {
    charset: ['', 'ISO 2022 IR 87'],
    hex: '59616d6164615e5461726f753d1b24423b3345441b28425e1b244242404f3a1b28423d1b24422464245e24401b28425e1b2442243f246d24261b2842',
    expected: 'Yamada^Tarou=山田^太郎=やまだ^たろう',
  },
  {
    charset: ['ISO 2022 IR 13', 'ISO 2022 IR 87'],
    hex: 'd4cfc0de5ec0dbb33d1b24423b3345441b284a5e1b244242404f3a1b284a3d1b24422464245e24401b284a5e1b2442243f246d24261b284a',
    expected: 'ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう',
  },
  {
    charset: ['', 'ISO 2022 IR 87', 'ISO 2022 IR 159'],
    hex: '59616d6164615e5461726f753d1b24284430211b244245441b28425e1b244242404f3a1b2842',
    expected: 'Yamada^Tarou=丂田^太郎',
  },
  {
    charset: ['', 'ISO 2022 IR 149'],
    hex: '486f6e675e47696c646f6e673d1b242943fbf35e1b242943d1ced4d73d1b242943c8ab5e1b242943b1e6b5bf',
    expected: 'Hong^Gildong=洪^吉洞=홍^길동',
  },
  { charset: ['', 'ISO 2022 IR 100'], hex: '4275635e1b2d414ae972f46d65', expected: 'Buc^Jérôme' },
  { charset: ['', 'ISO 2022 IR 144'], hex: '4c79756b5e1b2d4cbbeeda6365dcd17970d3', expected: 'Lyuk^Люкceмбypг' },
  // PS3.5 J.2. pydicom 2.3 leaves the ESC $ ) A sequences in the decoded text here; the standard does not.
  { charset: ['', 'ISO 2022 IR 58'], hex: '5a68616e675e5869616f446f6e673d1b242941d5c55e1b242941d0a1b6ab3d', expected: 'Zhang^XiaoDong=张^小东' },
];

const bytes = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex, 'hex'));

describe('Specific Character Set decoding', () => {
  it.each(CASES)('$charset: $expected', ({ charset, hex, expected }) => {
    expect(textDecoding(charset).decodeValues(bytes(hex), 'PN')).toEqual([expected]);
  });

  it('splits values on backslash, but not on a 0x5C byte inside kanji', () => {
    // JIS X 0208 row 0x5C holds kanji: the pair 5C21 is 棔 (Python's iso2022_jp agrees).
    const kanjiWith5C = '1b24425c211b2842'; // ESC $ B, 5C 21, ESC ( B
    const decoding = textDecoding(['', 'ISO 2022 IR 87']);
    expect(decoding.decodeValues(bytes(`${kanjiWith5C}5c41`), 'LO')).toEqual(['棔', 'A']);
    expect(decoding.decodeValues(bytes('415c42'), 'LO')).toEqual(['A', 'B']);
    expect(decoding.decodeValues(bytes('415c42'), 'LT')).toEqual(['A\\B']);
  });

  it('falls back to ISO 8859-1 for unknown terms, and says which', () => {
    const decoding = textDecoding(['ISO_IR 999']);
    expect(decoding.unknownTerms).toEqual(['ISO_IR 999']);
    expect(decoding.decodeValues(bytes('e9'), 'LO')).toEqual(['é']);
  });

  it('accepts the common misspellings ISO-IR 100 and ISO IR 100', () => {
    expect(textDecoding(['ISO-IR 144']).decodeValues(bytes('bbeeda'), 'LO')).toEqual(['Люк']);
    expect(textDecoding(['ISO IR 144']).unknownTerms).toEqual([]);
  });
});

describe.skipIf(!HAS_CORPUS)('chrJapMulti.dcm', () => {
  it('decodes names and text like pydicom', () => {
    const r = datasetReader(parseDicomBytes(corpusBytes('chrJapMulti.dcm')));
    expect(r.strings('SpecificCharacterSet')).toEqual(['', 'ISO 2022 IR 87']);
    expect(r.string('PatientName')).toBe('やまだ^たろう');
    expect(r.strings('OtherPatientNames')).toEqual(['やまだ^たろう', 'やまだ^たろう']);
    expect(r.string('AdditionalPatientHistory')).toBe('たろう');
  });
});
