import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  datasetReader, formatTag, lookupTag, parseDicomBytes, parseTag, tagForKeyword, transferSyntax, TRANSFER_SYNTAXES,
} from '../../../../src/lib/dicom/parse';
import { ascii, concat, el, implicitEl, item, part10, SEQUENCE_DELIMITER, text, u32, us } from './build';

const PATIENT = concat(el(0x00080060, 'CS', text('CT')), el(0x00100010, 'PN', text('DOE^JANE')), el(0x00280010, 'US', us(512)));
const PATIENT_IMPLICIT = concat(implicitEl(0x00080060, text('CT')), implicitEl(0x00100010, text('DOE^JANE')), implicitEl(0x00280010, us(512)));
const codes = (bytes: Uint8Array): string[] => parseDicomBytes(bytes).warnings.map((w) => w.code);
const values = (bytes: Uint8Array): unknown[] => {
  const r = datasetReader(parseDicomBytes(bytes));
  return [r.string('Modality'), r.string('PatientName'), r.number('Rows')];
};

describe('Part 10 variants', () => {
  it('a raw explicit VR data set (no preamble, no meta) is recognised and read', () => {
    const p = parseDicomBytes(PATIENT);
    expect([p.hasPreamble, p.hasDicmPrefix, p.meta.length, p.transferSyntaxGuessed, p.transferSyntax.uid]).toEqual([false, false, 0, true, '1.2.840.10008.1.2.1']);
    expect(values(PATIENT)).toEqual(['CT', 'DOE^JANE', 512]);
    expect(codes(PATIENT)).toEqual([]);
  });

  it('a raw implicit VR data set takes its VRs from the dictionary', () => {
    const p = parseDicomBytes(PATIENT_IMPLICIT);
    expect(p.transferSyntax.uid).toBe('1.2.840.10008.1.2');
    expect(p.elements.map((e) => e.vr)).toEqual(['CS', 'PN', 'US']);
    expect(values(PATIENT_IMPLICIT)).toEqual(['CT', 'DOE^JANE', 512]);
  });

  it('"DICM" without the preamble, and meta without either', () => {
    const full = part10(PATIENT);
    const noPreamble = full.subarray(128);
    const p = parseDicomBytes(noPreamble);
    expect([p.hasPreamble, p.hasDicmPrefix, p.meta.length]).toEqual([false, true, 5]);
    const bare = parseDicomBytes(full.subarray(132));
    expect([bare.hasPreamble, bare.hasDicmPrefix, bare.meta.length, bare.transferSyntaxGuessed]).toEqual([false, false, 5, false]);
    expect(values(full.subarray(132))).toEqual(['CT', 'DOE^JANE', 512]);
  });

  it('a wrong meta group length is reported, and the group read as it is', () => {
    const file = part10(PATIENT);
    new DataView(file.buffer).setUint32(140, 10, true); // the group length's value
    expect(codes(file)).toEqual(['meta-group-length']);
    expect(parseDicomBytes(file).warnings[0]!.message).toBe('The file meta group length says 10 bytes but the group has 92; the elements were read as they are.');
    expect(values(file)).toEqual(['CT', 'DOE^JANE', 512]);
  });

  it('a transfer syntax that does not match the bytes: read as encoded, and said', () => {
    const file = part10(PATIENT_IMPLICIT, '1.2.840.10008.1.2.1');
    const p = parseDicomBytes(file);
    expect(p.warnings.map((w) => w.message)).toEqual([
      'The transfer syntax says Explicit VR Little Endian, but the data set is encoded as Implicit VR Little Endian; it was read as encoded.',
    ]);
    expect([p.explicitVr, p.littleEndian]).toEqual([false, true]);
    expect(values(file)).toEqual(['CT', 'DOE^JANE', 512]);
  });

  it('an unknown (private) transfer syntax is read as the bytes look', () => {
    expect(codes(part10(PATIENT, '1.2.3.4.5'))).toEqual(['unknown-transfer-syntax']);
    expect(values(part10(PATIENT, '1.2.3.4.5'))).toEqual(['CT', 'DOE^JANE', 512]);
  });

  it('deflated data sets are inflated; a damaged stream gives what came before the damage', () => {
    const file = part10(deflateSync(PATIENT), '1.2.840.10008.1.2.1.99');
    expect(values(file)).toEqual(['CT', 'DOE^JANE', 512]);
    const cut = parseDicomBytes(file.subarray(0, file.length - 4));
    expect(cut.truncated).toBe(true);
    expect(cut.warnings.map((w) => w.code)).toContain('truncated');
  });
});

