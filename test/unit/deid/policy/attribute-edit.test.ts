import { describe, expect, it } from 'vitest';
import {
  addSafeListEntry, defaultPolicy, describeAttribute, describePolicyRisks, removeOverride, removeSafeListEntry, setMode, setOverride, validatePolicy,
} from '../../../../src/lib/deid/policy';

describe('describeAttribute', () => {
  it('knows a keyword, its tag, its Table E.1-1 name and Basic action', () => {
    expect(describeAttribute('PatientName')).toEqual({
      key: 'PatientName', tag: 0x00100010, tagText: '(0010,0010)', name: "Patient's Name", annexDefault: 'Z', phiBearing: true, isPrivate: false,
    });
  });

  it('turns a tag into the keyword and leaves out the action of an attribute the table does not list', () => {
    const info = describeAttribute('(0028,0010)');
    expect(info?.key).toBe('Rows');
    expect(info?.annexDefault).toBeUndefined();
    expect(info?.phiBearing).toBe(false);
  });

  it('keeps a repeating-group tag as a tag, since its keyword names group 6000', () => {
    expect(describeAttribute('60023000')).toMatchObject({ key: '60023000', annexDefault: 'X', phiBearing: true });
  });

  it('takes private data elements (Basic action X) but not private creators or unknown tags', () => {
    expect(describeAttribute('00091001')).toMatchObject({ key: '00091001', isPrivate: true, annexDefault: 'X', name: 'private attribute' });
    expect(describeAttribute('00090010')).toBeUndefined();
    expect(describeAttribute('00100000')).toBeUndefined();
    expect(describeAttribute('00101234')).toBeUndefined();
    expect(describeAttribute('PatientNam')).toBeUndefined();
  });
});

describe('policy edits', () => {
  it('stores an override once under its keyword, whatever form it was typed in', () => {
    let p = setOverride(defaultPolicy(), '(0010,0010)', 'K');
    p = setOverride(p, 'PatientName', 'X');
    expect(p.overrides).toEqual({ PatientName: 'X' });
    expect(validatePolicy(p).overrides).toEqual({ PatientName: 'X' });
    expect(removeOverride(p, 'PatientName').overrides).toEqual({});
  });

  it('refuses an attribute the dictionary does not know, by name', () => {
    expect(() => setOverride(defaultPolicy(), 'NotAnAttribute', 'K')).toThrow(/"NotAnAttribute" is not a DICOM attribute/);
    try {
      addSafeListEntry(defaultPolicy(), '12345');
    } catch (error) {
      expect((error as Error).name).toBe('DeidPolicyError');
    }
  });

  it('edits the safe list without duplicates and keeps it valid', () => {
    let p = setMode(defaultPolicy(), 'safe-list');
    expect(p.safeList).toEqual([]);
    p = addSafeListEntry(p, 'StudyDescription');
    p = addSafeListEntry(p, '(0008,1030)');
    p = addSafeListEntry(p, 'BodyPartExamined');
    expect(p.safeList).toEqual(['StudyDescription', 'BodyPartExamined']);
    expect(validatePolicy(p).safeList).toEqual(['StudyDescription', 'BodyPartExamined']);
    expect(removeSafeListEntry(p, 'StudyDescription').safeList).toEqual(['BodyPartExamined']);
  });
});

describe('risks of overrides and safe lists', () => {
  it('names an override that keeps a PHI-bearing attribute, with the table action', () => {
    const p = setOverride(setOverride(defaultPolicy(), 'PatientName', 'K'), 'InstitutionName', 'C');
    const risks = describePolicyRisks(p);
    expect(risks.map((r) => r.field)).toEqual(['overrides.PatientName', 'overrides.InstitutionName']);
    expect(risks[0]!.exposes).toBe("PatientName (Patient's Name) is kept as it is, whatever the profile says (Table E.1-1 says Z): its value can identify the patient.");
    expect(risks[1]!.exposes).toContain('only cleaned');
  });

  it('says nothing about overrides that protect more, or keep what the profile keeps anyway', () => {
    let p = setOverride(defaultPolicy(), 'StudyDate', 'X');
    p = setOverride(p, 'Rows', 'K');
    p = setOverride(p, 'PatientName', 'D');
    expect(describePolicyRisks(p)).toEqual([]);
  });

  it('names a kept UID and a kept private attribute', () => {
    let p = setOverride(defaultPolicy(), 'StudyInstanceUID', 'K');
    p = setOverride(p, '00091001', 'K');
    expect(describePolicyRisks(p).map((r) => r.exposes)).toEqual([
      "StudyInstanceUID (Study Instance UID) keeps its original UID (Table E.1-1 says U): it can be traced back to the hospital's archive.",
      '00091001 (private attribute) is kept as it is, whatever the profile says (Table E.1-1 says X): its value can identify the patient.',
    ]);
  });

  it('names each PHI-bearing attribute of a safe list, but not a listed UID that is still remapped', () => {
    let p = setMode(defaultPolicy(), 'safe-list');
    for (const key of ['PatientID', 'StudyInstanceUID', 'Rows']) p = addSafeListEntry(p, key);
    expect(describePolicyRisks(p).map((r) => r.field)).toEqual(['mode', 'safeList.PatientID']);
    p = { ...p, options: { ...p.options, retainUids: true } };
    expect(describePolicyRisks(p).map((r) => r.field)).toEqual(['options.retainUids', 'mode', 'safeList.PatientID', 'safeList.StudyInstanceUID']);
  });
});
