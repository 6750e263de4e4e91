import { describe, expect, it } from 'vitest';
import {
  datasetReader, metaReader, parseDicom, parseDicomBytes, type DicomNode, type ParsedDicom,
} from '../../../../src/lib/dicom/parse';
import { blobOf } from './build';
import { corpusBytes, corpusFiles, HAS_CORPUS } from './corpus';

/** Elements (and items) must tile their range exactly: nothing skipped, nothing overlapping. */
function expectTiles(nodes: readonly DicomNode[], start: number, end: number, where: string): void {
  let at = start;
  for (const node of nodes) {
    expect(node.offset, `${where}: element ${node.tag.toString(16)} starts where the previous ended`).toBe(at);
    for (const item of node.items ?? []) {
      expectTiles(item.elements, item.valueOffset, item.valueOffset + item.length, `${where} > ${node.tag.toString(16)}`);
    }
    at = node.end;
  }
  expect(at, `${where}: the last element ends at the end`).toBe(end);
}

describe.skipIf(!HAS_CORPUS)('every corpus file', () => {
  const files = corpusFiles();

  it('has the files SOURCES.md lists (48, DICOMDIR tree included)', () => {
    expect(files.length).toBe(48);
  });

  it.each(files)('%s: full parse and header scan agree, and the tree tiles the file', async (name) => {
    const bytes = corpusBytes(name);
    const full = parseDicomBytes(bytes);
    const header = await parseDicom(blobOf(bytes), { mode: 'header' });
    expect(full.elements.length).toBeGreaterThan(0);
    // The header scan has every element up to and including top-level pixel data, at the same places.
    const stop = header.elements.length;
    expect(full.elements.slice(0, stop).map((e) => [e.tag, e.offset, e.vr])).toEqual(header.elements.map((e) => [e.tag, e.offset, e.vr]));
    expect(header.stoppedAtPixelData).toBe(full.pixelData !== undefined);
    if (!full.truncated) {
      const datasetStart = full.datasetBytes === full.fileBytes ? full.datasetOffset : 0;
      expectTiles(full.meta, full.hasPreamble ? 132 : 0, full.datasetOffset, `${name} meta`);
      const trailing = full.warnings.some((w) => w.code === 'trailing-bytes');
      if (!trailing) expectTiles(full.elements, datasetStart, full.datasetBytes.size, name);
    }
  });
});

