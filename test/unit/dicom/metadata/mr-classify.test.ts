import { describe, expect, it } from 'vitest';
import { classifyMr, classifySeries, mrParameterSets, type MrWeighting } from '../../../../src/lib/dicom/metadata';
import { fakeReader, type FakeAttributes } from './fake-reader';

function classify(a: FakeAttributes): [MrWeighting, string] {
  const sets = mrParameterSets(fakeReader({ Modality: 'MR', ...a }));
  const result = classifySeries(sets);
  return [result?.weighting ?? 'unknown', result?.reason ?? ''];
}

const cases: Array<[string, FakeAttributes, MrWeighting, string]> = [
  ['T1 spin echo', { ScanningSequence: 'SE', RepetitionTime: '500', EchoTime: '15' }, 'T1', 'TR 500 ms, TE 15 ms, SE: T1'],
  ['T2 turbo spin echo', { ScanningSequence: 'SE', SequenceVariant: 'SK', RepetitionTime: '4000', EchoTime: '100' }, 'T2', 'TR 4000 ms, TE 100 ms, SE: T2'],
  ['PD spin echo', { ScanningSequence: 'SE', RepetitionTime: '3000', EchoTime: '20' }, 'PD', 'TR 3000 ms, TE 20 ms, SE: PD'],
  ['intermediate TR and TE', { ScanningSequence: 'SE', RepetitionTime: '1500', EchoTime: '50' }, 'unknown',
    'TR 1500 ms, TE 50 ms, SE: unknown (TR and TE between the T1, T2 and PD ranges)'],
  ['long TR, TE between PD and T2', { ScanningSequence: 'SE', RepetitionTime: '3000', EchoTime: '50' }, 'unknown',
    'TR 3000 ms, TE 50 ms, SE: unknown (TR and TE between the T1, T2 and PD ranges)'],
  ['FLAIR', { ScanningSequence: 'SE\\IR', RepetitionTime: '9000', EchoTime: '120', InversionTime: '2500' }, 'FLAIR',
    'TR 9000 ms, TE 120 ms, TI 2500 ms, SE\\IR: FLAIR'],
  ['CSF-nulling TI with a short TE (not FLAIR)', { ScanningSequence: 'SE\\IR', RepetitionTime: '9000', EchoTime: '10', InversionTime: '2500' },
    'unknown', 'TR 9000 ms, TE 10 ms, TI 2500 ms, SE\\IR: unknown (CSF-nulling TI without the long TR and TE of FLAIR)'],
  ['STIR', { ScanningSequence: 'SE\\IR', RepetitionTime: '5000', EchoTime: '60', InversionTime: '150' }, 'unknown',
    'TR 5000 ms, TE 60 ms, TI 150 ms, SE\\IR: unknown (short TI: STIR-like fat suppression)'],
  ['MPRAGE', { ScanningSequence: 'GR\\IR', SequenceVariant: 'SP\\MP', RepetitionTime: '2300', EchoTime: '2.98', InversionTime: '900', FlipAngle: '9' },
    'T1', 'TR 2300 ms, TE 2.98 ms, TI 900 ms, flip 9°, GR\\IR: T1 (inversion recovery)'],
  ['IR without TI', { ScanningSequence: 'IR', RepetitionTime: '2000', EchoTime: '10' }, 'unknown',
    'TR 2000 ms, TE 10 ms, IR: unknown (inversion recovery without inversion time)'],
  ['TI between the T1 and FLAIR bands', { ScanningSequence: 'IR', RepetitionTime: '6000', EchoTime: '100', InversionTime: '1350' }, 'unknown',
    'TR 6000 ms, TE 100 ms, TI 1350 ms, IR: unknown (TI between the T1 and FLAIR ranges)'],
  ['spoiled gradient echo, large flip', { ScanningSequence: 'GR', SequenceVariant: 'SP', RepetitionTime: '250', EchoTime: '4.8', FlipAngle: '70' },
    'T1', 'TR 250 ms, TE 4.8 ms, flip 70°, GR: T1'],
  ['gradient echo, small flip (T2*/PD-like)', { ScanningSequence: 'GR', RepetitionTime: '600', EchoTime: '20', FlipAngle: '20' }, 'unknown',
    'TR 600 ms, TE 20 ms, flip 20°, GR: unknown (gradient echo with small flip angle or long TE: PD-, T2*- or mixed weighting)'],
  ['gradient echo without flip angle', { ScanningSequence: 'GR', RepetitionTime: '10', EchoTime: '4' }, 'unknown',
    'TR 10 ms, TE 4 ms, GR: unknown (gradient echo without flip angle)'],
  ['DWI from b-value', { ScanningSequence: 'EP', SequenceVariant: 'SK\\SP', RepetitionTime: '5000', EchoTime: '90', DiffusionBValue: '1000' },
    'DWI', 'b 1000 s/mm²: DWI'],
  ['DWI from ImageType', { ScanningSequence: 'EP', ImageType: 'DERIVED\\PRIMARY\\DIFFUSION\\ADC', RepetitionTime: '5000', EchoTime: '90' },
    'DWI', 'ImageType DIFFUSION: DWI'],
  ['DWI from Siemens SequenceName', { ScanningSequence: 'EP', SequenceName: '*ep_b1000t', RepetitionTime: '5000', EchoTime: '90' },
    'DWI', 'SequenceName *ep_b1000t: DWI'],
  ['DWI from the description, without quoting it', { ScanningSequence: 'EP', SeriesDescription: 'ep2d_diff_3scan DOE JOHN', RepetitionTime: '5000', EchoTime: '90' },
    'DWI', 'series description or protocol names diffusion: DWI'],
  ['a description that only looks like diffusion', { ScanningSequence: 'SE', SeriesDescription: 'T2 difference map', RepetitionTime: '1000', EchoTime: '40' },
    'unknown', 'TR 1000 ms, TE 40 ms, SE: unknown (TR and TE between the T1, T2 and PD ranges)'],
  ['b=0 alone is not DWI', { ScanningSequence: 'EP', RepetitionTime: '5000', EchoTime: '90', DiffusionBValue: '0' }, 'unknown',
    'TR 5000 ms, TE 90 ms, EP: unknown (echo-planar without diffusion, e.g. fMRI or perfusion)'],
  ['TE absent', { ScanningSequence: 'SE', RepetitionTime: '500' }, 'unknown', 'TR 500 ms, SE: unknown (TR or TE absent)'],
  ['no ScanningSequence', { RepetitionTime: '500', EchoTime: '15' }, 'unknown',
    'TR 500 ms, TE 15 ms, no ScanningSequence: unknown (sequence type absent)'],
  ['research mode', { ScanningSequence: 'RM', RepetitionTime: '500', EchoTime: '15' }, 'unknown',
    'TR 500 ms, TE 15 ms, RM: unknown (research mode sequence)'],
  ['MIP of a T1-like angiogram', { ScanningSequence: 'GR', ImageType: 'DERIVED\\SECONDARY\\PROJECTION IMAGE', RepetitionTime: '30', EchoTime: '6', FlipAngle: '35' },
    'unknown', 'TR 30 ms, TE 6 ms, flip 35°, GR: unknown (projection image, not an acquired contrast)'],
];

