import type { AttributeReader } from '../../../../src/lib/dicom/attributes';

/**
 * A Map-backed AttributeReader for tests: text values as strings (backslash-separated when
 * multi-valued, as in a file), binary numbers as numbers or number arrays, sequences as arrays
 * of attribute objects. It follows the contract in src/lib/dicom/attributes.ts, nothing more.
 */
export type FakeValue = string | number | readonly number[] | readonly FakeAttributes[] | Uint8Array;
export interface FakeAttributes {
  readonly [keyword: string]: FakeValue;
}

export function fakeReader(attributes: FakeAttributes): AttributeReader {
  const map = new Map<string, FakeValue>(Object.entries(attributes));
  const isSequence = (v: FakeValue): v is readonly FakeAttributes[] =>
    Array.isArray(v) && v.length > 0 && typeof v[0] === 'object';
  const values = (keyword: string): Array<string | number> => {
    const v = map.get(keyword);
    if (v === undefined || v instanceof Uint8Array || isSequence(v)) return [];
    if (typeof v === 'string') return v === '' ? [] : v.split('\\').map((s) => s.trim());
    if (typeof v === 'number') return [v];
    return [...(v as readonly number[])];
  };
  const toNumber = (v: string | number | undefined): number | undefined => {
    if (v === undefined) return undefined;
    if (typeof v === 'number') return v;
    if (v === '') return undefined;
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  };
  return {
    has: (keyword) => map.has(keyword),
    string: (keyword, index = 0) => {
      const v = values(keyword)[index];
      return v === undefined ? undefined : String(v);
    },
    strings: (keyword) => values(keyword).map(String),
    number: (keyword, index = 0) => toNumber(values(keyword)[index]),
    numbers: (keyword) => values(keyword).map(toNumber).filter((n): n is number => n !== undefined),
    sequence: (keyword) => {
      const v = map.get(keyword);
      return v !== undefined && isSequence(v) ? v.map(fakeReader) : [];
    },
    bytes: (keyword) => {
      const v = map.get(keyword);
      return v instanceof Uint8Array ? v : undefined;
    },
  };
}
