import { describe, expect, it } from 'vitest';
import {
  findElements, formatDecimalString, getElement, getNumbers, getText, insertElement, makeElement, removeElements,
  cloneDataset, replacePixelData, setNumbers, setText, setUid, specificCharacterSet, toLittleEndian, walk, type EditableDataset,
} from '../../../../src/lib/dicom/edit';
import { textDecoding } from '../../../../src/lib/dicom/parse';

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

function dataset(charset?: string): EditableDataset {
  const elements = [makeElement(0x00100010, 'PN', ascii('Doe^John'))];
  if (charset) elements.unshift(makeElement(0x00080005, 'CS', ascii(charset)));
  return { meta: [], elements, transferSyntaxUid: '1.2.840.10008.1.2.1' };
}

describe('text values and Specific Character Set', () => {
  it('ISO_IR 100 encodes Latin-1 and decodes back', () => {
    const ds = dataset('ISO_IR 100');
    const name = getElement(ds.elements, 0x00100010)!;
    setText(name, ['Müller^Jörg'], ds);
    expect([...name.value!.subarray(0, 3)]).toEqual([0x4d, 0xfc, 0x6c]);
    expect(getText(name, textDecoding(specificCharacterSet(ds)))).toEqual(['Müller^Jörg']);
  });

  it('ISO_IR 100 refuses text outside Latin-1 instead of mis-encoding it', () => {
    const ds = dataset('ISO_IR 100');
    expect(() => setText(getElement(ds.elements, 0x00100010)!, ['Żółw'], ds)).toThrow(expect.objectContaining({ name: 'InvalidInputError' }));
  });

  it('ISO_IR 192 encodes UTF-8', () => {
    const ds = dataset('ISO_IR 192');
    const name = getElement(ds.elements, 0x00100010)!;
    setText(name, ['山田^太郎'], ds);
    expect([...name.value!.subarray(0, 3)]).toEqual([0xe5, 0xb1, 0xb1]);
    expect(getText(name, textDecoding(['ISO_IR 192']))).toEqual(['山田^太郎']);
  });

  it('a default-repertoire data set given non-ASCII text is switched to ISO_IR 192', () => {
    const ds = dataset();
    setText(getElement(ds.elements, 0x00100010)!, ['Müller'], ds);
    expect(specificCharacterSet(ds)).toEqual(['ISO_IR 192']);
    expect(ds.elements.map((e) => e.tag)).toEqual([0x00080005, 0x00100010]);
    expect([...getElement(ds.elements, 0x00100010)!.value!.subarray(0, 3)]).toEqual([0x4d, 0xc3, 0xbc]);
  });

  it('non-ASCII is refused without a data set, and in VRs outside Specific Character Set', () => {
    const ds = dataset('ISO_IR 192');
    expect(() => setText(makeElement(0x00100010, 'PN'), ['Müller'])).toThrow(/ASCII/);
    expect(() => setText(makeElement(0x00080060, 'CS'), ['É'], ds)).toThrow(/ASCII/);
  });

  it('joins values with backslashes and refuses several values in a single-valued VR', () => {
    const el = setText(makeElement(0x00080008, 'CS'), ['ORIGINAL', 'PRIMARY']);
    expect(String.fromCharCode(...el.value!)).toBe('ORIGINAL\\PRIMARY');
    expect(() => setText(makeElement(0x00081080, 'LT'), ['a', 'b'])).toThrow(/single value/);
  });
});

describe('numbers and UIDs', () => {
  it('formats DS to at most 16 characters', () => {
    expect([1 / 3, 123456789012345678, -1e-20, 0.1 + 0.2, 1234567.890123456789, 42].map((v) => formatDecimalString(v))).toEqual([
      '0.33333333333333', '1.2345678901e+17', '-1e-20', '0.3', '1234567.89012346', '42',
    ]);
    const ds = setNumbers(makeElement(0x00280030, 'DS'), [0.5, 1 / 3]);
    expect(String.fromCharCode(...ds.value!)).toBe('0.5\\0.33333333333333');
    expect(getNumbers(ds)).toEqual([0.5, 0.33333333333333]);
    expect(() => setNumbers(makeElement(0x00280030, 'DS'), [Number.NaN])).toThrow(/finite/);
  });

  it('writes IS as integers and binary VRs little endian, checking ranges', () => {
    expect(String.fromCharCode(...setNumbers(makeElement(0x00200013, 'IS'), [-12, 7]).value!)).toBe('-12\\7');
    expect(() => setNumbers(makeElement(0x00200013, 'IS'), [3.5])).toThrow(/integer/);
    expect([...setNumbers(makeElement(0x00280010, 'US'), [1, 65535]).value!]).toEqual([1, 0, 255, 255]);
    expect([...setNumbers(makeElement(0x00189219, 'SS'), [-2]).value!]).toEqual([0xfe, 0xff]);
    expect([...setNumbers(makeElement(0x00209165, 'AT'), [0x00100020]).value!]).toEqual([0x10, 0, 0x20, 0]);
    expect(getNumbers(setNumbers(makeElement(0x00189087, 'FD'), [1.5]))).toEqual([1.5]);
    expect(() => setNumbers(makeElement(0x00280010, 'US'), [70000])).toThrow(/out of range/);
  });

  it('validates UIDs', () => {
    expect(String.fromCharCode(...setUid(makeElement(0x00080018, 'UI'), '2.25.123').value!)).toBe('2.25.123');
    for (const bad of ['1.02', '1..2', 'abc', `1.${'2'.repeat(63)}`]) {
      expect(() => setUid(makeElement(0x00080018, 'UI'), bad)).toThrow(/not a valid UID/);
    }
  });
});