describe('MR classification', () => {
  it.each(cases)('%s', (_name, attributes, weighting, reason) => {
    expect(classify(attributes)).toEqual([weighting, reason]);
  });

  it('has the rule boundaries exported and inclusive where documented', () => {
    expect(classify({ ScanningSequence: 'SE', RepetitionTime: '799.9', EchoTime: '30' })[0]).toBe('T1');
    expect(classify({ ScanningSequence: 'SE', RepetitionTime: '800', EchoTime: '30' })[0]).toBe('unknown');
    expect(classify({ ScanningSequence: 'SE', RepetitionTime: '2000', EchoTime: '80' })[0]).toBe('T2');
    expect(classify({ ScanningSequence: 'SE', RepetitionTime: '2000', EchoTime: '30.1' })[0]).toBe('unknown');
  });
});

describe('enhanced MR', () => {
  const enhanced = (perFrame: FakeAttributes[], shared: FakeAttributes = {}, top: FakeAttributes = {}): FakeAttributes => ({
    Modality: 'MR', EchoPulseSequence: 'SPIN', ...top,
    SharedFunctionalGroupsSequence: [{ ...shared }],
    PerFrameFunctionalGroupsSequence: perFrame,
  });

  it('reads TR, flip angle and TE from the functional groups', () => {
    const sets = mrParameterSets(fakeReader(enhanced(
      [{ MREchoSequence: [{ EffectiveEchoTime: 12 }] }],
      { MRTimingAndRelatedParametersSequence: [{ RepetitionTime: 600, FlipAngle: 90 }] },
    )));
    expect(sets).toEqual([{
      source: 'enhanced', scanningSequence: ['SE'], sequenceVariant: [], imageType: [], descriptions: [],
      repetitionTimeMs: 600, flipAngleDeg: 90, echoTimeMs: 12,
    }]);
    expect(classifySeries(sets)).toEqual({ weighting: 'T1', reason: 'TR 600 ms, TE 12 ms, SE: T1' });
  });

  it('gives a dual-echo image one set per echo, and the series an honest unknown', () => {
    const sets = mrParameterSets(fakeReader(enhanced(
      [{ MREchoSequence: [{ EffectiveEchoTime: 15 }] }, { MREchoSequence: [{ EffectiveEchoTime: 100 }] }],
      { MRTimingAndRelatedParametersSequence: [{ RepetitionTime: 3000 }] },
    )));
    expect(sets.map((s) => s.echoTimeMs)).toEqual([15, 100]);
    expect(classifySeries(sets)).toEqual({
      weighting: 'unknown',
      reason: 'mixed within the series: TR 3000 ms, TE 15 ms, SE: PD; TR 3000 ms, TE 100 ms, SE: T2',
    });
  });

  it('reads inversion recovery from the MR Modifier group and diffusion from the MR Diffusion group', () => {
    const flair = mrParameterSets(fakeReader(enhanced([], {
      MRTimingAndRelatedParametersSequence: [{ RepetitionTime: 9000 }], MREchoSequence: [{ EffectiveEchoTime: 125 }],
      MRModifierSequence: [{ InversionRecovery: 'YES', InversionTimes: [2500] }],
    })));
    expect(classifySeries(flair)).toEqual({ weighting: 'FLAIR', reason: 'TR 9000 ms, TE 125 ms, TI 2500 ms, SE\\IR: FLAIR' });
    const dwi = mrParameterSets(fakeReader(enhanced(
      [{ MRDiffusionSequence: [{ DiffusionBValue: 0 }] }, { MRDiffusionSequence: [{ DiffusionBValue: 800, DiffusionDirectionality: 'DIRECTIONAL' }] }],
      { MRTimingAndRelatedParametersSequence: [{ RepetitionTime: 4000 }], MREchoSequence: [{ EffectiveEchoTime: 80 }] },
      { EchoPlanarPulseSequence: 'YES' },
    )));
    expect(dwi[0]).toMatchObject({ scanningSequence: ['SE', 'EP'], diffusionBValue: 800, diffusionDirectionality: 'DIRECTIONAL' });
    expect(classifySeries(dwi)?.reason).toBe('b 800 s/mm²: DWI');
  });

  it('takes a declared AcquisitionContrast and says so, but not one outside the classes', () => {
    const declared = (contrast: string): string | undefined => classifySeries(mrParameterSets(fakeReader(enhanced([], {
      MRTimingAndRelatedParametersSequence: [{ RepetitionTime: 1000 }], MREchoSequence: [{ EffectiveEchoTime: 40 }],
    }, { AcquisitionContrast: contrast }))))?.reason;
    expect(declared('T2')).toBe('TR 1000 ms, TE 40 ms, SE: T2 (AcquisitionContrast T2)');
    expect(declared('T2_STAR')).toBe('TR 1000 ms, TE 40 ms, SE: unknown (AcquisitionContrast T2_STAR is none of T1, T2, PD, FLAIR, DWI)');
    expect(declared('MIXED')).toBe('TR 1000 ms, TE 40 ms, SE: unknown (TR and TE between the T1, T2 and PD ranges)');
  });
});

describe('series classification', () => {
  it('calls a series DWI when any instance is diffusion-weighted (its b=0 images included)', () => {
    const b0 = mrParameterSets(fakeReader({ Modality: 'MR', ScanningSequence: 'EP', RepetitionTime: 5000, EchoTime: 90, DiffusionBValue: 0 }));
    const b1000 = mrParameterSets(fakeReader({ Modality: 'MR', ScanningSequence: 'EP', RepetitionTime: 5000, EchoTime: 90, DiffusionBValue: 1000 }));
    expect(classifySeries([...b0, ...b1000])?.weighting).toBe('DWI');
  });

  it('answers nothing for no parameter sets, and classifyMr works on one set', () => {
    expect(classifySeries([])).toBeUndefined();
    const [set] = mrParameterSets(fakeReader({ Modality: 'MR', ScanningSequence: 'SE', RepetitionTime: 450, EchoTime: 12 }));
    expect(classifyMr(set!)).toEqual({ weighting: 'T1', reason: 'TR 450 ms, TE 12 ms, SE: T1' });
  });
});
