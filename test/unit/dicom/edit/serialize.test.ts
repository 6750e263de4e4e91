import { describe, expect, it } from 'vitest';
import {
  makeElement, serializePart10, toEditable, type EditableDataset, type EditableElement,
} from '../../../../src/lib/dicom/edit';
import { parseDicomBytes } from '../../../../src/lib/dicom/parse';

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const text = (bytes: Uint8Array): string => String.fromCharCode(...bytes);
const u16 = (b: Uint8Array, at: number): number => b[at]! | (b[at + 1]! << 8);
const u32 = (b: Uint8Array, at: number): number => (u16(b, at) | (u16(b, at + 2) << 16)) >>> 0;

function dataset(elements: EditableElement[], meta: EditableElement[] = []): EditableDataset {
  return { meta, elements, transferSyntaxUid: '1.2.840.10008.1.2.1' };
}

/** Offset of the first data set element: after the preamble, DICM and the meta group. */
function datasetStart(out: Uint8Array): number {
  return 132 + 12 + u32(out, 140);
}

describe('serializePart10', () => {
  it('writes preamble, DICM and a meta group whose group length counts exactly the meta elements', () => {
    const out = serializePart10(dataset([makeElement(0x00080016, 'UI', '1.2.3'), makeElement(0x00080018, 'UI', '1.2.3.4')]));
    expect(out.subarray(0, 128).every((b) => b === 0)).toBe(true);
    expect(text(out.subarray(128, 132))).toBe('DICM');
    expect([u16(out, 132), u16(out, 134), text(out.subarray(136, 138)), u16(out, 138)]).toEqual([2, 0, 'UL', 4]);
    const start = datasetStart(out);
    let pos = 144;
    const metaTags: number[] = [];
    while (pos < start) {
      expect(u16(out, pos)).toBe(2);
      metaTags.push(u16(out, pos + 2));
      const vr = text(out.subarray(pos + 4, pos + 6));
      pos += vr === 'OB' ? 12 + u32(out, pos + 8) : 8 + u16(out, pos + 6);
    }
    expect(pos).toBe(start);
    expect(metaTags).toEqual([0x0001, 0x0002, 0x0003, 0x0010, 0x0012, 0x0013]);
    expect(u16(out, start)).toBe(0x0008);
    const parsed = parseDicomBytes(out, { mode: 'full' });
    expect(parsed.warnings).toEqual([]);
    expect(parsed.elements.map((e) => e.tag)).toEqual([0x00080016, 0x00080018]);
  });

  it('pads odd values: space for text, NUL for UI and binary; drops data set group lengths; sorts', () => {
    const elements = [
      makeElement(0x00280010, 'US', [64]),
      makeElement(0x00100010, 'PN', ascii('Doe^J')),
      makeElement(0x00100000, 'UL', [1234]),
      makeElement(0x00080016, 'UI', ascii('1.2.3')),
      makeElement(0x00091010, 'OB', Uint8Array.of(7, 8, 9)),
    ];
    const before = elements.map((e) => e.tag);
    const out = serializePart10(dataset(elements));
    expect(elements.map((e) => e.tag)).toEqual(before); // the input list is not reordered
    const start = datasetStart(out);
    // (0008,0016) UI len 6 "1.2.3\0"
    expect([...out.subarray(start, start + 14)]).toEqual([8, 0, 0x16, 0, 0x55, 0x49, 6, 0, ...ascii('1.2.3'), 0]);
    // (0009,1010) OB: 2 reserved bytes, 4-byte length 4, value 7 8 9 0
    expect([...out.subarray(start + 14, start + 30)]).toEqual([9, 0, 0x10, 0x10, 0x4f, 0x42, 0, 0, 4, 0, 0, 0, 7, 8, 9, 0]);
    // (0010,0010) PN "Doe^J " — (0010,0000) is not written
    expect([...out.subarray(start + 30, start + 44)]).toEqual([0x10, 0, 0x10, 0, 0x50, 0x4e, 6, 0, ...ascii('Doe^J ')]);
    expect([...out.subarray(start + 44)]).toEqual([0x28, 0, 0x10, 0, 0x55, 0x53, 2, 0, 64, 0]);
  });

  it('refuses a value too long for a 2-byte length, naming the element; 4-byte-length VRs take it', () => {
    const long = new Uint8Array(70000).fill(0x41);
    expect(() => serializePart10(dataset([makeElement(0x00104000, 'LT', long)]))).toThrow(
      expect.objectContaining({ name: 'InvalidInputError', message: expect.stringContaining('(0010,4000) (LT)') }),
    );
    const out = serializePart10(dataset([makeElement(0x00104000, 'UT', long)]));
    const start = datasetStart(out);
    expect(text(out.subarray(start + 4, start + 6))).toBe('UT');
    expect(u32(out, start + 8)).toBe(70000);
    expect(out.length).toBe(start + 12 + 70000);
  });

  it('writes nested sequences with undefined lengths and reads them back item by item', () => {
    const inner = makeElement(0x00081250, 'SQ', [{ elements: [makeElement(0x00100020, 'LO', ascii('ID-7'))] }]);
    const outer = makeElement(0x00081140, 'SQ', [
      { elements: [makeElement(0x00081155, 'UI', ascii('1.2')), makeElement(0x00081150, 'UI', ascii('1.3'))] },
      { elements: [inner] },
      { elements: [] },
    ]);
    const out = serializePart10(dataset([outer]));
    const start = datasetStart(out);
    // SQ header: tag, "SQ", 0000, FFFFFFFF; then the first item: FFFE,E000 FFFFFFFF.
    expect([...out.subarray(start, start + 20)]).toEqual([
      8, 0, 0x40, 0x11, 0x53, 0x51, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xfe, 0xff, 0, 0xe0, 0xff, 0xff, 0xff, 0xff,
    ]);
    // Last 24 bytes: the empty item (item + item delimiter) and the sequence delimiter.
    expect([...out.subarray(out.length - 24)]).toEqual([
      0xfe, 0xff, 0, 0xe0, 0xff, 0xff, 0xff, 0xff, 0xfe, 0xff, 0x0d, 0xe0, 0, 0, 0, 0, 0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0,
    ]);
    const parsed = parseDicomBytes(out, { mode: 'full' });
    expect(parsed.warnings).toEqual([]);
    const back = toEditable(parsed).elements[0]!;
    expect(back.items!.map((i) => i.elements.map((e) => e.tag))).toEqual([[0x00081150, 0x00081155], [0x00081250], []]);
    expect(text(back.items![1]!.elements[0]!.items![0]!.elements[0]!.value!)).toBe('ID-7');
  });

  it('writes encapsulated pixel data as items (odd fragments padded) closed by a sequence delimiter', () => {
    const ds = dataset([{ tag: 0x7fe00010, vr: 'OB', fragments: [new Uint8Array(0), Uint8Array.of(1, 2, 3)] }]);
    ds.transferSyntaxUid = '1.2.840.10008.1.2.5';
    const out = serializePart10(ds);
    const start = datasetStart(out);
    expect([...out.subarray(start)]).toEqual([
      0xe0, 0x7f, 0x10, 0, 0x4f, 0x42, 0, 0, 0xff, 0xff, 0xff, 0xff,
      0xfe, 0xff, 0, 0xe0, 0, 0, 0, 0,
      0xfe, 0xff, 0, 0xe0, 4, 0, 0, 0, 1, 2, 3, 0,
      0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0,
    ]);
    const parsed = parseDicomBytes(out, { mode: 'full' });
    expect(parsed.transferSyntax.uid).toBe('1.2.840.10008.1.2.5');
    expect(parsed.pixelData?.node.fragments?.map((f) => f.length)).toEqual([0, 4]);
  });

  it('refuses a transfer syntax the data set is not written in, or pixel data that do not match it', () => {
    const native = makeElement(0x7fe00010, 'OW', Uint8Array.of(1, 2));
    const ds = dataset([native]);
    for (const uid of ['1.2.840.10008.1.2', '1.2.840.10008.1.2.2', '1.2.840.10008.1.2.1.99']) {
      ds.transferSyntaxUid = uid;
      expect(() => serializePart10(ds), uid).toThrow(/is not written: the output is explicit VR little endian/);
    }
    ds.transferSyntaxUid = '1.2.840.10008.1.2.4.50';
    expect(() => serializePart10(ds)).toThrow(/needs encapsulated pixel data/);
    ds.transferSyntaxUid = '1.2.3.4.5';
    expect(() => serializePart10(ds)).toThrow(/unknown/);
    const encapsulated = dataset([{ tag: 0x7fe00010, vr: 'OB', fragments: [new Uint8Array(0), Uint8Array.of(1, 2)] }]);
    expect(() => serializePart10(encapsulated)).toThrow(/needs native pixel data/);
    encapsulated.transferSyntaxUid = '1.2.3.4.5'; // a private encapsulated syntax
    expect(parseDicomBytes(serializePart10(encapsulated), { mode: 'full' }).pixelData?.node.fragments?.length).toBe(2);
  });

  it('keeps the meta group in step with the data set: transfer syntax and SOP Class/Instance UIDs', () => {
    const meta = [makeElement(0x00020003, 'UI', ascii('9.9.9')), makeElement(0x00020010, 'UI', ascii('1.2.840.10008.1.2'))];
    const out = serializePart10(dataset([makeElement(0x00080018, 'UI', ascii('1.2.3.4'))], meta));
    const parsed = parseDicomBytes(out, { mode: 'full' });
    const metaText = (tag: number) => toEditable(parsed).meta.find((e) => e.tag === tag)?.value;
    expect(text(metaText(0x00020003)!)).toBe('1.2.3.4\0');
    expect(text(metaText(0x00020010)!)).toBe('1.2.840.10008.1.2.1'); // toEditable sets it unpadded
    expect(metaText(0x00020002)).toBeUndefined(); // no SOP Class UID in the data set: nothing invented
  });
});
