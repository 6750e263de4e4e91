import { describe, expect, it } from 'vitest';
import {
  decideCleanPixelData, defaultPolicy, describePolicyRisks, validatePolicy, type DeidPolicy,
} from '../../../../src/lib/deid/policy';

function mutated(edit: (p: Record<string, unknown> & { options: Record<string, unknown> }) => void): unknown {
  const p = JSON.parse(JSON.stringify(defaultPolicy())) as Record<string, unknown> & { options: Record<string, unknown> };
  edit(p);
  return p;
}

function errorOf(input: unknown): { name: string; message: string } {
  try {
    validatePolicy(input);
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a DeidPolicyError');
}

describe('the default policy', () => {
  it('is the Basic profile with no retain option and Clean Pixel Data auto', () => {
    const p = defaultPolicy();
    expect(p).toMatchObject({ version: 1, profile: 'basic', mode: 'profile', hipaaAgeOver89: true, overrides: {} });
    expect(p.options.cleanPixelData).toBe('auto');
    expect(p.options.retainLongitudinal).toBe('off');
    expect(Object.entries(p.options).filter(([, v]) => v === true)).toEqual([]);
  });

  it('survives a JSON round trip through validation unchanged', () => {
    const p = defaultPolicy();
    expect(validatePolicy(JSON.parse(JSON.stringify(p)))).toEqual(p);
  });

  it('has no risks to describe', () => {
    expect(describePolicyRisks(defaultPolicy())).toEqual([]);
  });
});

describe('policy validation', () => {
  it.each([
    ['not an object', 'x', '"policy"'],
    ['a wrong version', mutated((p) => { p.version = 2; }), '"version"'],
    ['a wrong profile', mutated((p) => { p.profile = 'full'; }), '"profile"'],
    ['a non-boolean option', mutated((p) => { p.options.retainUids = 'yes'; }), '"options.retainUids"'],
    ['a missing option', mutated((p) => { delete p.options.cleanGraphics; }), '"options.cleanGraphics"'],
    ['a bad longitudinal mode', mutated((p) => { p.options.retainLongitudinal = 'shifted'; }), '"options.retainLongitudinal"'],
    ['a bad pixel mode', mutated((p) => { p.options.cleanPixelData = true; }), '"options.cleanPixelData"'],
    ['a bad mode', mutated((p) => { p.mode = 'allow'; }), '"mode"'],
    ['safe-list mode without a list', mutated((p) => { p.mode = 'safe-list'; }), '"safeList"'],
    ['an unknown safe-list keyword', mutated((p) => { p.safeList = ['Modality', 'NoSuchKeyword']; }), '"safeList[1]"'],
    ['an unknown override key', mutated((p) => { p.overrides = { Bogus: 'X' }; }), '"overrides.Bogus"'],
    ['a bad override action', mutated((p) => { p.overrides = { PatientName: 'Q' }; }), '"overrides.PatientName"'],
    ['a fractional shift', mutated((p) => { p.dateShift = { minDays: -1.5, maxDays: 0 }; }), '"dateShift.minDays"'],
    ['an inverted shift range', mutated((p) => { p.dateShift = { minDays: 10, maxDays: 0 }; }), '"dateShift.minDays"'],
    ['a missing HIPAA flag', mutated((p) => { delete p.hipaaAgeOver89; }), '"hipaaAgeOver89"'],
    ['an even private group', mutated((p) => { p.privateSafeList = [{ creator: 'X', group: 0x0018, element: 1 }]; }), '"privateSafeList[0].group"'],
    ['a private element out of range', mutated((p) => { p.privateSafeList = [{ creator: 'X', group: 0x0019, element: 0x100 }]; }), '"privateSafeList[0].element"'],
  ])('refuses %s, naming the field', (_, input, field) => {
    const error = errorOf(input);
    expect(error.name).toBe('DeidPolicyError');
    expect(error.message).toContain(field);
  });

  it('accepts keywords and tags in the safe list and overrides', () => {
    const p = validatePolicy(mutated((p) => {
      p.mode = 'safe-list';
      p.safeList = ['StudyDescription', '(0008,103E)', '00181030'];
      p.overrides = { '0010,0010': 'X', PatientAge: 'K' };
    }));
    expect(p.safeList).toEqual(['StudyDescription', '(0008,103E)', '00181030']);
    expect(p.overrides).toEqual({ '0010,0010': 'X', PatientAge: 'K' });
  });
});

describe('describePolicyRisks', () => {
  it('names every turned-off protection', () => {
    const p: DeidPolicy = defaultPolicy();
    p.options.retainUids = true;
    p.options.retainLongitudinal = 'full';
    p.options.cleanPixelData = 'off';
    p.overrides = { PatientName: 'K', StudyDate: 'X' };
    p.hipaaAgeOver89 = false;
    expect(describePolicyRisks(p).map((r) => r.field)).toEqual([
      'options.retainUids', 'options.retainLongitudinal', 'options.cleanPixelData', 'overrides.PatientName', 'hipaaAgeOver89',
    ]);
    expect(describePolicyRisks(p)[2]?.exposes).toContain('burned into');
  });
});

describe('Clean Pixel Data decision', () => {
  const auto = defaultPolicy();
  it.each([
    [{ modality: 'US' }, true],
    [{ modality: 'XA' }, true],
    [{ modality: 'ES' }, true],
    [{ modality: 'XC' }, true],
    [{ modality: 'OT', sopClassUid: '1.2.840.10008.5.1.4.1.1.7' }, true],
    [{ modality: 'OT', sopClassUid: '1.2.840.10008.5.1.4.1.1.7.4' }, true],
    [{ modality: 'OT', sopClassUid: '1.2.840.10008.5.1.4.1.1.77.1.4' }, true],
    [{ modality: 'CT', sopClassUid: '1.2.840.10008.5.1.4.1.1.2' }, false],
    [{ modality: 'MR', sopClassUid: '1.2.840.10008.5.1.4.1.1.4' }, false],
    [{ modality: 'CT', burnedInAnnotation: 'YES' }, true],
    [{ modality: 'US', burnedInAnnotation: 'NO' }, false],
  ])('auto on %j → %s', (info, clean) => {
    expect(decideCleanPixelData(info, auto).clean).toBe(clean);
  });

  it('on and off apply to every instance', () => {
    const on = defaultPolicy();
    on.options.cleanPixelData = 'on';
    const off = defaultPolicy();
    off.options.cleanPixelData = 'off';
    expect(decideCleanPixelData({ modality: 'CT', burnedInAnnotation: 'NO' }, on).clean).toBe(true);
    expect(decideCleanPixelData({ modality: 'US', burnedInAnnotation: 'YES' }, off)).toEqual({ clean: false, reason: 'Clean Pixel Data is off in the policy.' });
  });
});
