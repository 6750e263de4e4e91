import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getElement, serializePart10, toEditable, type EditableElement } from '../../../../src/lib/dicom/edit';
import {
  EXPLICIT_VR_LITTLE_ENDIAN, parseDicomBytes, textDecoding,
} from '../../../../src/lib/dicom/parse';
import { corpusBytes, HAS_CORPUS } from '../parse/corpus';
import { rewrittenFiles } from './rewrite-files';
import { treeDifferences } from './tree-diff';
import { getText } from '../../../../src/lib/dicom/edit';

const PIXEL_DATA = 0x7fe00010;
const TRANSFER_SYNTAX_UID = 0x00020010;

function pixelValue(elements: readonly EditableElement[]): Uint8Array {
  const value = getElement(elements, PIXEL_DATA)?.value;
  if (!value) throw new Error('no native pixel data');
  return value;
}

const md5 = (bytes: Uint8Array): string => createHash('md5').update(bytes).digest('hex');

describe('serializePart10(toEditable(parse(file))) re-parses to the same tree', () => {
  const files = rewrittenFiles();

  it('covers the corpus and the synthetic files', () => {
    expect(files.filter((f) => f.name.startsWith('synthetic/')).length).toBe(4);
    if (!HAS_CORPUS) console.warn('[skip] corpus absent: only the synthetic files are rewritten');
    else expect(files.length).toBeGreaterThanOrEqual(47);
  });

  it.each(files.map((f) => [f.name, f] as const))('%s', (_name, file) => {
    const reparsed = parseDicomBytes(file.output, { mode: 'full' });
    // A well-formed file: no structural anomaly in what we wrote, whatever the input had.
    const structural = reparsed.warnings.filter((w) => !['invalid-value-length', 'odd-length'].includes(w.code));
    expect(structural).toEqual([]);
    expect(reparsed.hasPreamble && reparsed.hasDicmPrefix).toBe(true);
    const source = file.parsed.transferSyntax;
    const expectedTs = source.encapsulated && !source.deflated ? source.uid : EXPLICIT_VR_LITTLE_ENDIAN;
    expect(reparsed.transferSyntax.uid).toBe(expectedTs);
    expect(reparsed.explicitVr && reparsed.littleEndian).toBe(true);
    const again = toEditable(reparsed);
    const metaTs = getElement(again.meta, TRANSFER_SYNTAX_UID)!;
    expect(getText(metaTs, textDecoding([]))).toEqual([expectedTs]);
    const ignore = file.name.endsWith('DICOMDIR') ? /\(0004,1(200|202|400|420)\)/ : undefined; // checked below
    expect(treeDifferences(file.editable.elements, again.elements).filter((d) => !ignore?.test(d))).toEqual([]);
    // Writing the re-read tree gives the same bytes: the output is a fixed point.
    expect(md5(serializePart10(again))).toBe(md5(file.output));
  });
});

describe('treeDifferences (the comparison the round trip relies on)', () => {
  const el = (tag: number, vr: string, bytes: number[]): EditableElement => ({ tag, vr, value: Uint8Array.from(bytes) });
  it('reports value, VR, item and presence differences, and accepts padding and order', () => {
    const a = [el(0x00100010, 'PN', [0x41]), { tag: 0x00400275, vr: 'SQ', items: [{ elements: [el(0x00080050, 'SH', [0x31, 0x32])] }] }];
    expect(treeDifferences(a, [{ ...a[1]! }, el(0x00100010, 'PN', [0x41, 0x20])])).toEqual([]);
    expect(treeDifferences(a, [el(0x00100010, 'LO', [0x42, 0x20])])).toEqual([
      '(0010,0010): VR LO, expected PN', '(0010,0010): value differs', '(0040,0275): missing',
    ]);
    const b = [el(0x00100010, 'PN', [0x41, 0x20]), { tag: 0x00400275, vr: 'SQ', items: [{ elements: [el(0x00080050, 'SH', [0x31, 0x33])] }, { elements: [] }] }];
    expect(treeDifferences(a, b)).toEqual(['(0040,0275): 2 items, expected 1', '(0040,0275)[0].(0008,0050): value differs']);
  });
});