describe.skipIf(!HAS_CORPUS)('malformed and unusual corpus files', () => {
  const parse = (name: string): ParsedDicom => parseDicomBytes(corpusBytes(name));

  it('MR_truncated.dcm: the header, and a warning that says where the file ends', () => {
    const p = parse('MR_truncated.dcm');
    expect(p.truncated).toBe(true);
    expect(p.warnings.map((w) => w.message)).toEqual([
      'This file ends after 9,630 bytes, inside the Pixel Data, element (7FE0,0010) PixelData; it is probably truncated.',
    ]);
    const r = datasetReader(p);
    expect(r.string('PatientName')).toBe('CompressedSamples^MR1');
    expect(r.number('Rows')).toBe(64);
    expect(r.bytes('PixelData')).toBeUndefined();
  });

  it('dcmjs-no-meta-length-test.dcm: meta without group length is read, and flagged', () => {
    const p = parse('dcmjs-no-meta-length-test.dcm');
    expect(p.meta.map((e) => e.tag.toString(16))).toEqual(['20002', '20003', '20010', '20012']);
    expect(p.warnings.map((w) => w.code)).toEqual(['meta-group-length']);
    expect(p.transferSyntax.uid).toBe('1.2.840.10008.1.2.1');
    expect(datasetReader(p).strings('SeriesInstanceUID')).toEqual(['1.1.1']);
  });

  it('dcmjs-invalid-vr-length-test.dcm: an 18-character TM is kept as it is, and flagged', () => {
    const p = parse('dcmjs-invalid-vr-length-test.dcm');
    expect(p.warnings.map((w) => w.message)).toEqual(['(0008,0031) TM has a value of 18 characters; at most 16 are allowed.']);
    expect(datasetReader(p).string('SeriesTime')).toBe('09:11:02.00000000');
  });

  it('nested_priv_SQ.dcm: private sequences of undefined length in implicit VR, two deep', () => {
    const p = parse('nested_priv_SQ.dcm');
    const outer = p.elements[0]!;
    expect([outer.tag, outer.vr, outer.valueVr, outer.undefinedLength]).toEqual([0x00010001, 'UN', 'SQ', true]);
    const item = outer.items![0]!;
    expect(item.elements.map((e) => [e.tag, e.valueVr ?? e.vr, e.length])).toEqual([[0x00010001, 'SQ', 40], [0x00010002, 'UN', 9]]);
    const inner = datasetReader(p).itemsOf(outer)[0]!.itemsOf(item.elements[0]!)[0]!;
    expect(new TextDecoder().decode(inner.bytesOf(inner.elements[0]!))).toBe('Double Nested SQ');
    expect(p.warnings.map((w) => w.code)).toEqual(['odd-length']);
  });

  it('UN_sequence.dcm: a sequence written as UN is read as implicit VR items, three deep', () => {
    const r = datasetReader(parse('UN_sequence.dcm'));
    const [top] = r.elements;
    expect([top!.vr, top!.valueVr]).toEqual(['UN', 'SQ']);
    const item = r.itemsOf(top!)[0]!;
    expect(item.string('StudyInstanceUID')).toBe('1.2.840.113619.2.327.3.185221411.476.1398588725.795');
    expect(item.sequence('ReferencedSeriesSequence')[0]!.sequence('ReferencedSOPSequence')[0]!.string('ReferencedSOPClassUID'))
      .toBe('1.2.840.10008.5.1.4.1.1.2');
  });

  it('bad_sequence.dcm: CTDIPhantomTypeCodeSequence stored as UN is still a sequence', () => {
    const r = datasetReader(parse('bad_sequence.dcm'));
    expect(r.element('CTDIPhantomTypeCodeSequence')?.vr).toBe('UN');
    expect(r.sequence('CTDIPhantomTypeCodeSequence')[0]!.string('CodeMeaning')).toBe('IEC Body Dosimetry Phantom');
  });

  it('explicit_VR-UN.dcm: standard elements written as UN are read with their dictionary VR', () => {
    const r = datasetReader(parse('explicit_VR-UN.dcm'));
    const modality = r.element('Modality')!;
    expect([modality.vr, modality.valueVr]).toEqual(['UN', 'CS']);
    expect(r.string('Modality')).toBe('CT');
    expect(r.element('SpecificCharacterSet')?.valueVr).toBe('CS');
    expect(r.string('StudyTime')).toBe('165447.788280');
    expect(r.strings('ImageOrientationPatient')).toEqual(['1', '0', '0', '0', '-1', '0']);
  });

  it('image_dfl.dcm: the deflated data set is inflated, offsets refer to the inflated bytes', () => {
    const p = parse('image_dfl.dcm');
    expect(p.transferSyntax.deflated).toBe(true);
    expect(p.datasetBytes).not.toBe(p.fileBytes);
    expect(p.elements[0]!.offset).toBe(0);
    expect(datasetReader(p).bytes('PixelData')?.length).toBe(262144);
    expect(datasetReader(p).string('Modality')).toBe('OT');
  });

  it('DICOMDIR: 52 directory records, each with its record type', () => {
    const p = parse('dicomdir/DICOMDIR');
    const records = datasetReader(p).sequence('DirectoryRecordSequence');
    expect(records.length).toBe(52);
    expect(records[0]!.string('DirectoryRecordType')).toBe('PATIENT');
    expect(records[0]!.string('PatientName')).toBe('Doe^Archibald');
    expect(records[0]!.number('OffsetOfTheNextDirectoryRecord')).toBe(3126);
    expect(metaReader(p).string('MediaStorageSOPClassUID')).toBe('1.2.840.10008.1.3.10');
  });
});
