import type { AttributeReader } from '../attributes';
import { codes, distinct, finite, functionalGroupItems, isEnhanced, text } from './values';

/**
 * The acquisition parameters that decide an MR image's contrast, from the classic MR Image
 * module or, for enhanced MR, from its functional groups (MR Timing and Related Parameters,
 * MR Echo, MR Modifier, MR Diffusion, MR Image Frame Type). One instance gives one set per
 * distinct echo time: a multi-echo enhanced image is several contrasts in one file.
 */
export interface MrParameters {
  source: 'classic' | 'enhanced';
  /** ScanningSequence (SE, IR, GR, EP, RM), or for enhanced images EchoPulseSequence etc. mapped onto those terms. */
  scanningSequence: string[];
  sequenceVariant: string[];
  repetitionTimeMs?: number;
  echoTimeMs?: number;
  inversionTimeMs?: number;
  flipAngleDeg?: number;
  /** The largest b-value of the instance (s/mm²), so a DWI series' b=0 frames do not hide it. */
  diffusionBValue?: number;
  /** DiffusionDirectionality when it says there is diffusion weighting (not NONE). */
  diffusionDirectionality?: string;
  /** AcquisitionContrast of an enhanced image (T1, T2, PROTON_DENSITY, FLUID_ATTENUATED, DIFFUSION…). */
  acquisitionContrast?: string;
  magneticFieldStrengthT?: number;
  imageType: string[];
  sequenceName?: string;
  /** SeriesDescription and ProtocolName: only searched for diffusion words, never shown. */
  descriptions: string[];
}

export function isMr(reader: AttributeReader): boolean {
  const modality = text(reader, 'Modality')?.toUpperCase();
  return modality === 'MR' || (modality === undefined && (reader.has('ScanningSequence') || reader.has('EchoPulseSequence')));
}

export function mrParameterSets(reader: AttributeReader): MrParameters[] {
  const common = {
    sequenceVariant: codes(reader, 'SequenceVariant'),
    magneticFieldStrengthT: finite(reader, 'MagneticFieldStrength'),
    imageType: codes(reader, 'ImageType'),
    sequenceName: text(reader, 'SequenceName'),
    descriptions: ['SeriesDescription', 'ProtocolName'].flatMap((k) => text(reader, k) ?? []),
  };
  const enhanced = isEnhanced(reader) ? enhancedSets(reader, common) : undefined;
  if (enhanced && enhanced.some((p) => p.repetitionTimeMs !== undefined || p.echoTimeMs !== undefined)) return enhanced;
  const b = finite(reader, 'DiffusionBValue');
  const classic = prune({
    ...common,
    source: 'classic',
    scanningSequence: codes(reader, 'ScanningSequence'),
    repetitionTimeMs: finite(reader, 'RepetitionTime'),
    echoTimeMs: finite(reader, 'EchoTime'),
    inversionTimeMs: finite(reader, 'InversionTime'),
    flipAngleDeg: finite(reader, 'FlipAngle'),
    diffusionBValue: b,
    diffusionDirectionality: directional(text(reader, 'DiffusionDirectionality')),
    acquisitionContrast: text(reader, 'AcquisitionContrast')?.toUpperCase(),
  });
  // An enhanced image without timing anywhere still reports what its functional groups hold.
  const classicTiming = classic.repetitionTimeMs !== undefined || classic.echoTimeMs !== undefined;
  return enhanced && !classicTiming ? enhanced : [classic];
}

type Common = Pick<MrParameters, 'sequenceVariant' | 'magneticFieldStrengthT' | 'imageType' | 'sequenceName' | 'descriptions'>;

function enhancedSets(reader: AttributeReader, common: Common): MrParameters[] {
  const timing = functionalGroupItems(reader, 'MRTimingAndRelatedParametersSequence');
  const echoes = functionalGroupItems(reader, 'MREchoSequence');
  const modifier = functionalGroupItems(reader, 'MRModifierSequence');
  const diffusion = functionalGroupItems(reader, 'MRDiffusionSequence');
  const frameType = functionalGroupItems(reader, 'MRImageFrameTypeSequence');
  const repetitionTimeMs = firstOf(timing, (r) => finite(r, 'RepetitionTime'));
  const echoTimes = distinct(echoes.flatMap((r) => finite(r, 'EffectiveEchoTime') ?? []));
  const inversion = modifier.some((r) => text(r, 'InversionRecovery')?.toUpperCase() === 'YES');
  const scanningSequence = echoPulseTerms(text(reader, 'EchoPulseSequence'));
  if (inversion) scanningSequence.push('IR');
  if (text(reader, 'EchoPlanarPulseSequence')?.toUpperCase() === 'YES') scanningSequence.push('EP');
  const bValues = diffusion.flatMap((r) => finite(r, 'DiffusionBValue') ?? []);
  const base: MrParameters = {
    ...common,
    source: 'enhanced',
    scanningSequence,
    repetitionTimeMs,
    inversionTimeMs: firstOf(modifier, (r) => finite(r, 'InversionTimes')),
    flipAngleDeg: firstOf(timing, (r) => finite(r, 'FlipAngle')),
    diffusionBValue: bValues.length > 0 ? bValues.reduce((m, b) => (b > m ? b : m)) : undefined,
    diffusionDirectionality: firstOf(diffusion, (r) => directional(text(r, 'DiffusionDirectionality'))),
    acquisitionContrast: (text(reader, 'AcquisitionContrast') ?? firstOf(frameType, (r) => text(r, 'AcquisitionContrast')))?.toUpperCase(),
  };
  return (echoTimes.length > 0 ? echoTimes : [undefined]).map((echoTimeMs) => prune({ ...base, echoTimeMs }));
}

/** EchoPulseSequence (enhanced) in ScanningSequence's terms, so one rule set reads both. */
function echoPulseTerms(value: string | undefined): string[] {
  switch (value?.toUpperCase()) {
    case 'SPIN': return ['SE'];
    case 'GRADIENT': return ['GR'];
    case 'BOTH': return ['SE', 'GR'];
    default: return [];
  }
}

function directional(value: string | undefined): string | undefined {
  const v = value?.toUpperCase();
  return v === undefined || v === 'NONE' ? undefined : v;
}

function firstOf<T>(items: readonly AttributeReader[], get: (r: AttributeReader) => T | undefined): T | undefined {
  for (const item of items) {
    const v = get(item);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** Drops undefined members, so parameter sets compare and clone as plain data. */
function prune(p: MrParameters): MrParameters {
  return Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) as unknown as MrParameters;
}
