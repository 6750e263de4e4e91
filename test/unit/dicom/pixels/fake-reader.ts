/** An AttributeReader over a plain object, for hand-made data sets in unit tests. */
import type { AttributeReader } from '../../../../src/lib/dicom/attributes';

export type FakeValue = string | number | Array<string | number> | Uint8Array | FakeDataSet[];
export interface FakeDataSet {
  [keyword: string]: FakeValue;
}

export function fakeReader(data: FakeDataSet): AttributeReader {
  const values = (keyword: string): Array<string | number> => {
    const v = data[keyword];
    if (v === undefined || v instanceof Uint8Array) return [];
    if (Array.isArray(v)) return v.filter((x): x is string | number => typeof x !== 'object');
    return typeof v === 'string' ? v.split('\\') : [v];
  };
  const asNumber = (x: string | number | undefined): number | undefined => (x === undefined || x === '' ? undefined : Number(x));
  return {
    has: (keyword) => keyword in data,
    string: (keyword, index = 0) => {
      const x = values(keyword)[index];
      return x === undefined ? undefined : String(x).trim();
    },
    strings: (keyword) => values(keyword).map((x) => String(x).trim()),
    number: (keyword, index = 0) => asNumber(values(keyword)[index]),
    numbers: (keyword) => values(keyword).map((x) => Number(x)),
    sequence: (keyword) => {
      const v = data[keyword];
      return Array.isArray(v) ? v.filter((x): x is FakeDataSet => typeof x === 'object').map(fakeReader) : [];
    },
    bytes: (keyword) => {
      const v = data[keyword];
      return v instanceof Uint8Array ? v : undefined;
    },
  };
}

/** Little-endian bytes of 16-bit words. */
export function words(...values: number[]): Uint8Array {
  return new Uint8Array(Uint16Array.from(values).buffer);
}

export const GREY_8x1 = { Rows: 1, Columns: 8, SamplesPerPixel: 1, BitsAllocated: 8, BitsStored: 8, HighBit: 7, PixelRepresentation: 0, PhotometricInterpretation: 'MONOCHROME2' };
