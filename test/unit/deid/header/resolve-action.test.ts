import { describe, expect, it } from 'vitest';
import { concreteAction, resolveAction } from '../../../../src/lib/deid/header';
import { defaultPolicy, type DeidPolicy } from '../../../../src/lib/deid/policy';

const CT = '1.2.840.10008.5.1.4.1.1.2';
const SR = '1.2.840.10008.5.1.4.1.1.88.22';
const ENHANCED_MR = '1.2.840.10008.5.1.4.1.1.4.1';

function withOptions(edit: (p: DeidPolicy) => void): DeidPolicy {
  const p = defaultPolicy();
  edit(p);
  return p;
}

const action = (tag: number, policy = defaultPolicy(), sop = CT, depth = 0): string => resolveAction(tag, policy, sop, depth).action;

describe('action resolution from Table E.1-1', () => {
  it('takes the Basic action, resolving X/Z/D by the IOD: Type 2 → Z, Type 1 → D, otherwise X', () => {
    expect(action(0x00100010)).toBe('Z'); // PatientName Z (Type 2)
    expect(action(0x00100020)).toBe('Z'); // PatientID Z/D, Type 2
    expect(action(0x00080050)).toBe('Z'); // AccessionNumber
    expect(action(0x00080080)).toBe('X'); // InstitutionName X/Z/D, Type 3
    expect(action(0x00080021)).toBe('X'); // SeriesDate X/D, Type 3
    expect(action(0x00080023)).toBe('Z'); // ContentDate Z/D, Type 2 in image IODs
    expect(action(0x00080023, defaultPolicy(), SR)).toBe('D'); // ContentDate Type 1 in SR
    expect(action(0x0008002a, defaultPolicy(), ENHANCED_MR)).toBe('D'); // AcquisitionDateTime X/Z/D, Type 1 in enhanced MR
    expect(action(0x0008002a)).toBe('X');
    expect(action(0x00080018)).toBe('U'); // SOPInstanceUID
    expect(action(0x00081140)).toBe('U'); // ReferencedImageSequence X/Z/U*: UIDs inside remapped
    expect(action(0x00081030)).toBe('X'); // StudyDescription
    expect(action(0x00280010)).toBe('K'); // Rows: not in the table
    expect(action(0x00100010, defaultPolicy(), CT, 2)).toBe('Z'); // nested: Type 3 but Z has no X
    expect(action(0x00080080, defaultPolicy(), CT, 1)).toBe('X');
  });

  it('lets the option columns override the Basic action', () => {
    expect(action(0x00081030, withOptions((p) => { p.options.cleanDescriptors = true; }))).toBe('C');
    expect(action(0x00080020, withOptions((p) => { p.options.retainLongitudinal = 'full'; }))).toBe('K');
    expect(action(0x00080020, withOptions((p) => { p.options.retainLongitudinal = 'modified'; }))).toBe('C');
    expect(action(0x00080018, withOptions((p) => { p.options.retainUids = true; }))).toBe('K');
    expect(action(0x00080080, withOptions((p) => { p.options.retainInstitutionIdentity = true; }))).toBe('K');
    expect(action(0x00081010, withOptions((p) => { p.options.retainDeviceIdentity = true; }))).toBe('K');
    expect(action(0x00080055, withOptions((p) => { p.options.retainDeviceIdentity = true; }))).toBe('C');
    expect(action(0x00101010, withOptions((p) => { p.options.retainPatientCharacteristics = true; }))).toBe('K');
    expect(action(0x0040a730, withOptions((p) => { p.options.cleanStructuredContent = true; }))).toBe('C');
    expect(action(0x00700001, withOptions((p) => { p.options.cleanGraphics = true; }))).toBe('C');
  });

  it('takes the most protective of several applicable options', () => {
    // Allergies: Retain Patient Characteristics C, Clean Descriptors C.
    expect(resolveAction(0x00102110, withOptions((p) => { p.options.retainPatientCharacteristics = true; p.options.cleanDescriptors = true; }), CT, 0))
      .toEqual({ action: 'C', reason: 'Table E.1-1, Retain Patient Characteristics option' });
  });

  it('safe-list mode keeps the listed, applies the profile to the rest of the table, removes the others', () => {
    const p = withOptions((p) => { p.mode = 'safe-list'; p.safeList = ['StudyDescription', 'PatientAge', '(0008,0018)', 'BodyPartExamined']; });
    expect(action(0x00081030, p)).toBe('K');
    expect(action(0x00101010, p)).toBe('K');
    expect(action(0x00180015, p)).toBe('K'); // BodyPartExamined, listed
    expect(action(0x00080018, p)).toBe('U'); // listed UID still remapped
    expect(action(0x00100010, p)).toBe('Z'); // unlisted table attribute: profile action
    expect(action(0x00180050, p)).toBe('X'); // SliceThickness, unlisted, outside the table
    expect(action(0x00280010, p)).toBe('K'); // Rows: structural
    expect(action(0x00080016, p)).toBe('K'); // SOPClassUID: structural
  });

  it('lets per-attribute overrides have the last word, by keyword or tag', () => {
    const p = withOptions((p) => { p.overrides = { PatientSex: 'K', '(0008,0080)': 'D', StudyDate: 'X' }; });
    expect(resolveAction(0x00100040, p, CT, 0)).toEqual({ action: 'K', reason: 'policy override' });
    expect(action(0x00080080, p)).toBe('D');
    expect(action(0x00080020, p)).toBe('X');
  });

  it('makes composite actions concrete', () => {
    expect(concreteAction('X/Z', 0x00080022, CT, 0)).toBe('X');
    expect(concreteAction('X/D', 0x00080023, CT, 0)).toBe('D'); // Type 2 without Z allowed → D
    expect(concreteAction('Z', 0x00080023, SR, 0)).toBe('D'); // Type 1 never zero-length
    expect(concreteAction('X/Z/U*', 0x00082112, CT, 0)).toBe('U');
  });
});