describe('anomalies are kept and reported', () => {
  it('an element without a valid VR in an explicit file is read as implicit', () => {
    // (0010,1010) PatientAge written implicit (4-byte length) in the middle of an explicit data set.
    const odd = concat(Uint8Array.of(0x10, 0x00, 0x10, 0x10), u32(4), ascii('045Y'));
    const p = parseDicomBytes(concat(el(0x00080060, 'CS', text('CT')), odd, el(0x00280010, 'US', us(512))));
    expect(p.warnings.map((w) => w.message)).toEqual(['Element has no valid VR (bytes 04 00); it was read as implicit VR.']);
    expect(datasetReader(p).string('PatientAge')).toBe('045Y');
    expect(datasetReader(p).number('Rows')).toBe(512);
  });

  it('missing item and sequence delimiters', () => {
    const seq = (content: Uint8Array): Uint8Array => el(0x00081115, 'SQ', content, 0xffffffff);
    const inner = el(0x00081150, 'UI', text('1.2.3', 'UI'));
    const itemWithoutDelimiter = concat(Uint8Array.of(0xfe, 0xff, 0x00, 0xe0), u32(0xffffffff), inner);
    const p = parseDicomBytes(concat(seq(concat(itemWithoutDelimiter, SEQUENCE_DELIMITER)), el(0x00100010, 'PN', text('AFTER'))));
    expect(p.warnings.map((w) => w.code)).toEqual(['missing-item-delimiter']);
    expect(datasetReader(p).sequence('ReferencedSeriesSequence')[0]!.string('ReferencedSOPClassUID')).toBe('1.2.3');
    const q = parseDicomBytes(concat(seq(item(inner, true)), el(0x00100010, 'PN', text('AFTER'))));
    expect(q.warnings.map((w) => w.code)).toEqual(['missing-sequence-delimiter']);
    expect(datasetReader(q).string('PatientName')).toBe('AFTER');
  });

  it('a value running past the end: partial data set, truncated', () => {
    const file = concat(PATIENT, el(0x00280030, 'DS', text('0.5\\0.5')).subarray(0, 12));
    const p = parseDicomBytes(file);
    expect(p.truncated).toBe(true);
    expect(p.warnings.map((w) => w.message)).toEqual(['This file ends after 48 bytes, inside the Image Pixel module, element (0028,0030) PixelSpacing; it is probably truncated.']);
    expect(values(file)).toEqual(['CT', 'DOE^JANE', 512]);
  });

  it('a few stray bytes after the data set', () => {
    expect(codes(concat(PATIENT, Uint8Array.of(0, 0, 0)))).toEqual(['trailing-bytes']);
  });

  it('"US or SS" follows Pixel Representation in implicit VR', () => {
    const signed = concat(implicitEl(0x00280103, us(1)), implicitEl(0x00280106, us(0xfc18)));
    const unsigned = concat(implicitEl(0x00280103, us(0)), implicitEl(0x00280106, us(0xfc18)));
    expect(datasetReader(parseDicomBytes(signed)).number('SmallestImagePixelValue')).toBe(-1000);
    expect(datasetReader(parseDicomBytes(unsigned)).number('SmallestImagePixelValue')).toBe(64536);
  });
});

describe('dictionary and transfer syntaxes', () => {
  it('maps tags to VR and keyword, repeating groups and private creators included', () => {
    expect(lookupTag(0x00100010)).toEqual({ tag: 0x00100010, vr: 'PN', keyword: 'PatientName' });
    expect(lookupTag(0x60023000)).toEqual({ tag: 0x60023000, vr: 'ox', keyword: 'OverlayData' });
    expect(lookupTag(0x00090010)).toEqual({ tag: 0x00090010, vr: 'LO', keyword: 'PrivateCreator' });
    expect(lookupTag(0x00091001)).toBeUndefined();
    expect(lookupTag(0x00180000)?.vr).toBe('UL');
    expect(lookupTag(0x00080040)?.keyword).toBe('DataSetType'); // retired, without dcmjs's RETIRED_ prefix
    expect(tagForKeyword('PixelData')).toBe(0x7fe00010);
    expect([formatTag(0x7fe00010), parseTag('(0010,0010)'), parseTag('00100010'), parseTag('zz')]).toEqual(['(7FE0,0010)', 0x00100010, 0x00100010, undefined]);
  });

  it('knows each transfer syntax\'s encoding', () => {
    const row = (uid: string): unknown[] => {
      const ts = transferSyntax(uid)!;
      return [ts.explicitVr, ts.littleEndian, ts.encapsulated, ts.lossy, ts.deflated, ts.codec];
    };
    expect(row('1.2.840.10008.1.2')).toEqual([false, true, false, false, false, 'native']);
    expect(row('1.2.840.10008.1.2.2\0')).toEqual([true, false, false, false, false, 'native']);
    expect(row('1.2.840.10008.1.2.1.99')).toEqual([true, true, false, false, true, 'native']);
    expect(row('1.2.840.10008.1.2.4.50')).toEqual([true, true, true, true, false, 'jpeg']);
    expect(row('1.2.840.10008.1.2.4.91')).toEqual([true, true, true, true, false, 'jpeg2000']);
    expect(row('1.2.840.10008.1.2.5')).toEqual([true, true, true, false, false, 'rle']);
    expect(transferSyntax('1.2.3')).toBeUndefined();
    expect(TRANSFER_SYNTAXES.size).toBe(57);
  });
});