describe.skipIf(!HAS_CORPUS)('documented conversions on corpus files', () => {
  const byName = (name: string) => rewrittenFiles().find((f) => f.name === name)!;

  it('big endian MR_small comes out explicit LE with the pixel values of the little-endian MR_small', () => {
    const be = byName('MR_small_bigendian.dcm');
    expect(be.parsed.littleEndian).toBe(false);
    const le = toEditable(parseDicomBytes(corpusBytes('MR_small.dcm'), { mode: 'full' }));
    const out = toEditable(parseDicomBytes(be.output, { mode: 'full' }));
    expect(pixelValue(out.elements).length).toBe(64 * 64 * 2);
    expect(md5(pixelValue(out.elements))).toBe(md5(pixelValue(le.elements)));
    // A swapped binary number: Rows (0028,0010) = 64 reads the same little endian.
    expect([...getElement(out.elements, 0x00280010)!.value!]).toEqual([64, 0]);
  });

  it('implicit and big-endian MR_small give the tree of explicit LE MR_small: dictionary VRs, swapped numbers', () => {
    const tree = (name: string) => toEditable(parseDicomBytes(byName(name).output, { mode: 'full' })).elements;
    const explicit = tree('MR_small.dcm');
    // MR_small alone ends with Data Set Trailing Padding (FFFC,FFFC).
    expect(treeDifferences(explicit, tree('MR_small_implicit.dcm'))).toEqual(['(FFFC,FFFC): missing']);
    expect(treeDifferences(explicit, tree('MR_small_bigendian.dcm'))).toEqual(['(FFFC,FFFC): missing']);
  });

  it('deflated image_dfl comes out explicit LE (not deflated) with the inflated pixel bytes', () => {
    const dfl = byName('image_dfl.dcm');
    expect(dfl.parsed.transferSyntax.deflated).toBe(true);
    const reparsed = parseDicomBytes(dfl.output, { mode: 'full' });
    expect(reparsed.transferSyntax.deflated).toBe(false);
    expect(md5(pixelValue(toEditable(reparsed).elements))).toBe(md5(pixelValue(dfl.editable.elements)));
  });

  it('UN-encoded and private sequences the parser expanded are written as SQ with their items', () => {
    const un = byName('UN_sequence.dcm');
    const sq = toEditable(parseDicomBytes(un.output, { mode: 'full' })).elements.filter((e) => e.vr === 'SQ');
    expect(sq.length).toBeGreaterThan(0);
    expect(sq.every((e) => (e.items?.length ?? 0) > 0)).toBe(true);
  });

  it('DICOMDIR record offsets point at the same records after the rewrite', () => {
    const dir = byName('dicomdir/DICOMDIR');
    const recordIndexes = (bytes: Uint8Array): number[][] => {
      const parsed = parseDicomBytes(bytes, { mode: 'full' });
      const records = parsed.elements.find((e) => e.tag === 0x00041220)!.items!;
      const indexOf = new Map(records.map((item, i) => [item.offset, i]));
      const ds = toEditable(parsed);
      const offset = (list: readonly EditableElement[], tag: number): number => {
        const v = getElement(list, tag)?.value;
        return v ? new DataView(v.buffer, v.byteOffset, 4).getUint32(0, true) : 0;
      };
      const resolve = (o: number): number => (o === 0 ? -1 : (indexOf.get(o) ?? -2));
      const top = [resolve(offset(ds.elements, 0x00041200)), resolve(offset(ds.elements, 0x00041202))];
      const perRecord = getElement(ds.elements, 0x00041220)!.items!.map((item) =>
        [resolve(offset(item.elements, 0x00041400)), resolve(offset(item.elements, 0x00041420))]);
      return [top, ...perRecord];
    };
    const before = recordIndexes(dir.input);
    expect(before.flat()).not.toContain(-2);
    expect(recordIndexes(dir.output)).toEqual(before);
  });

  it('refuses a truncated file and a header scan', () => {
    expect(() => toEditable(parseDicomBytes(corpusBytes('MR_truncated.dcm'), { mode: 'full' }))).toThrow(
      expect.objectContaining({ name: 'InvalidInputError' }),
    );
    expect(() => toEditable(parseDicomBytes(corpusBytes('MR_small.dcm'), { mode: 'header' }))).toThrow(/full parse/);
  });
});
