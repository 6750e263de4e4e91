import { describe, expect, it } from 'vitest';
import { ds, formatDecimalString, is, isValidUid } from '../../../../src/lib/dicom/write';

describe('formatDecimalString', () => {
  it.each([
    [0.16, '0.16'],
    [1 / 3, '0.333333'],
    [-158.75, '-158.75'],
    [120, '120'],
    [-0, '0'],
    [-1e-9, '0'],
    [123456789.123456, '123456789.123456'],
    [-123456789.123456, '-123456789.12346'],
    [1e20, '1.00000000e+20'],
  ])('%s → %s', (value, text) => {
    expect(formatDecimalString(value)).toBe(text);
    expect(text.length).toBeLessThanOrEqual(16);
  });

  it('refuses non-finite numbers', () => {
    expect(() => formatDecimalString(Number.NaN)).toThrow(RangeError);
  });

  it('builds DS and IS elements', () => {
    expect(ds(1, 0.5)).toEqual({ vr: 'DS', values: ['1', '0.5'] });
    expect(is(16)).toEqual({ vr: 'IS', values: ['16'] });
    expect(() => is(1.5)).toThrow(RangeError);
  });
});

describe('isValidUid', () => {
  it.each([
    ['1.2.840.10008.1.2.1', true],
    ['2.25.0', true],
    ['0.1', true],
    ['1.02.3', false],
    ['1..2', false],
    ['1.2.', false],
    ['', false],
    ['1.2.a', false],
    [`2.25.${'1'.repeat(60)}`, false],
  ])('%s → %s', (uid, valid) => {
    expect(isValidUid(uid)).toBe(valid);
  });
});
