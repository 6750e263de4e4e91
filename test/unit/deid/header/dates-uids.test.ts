import { describe, expect, it } from 'vitest';
import { UidRemapper, capAge, hipaaBirthDateCap, hmacKey, isValidTm, patientShiftDays, shiftDa, shiftDt, dummyBytes } from '../../../../src/lib/deid/header';
import { OTHER_SECRET, SECRET } from './fixtures';

describe('date shifting', () => {
  it('shifts DA values, ranges included, across months and leap days', () => {
    expect(shiftDa('20240131', -31)).toBe('20231231');
    expect(shiftDa('20240301', -1)).toBe('20240229');
    expect(shiftDa('2024.03.01', 1)).toBe('20240302');
    expect(shiftDa('20240101-20240110', -10)).toBe('20231222-20231231');
    expect(shiftDa('-20240110', 1)).toBe('-20240111');
    expect(shiftDa('20241301', 1)).toBeUndefined();
    expect(shiftDa('2024', 1)).toBeUndefined();
  });

  it('shifts the date of a DT and keeps its time and UTC offset', () => {
    expect(shiftDt('20240131235959.123456+0100', -31)).toBe('20231231235959.123456+0100');
    expect(shiftDt('20240101', -1)).toBe('20231231');
    expect(shiftDt('202401', -40)).toBe('202312');
    expect(shiftDt('2024', -400)).toBe('2023');
    expect(shiftDt('2024013125', 0)).toBeUndefined();
    expect(shiftDt('abc', 0)).toBeUndefined();
  });

  it('recognises valid TM values', () => {
    expect(['07', '0730', '073015', '073015.123456', '07:30:15'].every(isValidTm)).toBe(true);
    expect(['24', '0760', '7', '073015.', 'ab'].some(isValidTm)).toBe(false);
  });

  it('caps ages above 89 (HIPAA)', () => {
    expect(capAge('089Y')).toBe('089Y');
    expect(capAge('090Y')).toBe('090Y');
    expect(capAge('104Y')).toBe('090Y');
    expect(capAge('999M')).toBe('999M'); // 83 years
    expect(capAge('012W')).toBe('012W');
  });

  it('caps a kept birth date so the age at the study reads 90 at most', () => {
    expect(hipaaBirthDateCap('19200315', '20240101')).toBe('19340101'); // 103 at the study
    expect(hipaaBirthDateCap('19340102', '20240101')).toBeUndefined(); // 89
    expect(hipaaBirthDateCap('19000101', '20240229')).toBe('19340228');
    expect(hipaaBirthDateCap('', '20240101')).toBeUndefined();
  });

  it('draws a per-patient shift in the range, the same for the same patient and secret', async () => {
    const key = await hmacKey(SECRET);
    const a = await patientShiftDays(key, 'id||PAT1', -365, -1);
    expect(a).toBeGreaterThanOrEqual(-365);
    expect(a).toBeLessThanOrEqual(-1);
    expect(await patientShiftDays(key, 'id||PAT1', -365, -1)).toBe(a);
    const shifts = await Promise.all(Array.from({ length: 20 }, (_, i) => patientShiftDays(key, `id||P${i}`, -365, -1)));
    expect(new Set(shifts).size).toBeGreaterThan(10);
    expect(await patientShiftDays(key, 'id||PAT1', 5, 5)).toBe(5);
  });
});

describe('UID remapping', () => {
  it('maps to a 2.25 UID of at most 64 characters without leading zeros, deterministically', async () => {
    const remapper = new UidRemapper(await hmacKey(SECRET));
    const uid = await remapper.remap('1.2.3.4.5.6789');
    expect(uid).toMatch(/^2\.25\.(0|[1-9]\d*)$/);
    expect(uid.length).toBeLessThanOrEqual(64);
    expect(await new UidRemapper(await hmacKey(SECRET)).remap('1.2.3.4.5.6789')).toBe(uid);
    expect(await remapper.remap('1.2.3.4.5.6789\0')).toBe(uid); // padding is not part of the UID
    expect(await new UidRemapper(await hmacKey(OTHER_SECRET)).remap('1.2.3.4.5.6789')).not.toBe(uid);
    expect(await remapper.remap('1.2.3.4.5.6780')).not.toBe(uid);
  });

  it('leaves standard UIDs alone and computes each UID once per cache', async () => {
    const remapper = new UidRemapper(await hmacKey(SECRET));
    expect(await remapper.remap('1.2.840.10008.5.1.4.1.1.2')).toBe('1.2.840.10008.5.1.4.1.1.2');
    await remapper.remap('1.2.3');
    await remapper.remap('1.2.3');
    expect(remapper.cache.size).toBe(1);
  });

  it('refuses a secret shorter than 16 bytes', async () => {
    await expect(hmacKey(new Uint8Array(8))).rejects.toThrow(/16 bytes/);
  });
});

describe('dummy values', () => {
  it('are valid for their VR', () => {
    const text = (vr: string): string => new TextDecoder().decode(dummyBytes(vr, 0));
    expect(text('DA')).toBe('19000101');
    expect(text('TM')).toBe('000000');
    expect(text('DT')).toBe('19000101000000');
    expect(text('IS')).toBe('0');
    expect(text('DS')).toBe('0');
    expect(text('AS')).toBe('000D');
    expect(text('PN')).toBe('ANONYMOUS');
    expect(dummyBytes('US', 0)).toEqual(new Uint8Array(2));
    expect(dummyBytes('OB', 5)).toEqual(new Uint8Array(6));
  });
});