describe('finding, removing and inserting elements at any depth', () => {
  function nested(): EditableDataset {
    return {
      meta: [],
      transferSyntaxUid: '1.2.840.10008.1.2.1',
      elements: [
        makeElement(0x00080018, 'UI', '1.2.3'),
        makeElement(0x00091010, 'LO', ascii('PRIV')),
        makeElement(0x00400275, 'SQ', [
          { elements: [makeElement(0x00091010, 'LO', ascii('PRIV2')), makeElement(0x00100010, 'PN', ascii('X'))] },
          { elements: [makeElement(0x00081110, 'SQ', [{ elements: [makeElement(0x00091010, 'LO', ascii('PRIV3'))] }])] },
        ]),
      ],
    };
  }

  it('finds by tag with path and depth', () => {
    const found = findElements(nested(), 0x00091010);
    expect(found.map((f) => [f.depth, f.path.map((p) => [p.tag, p.item])])).toEqual([
      [0, []],
      [1, [[0x00400275, 0]]],
      [2, [[0x00400275, 1], [0x00081110, 0]]],
    ]);
  });

  it('removes by predicate at every depth and leaves the rest in order', () => {
    const ds = nested();
    expect(removeElements(ds, (el) => (el.tag >>> 16) % 2 === 1)).toBe(3);
    expect(ds.elements.map((e) => e.tag)).toEqual([0x00080018, 0x00400275]);
    expect(ds.elements[1]!.items![0]!.elements.map((e) => e.tag)).toEqual([0x00100010]);
    expect(ds.elements[1]!.items![1]!.elements[0]!.items![0]!.elements).toEqual([]);
  });

  it("walk's 'skip' does not descend into a sequence", () => {
    const seen: number[] = [];
    walk(nested(), (el) => {
      seen.push(el.tag);
      return el.tag === 0x00400275 ? 'skip' : undefined;
    });
    expect(seen).toEqual([0x00080018, 0x00091010, 0x00400275]);
  });

  it('cloneDataset copies the structure, so edits of the clone leave the original alone', () => {
    const original = nested();
    const copy = cloneDataset(original);
    removeElements(copy, 0x00100010);
    setUid(copy.elements[0]!, '2.25.1');
    expect(findElements(original, 0x00100010).length).toBe(1);
    expect(String.fromCharCode(...original.elements[0]!.value!)).toBe('1.2.3');
  });

  it('insertElement keeps tag order and replaces an element of the same tag', () => {
    const list = nested().elements;
    insertElement(list, makeElement(0x00100020, 'LO', ascii('ID')));
    insertElement(list, makeElement(0x00080018, 'UI', '9.9'));
    expect(list.map((e) => e.tag)).toEqual([0x00080018, 0x00091010, 0x00100020, 0x00400275]);
    expect(String.fromCharCode(...list[0]!.value!)).toBe('9.9');
  });
});

describe('pixel data and byte order', () => {
  it('replacePixelData writes native frames concatenated (OW for 16 bits)', () => {
    const ds: EditableDataset = { meta: [], elements: [makeElement(0x00280100, 'US', [16])], transferSyntaxUid: '1.2.840.10008.1.2.4.50' };
    replacePixelData(ds, [Uint8Array.of(1, 2), Uint8Array.of(3, 4)], { transferSyntaxUid: '1.2.840.10008.1.2.1', encapsulated: false });
    expect(ds.transferSyntaxUid).toBe('1.2.840.10008.1.2.1');
    const pixel = getElement(ds.elements, 0x7fe00010)!;
    expect([pixel.vr, [...pixel.value!]]).toEqual(['OW', [1, 2, 3, 4]]);
  });

  it('replacePixelData writes encapsulated frames one fragment each after a Basic Offset Table', () => {
    const ds: EditableDataset = { meta: [], elements: [], transferSyntaxUid: '1.2.840.10008.1.2.1' };
    replacePixelData(ds, [Uint8Array.of(1, 2, 3), Uint8Array.of(4, 5)], { transferSyntaxUid: '1.2.840.10008.1.2.5', encapsulated: true });
    const pixel = getElement(ds.elements, 0x7fe00010)!;
    expect(pixel.vr).toBe('OB');
    // Offsets from the first fragment's item: 0, then 8 + 4 (3 bytes padded to even).
    expect(pixel.fragments!.map((f) => [...f])).toEqual([[0, 0, 0, 0, 12, 0, 0, 0], [1, 2, 3], [4, 5]]);
  });

  it('swaps big-endian binary values by VR and leaves bytes and text alone', () => {
    expect([...toLittleEndian(Uint8Array.of(0x12, 0x34, 0xab, 0xcd), 'US')]).toEqual([0x34, 0x12, 0xcd, 0xab]);
    expect([...toLittleEndian(Uint8Array.of(0, 0x10, 0, 0x20), 'AT')]).toEqual([0x10, 0, 0x20, 0]);
    expect([...toLittleEndian(Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8), 'FD')]).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
    expect([...toLittleEndian(Uint8Array.of(1, 2, 3, 4), 'UL')]).toEqual([4, 3, 2, 1]);
    const unaligned = Uint8Array.of(9, 0x12, 0x34).subarray(1);
    expect([...toLittleEndian(unaligned, 'OW')]).toEqual([0x34, 0x12]);
    const ob = Uint8Array.of(1, 2);
    expect(toLittleEndian(ob, 'OB')).toBe(ob);
    expect(toLittleEndian(ob, 'LO')).toBe(ob);
  });
});
