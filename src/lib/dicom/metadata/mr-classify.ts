import type { MrParameters } from './mr-params';
import { formatNumber } from './values';

/**
 * Which contrast an MR series was acquired for, from its header alone. A dataset builder uses
 * this to pick "all T2 series", so a wrong answer costs more than no answer: every rule below
 * needs the parameters that define it, and anything in between answers "unknown" with the
 * reason, e.g. "TR 500 ms, TE 15 ms, SE: T1".
 */
export type MrWeighting = 'T1' | 'T2' | 'PD' | 'FLAIR' | 'DWI' | 'unknown';

export interface MrClassification {
  weighting: MrWeighting;
  reason: string;
}

/**
 * Thresholds, in ms and degrees, for 1.5 T and 3 T. The TR/TE bands are the usual textbook
 * ones for spin echo (e.g. Westbrook, "MRI in Practice"; McRobbie, "MRI from Picture to
 * Proton"): T1-weighting needs a TR short against tissue T1 (≈600–1,400 ms at these fields)
 * and a TE short against T2 (≈50–100 ms); T2- and PD-weighting need a TR long enough for
 * most longitudinal recovery. The gaps between the bands (TR 800–2,000 ms; TE 30–80 ms) are
 * the mixed, "intermediate" weightings that are left unknown on purpose.
 */
export const MR_THRESHOLDS = {
  /** T1 SE: TR below this. Typical T1 SE uses 400–700 ms. */
  shortTrMaxMs: 800,
  /** T2 and PD: TR at least this (2,000–5,000 ms is usual). */
  longTrMinMs: 2000,
  /** T1 and PD: TE at most this (typically 8–20 ms; PD TSE up to ≈30 ms). */
  shortTeMaxMs: 30,
  /** T2: TE at least this (80–120 ms is usual). */
  longTeMinMs: 80,
  /**
   * FLAIR nulls CSF, whose T1 is ≈3,500–4,500 ms at 1.5–3 T: the null point TI ≈ T1·ln 2
   * (shortened by finite TR) lands at ≈1,700–2,800 ms, hence this band.
   */
  flairTiMinMs: 1500,
  flairTiMaxMs: 3000,
  /** FLAIR is T2-weighted: long TR (typically 6,000–11,000 ms; 3-D variants ≈5,000) and long TE. */
  flairTrMinMs: 5000,
  /**
   * T1-weighted IR (MPRAGE, IR-FSPGR, T1-FLAIR) inverts with TI ≈400–1,100 ms, between the
   * fat null of STIR and the CSF null of FLAIR.
   */
  t1IrTiMinMs: 300,
  t1IrTiMaxMs: 1200,
  /** STIR nulls fat (T1 ≈250–380 ms): TI ≈100–250 ms. Fat-suppressed, not one of our classes. */
  stirTiMaxMs: 300,
  /**
   * Spoiled gradient echo is T1-weighted when the flip angle is well above the Ernst angle and
   * TE is short against T2* (FLASH/SPGR: flip 30–90°, TE < 10 ms). Small flip angles give PD- or
   * T2*-weighting depending on TE, which the header cannot settle: unknown.
   */
  grT1TeMaxMs: 15,
  grT1FlipMinDeg: 30,
  grT1TrMaxMs: 800,
} as const;

/** ImageType values that mean diffusion images or maps derived from them. */
const DIFFUSION_IMAGE_TYPES = new Set(['DIFFUSION', 'ADC', 'TRACEW', 'EADC', 'ISODWI', 'DWI']);
/** Whole-word diffusion terms in a series description or protocol name (underscores split words). */
const DIFFUSION_WORDS = /(^|[^a-z])(dwi|dti|adc|diff|diffusion|tracew|trace ?w)([^a-z]|$)/i;
/** Projections are not an acquired contrast, even if their source was one. */
const PROJECTION_IMAGE_TYPES = new Set(['PROJECTION IMAGE', 'MIP', 'MINIP', 'MNIP']);
const CONTRAST: Readonly<Record<string, MrWeighting>> = {
  T1: 'T1', T2: 'T2', PROTON_DENSITY: 'PD', FLUID_ATTENUATED: 'FLAIR', DIFFUSION: 'DWI',
};

export function classifyMr(p: MrParameters): MrClassification {
  const diffusion = diffusionEvidence(p);
  if (diffusion) return { weighting: 'DWI', reason: `${diffusion}: DWI` };
  const facts = describeParameters(p);
  const verdict = (weighting: MrWeighting, why?: string): MrClassification => ({
    weighting,
    reason: `${facts}: ${weighting === 'unknown' && why ? `unknown (${why})` : weighting}${weighting !== 'unknown' && why ? ` (${why})` : ''}`,
  });
  if (p.imageType.some((t) => PROJECTION_IMAGE_TYPES.has(t))) return verdict('unknown', 'projection image, not an acquired contrast');
  if (p.acquisitionContrast !== undefined) {
    const declared = CONTRAST[p.acquisitionContrast];
    if (declared) return verdict(declared, `AcquisitionContrast ${p.acquisitionContrast}`);
    if (!['MIXED', 'UNKNOWN'].includes(p.acquisitionContrast)) {
      return verdict('unknown', `AcquisitionContrast ${p.acquisitionContrast} is none of T1, T2, PD, FLAIR, DWI`);
    }
  }
  const tr = p.repetitionTimeMs;
  const te = p.echoTimeMs;
  if (tr === undefined || te === undefined) return verdict('unknown', 'TR or TE absent');
  const seq = new Set(p.scanningSequence);
  const t = MR_THRESHOLDS;
  if (seq.has('RM')) return verdict('unknown', 'research mode sequence');
  if (seq.has('IR')) return classifyInversionRecovery(p, tr, te, verdict);
  if (seq.has('EP')) return verdict('unknown', 'echo-planar without diffusion, e.g. fMRI or perfusion');
  if (seq.has('GR') && !seq.has('SE')) {
    if (p.flipAngleDeg === undefined) return verdict('unknown', 'gradient echo without flip angle');
    if (te <= t.grT1TeMaxMs && p.flipAngleDeg >= t.grT1FlipMinDeg && tr < t.grT1TrMaxMs) return verdict('T1');
    return verdict('unknown', 'gradient echo with small flip angle or long TE: PD-, T2*- or mixed weighting');
  }
  if (seq.has('SE') && !seq.has('GR')) {
    if (tr < t.shortTrMaxMs && te <= t.shortTeMaxMs) return verdict('T1');
    if (tr >= t.longTrMinMs && te >= t.longTeMinMs) return verdict('T2');
    if (tr >= t.longTrMinMs && te <= t.shortTeMaxMs) return verdict('PD');
    return verdict('unknown', 'TR and TE between the T1, T2 and PD ranges');
  }
  return verdict('unknown', seq.size === 0 ? 'sequence type absent' : 'sequence type not classified');
}

function classifyInversionRecovery(
  p: MrParameters, tr: number, te: number, verdict: (w: MrWeighting, why?: string) => MrClassification,
): MrClassification {
  const t = MR_THRESHOLDS;
  const ti = p.inversionTimeMs;
  if (ti === undefined) return verdict('unknown', 'inversion recovery without inversion time');
  if (ti < t.stirTiMaxMs) return verdict('unknown', 'short TI: STIR-like fat suppression');
  if (ti >= t.flairTiMinMs && ti <= t.flairTiMaxMs) {
    if (tr >= t.flairTrMinMs && te >= t.longTeMinMs) return verdict('FLAIR');
    return verdict('unknown', 'CSF-nulling TI without the long TR and TE of FLAIR');
  }
  if (ti >= t.t1IrTiMinMs && ti <= t.t1IrTiMaxMs) {
    if (te <= t.shortTeMaxMs) return verdict('T1', 'inversion recovery');
    return verdict('unknown', 'T1-range TI with a long TE');
  }
  return verdict('unknown', 'TI between the T1 and FLAIR ranges');
}

/** Why a set counts as diffusion-weighted, or undefined. */
function diffusionEvidence(p: MrParameters): string | undefined {
  if (p.diffusionBValue !== undefined && p.diffusionBValue > 0) return `b ${formatNumber(p.diffusionBValue)} s/mm²`;
  if (p.diffusionDirectionality !== undefined) return `DiffusionDirectionality ${p.diffusionDirectionality}`;
  if (p.acquisitionContrast === 'DIFFUSION') return 'AcquisitionContrast DIFFUSION';
  const type = p.imageType.find((t) => DIFFUSION_IMAGE_TYPES.has(t));
  if (type) return `ImageType ${type}`;
  if (p.sequenceName !== undefined && /(^|[^a-z])ep_b\d/i.test(p.sequenceName)) return `SequenceName ${p.sequenceName}`;
  // The words are searched, never quoted: a description can hold a name.
  if (p.descriptions.some((d) => DIFFUSION_WORDS.test(d))) return 'series description or protocol names diffusion';
  return undefined;
}

/** "TR 500 ms, TE 15 ms, SE" — the facts a reason starts with. */
export function describeParameters(p: MrParameters): string {
  const parts: string[] = [];
  if (p.repetitionTimeMs !== undefined) parts.push(`TR ${formatNumber(p.repetitionTimeMs)} ms`);
  if (p.echoTimeMs !== undefined) parts.push(`TE ${formatNumber(p.echoTimeMs)} ms`);
  if (p.inversionTimeMs !== undefined) parts.push(`TI ${formatNumber(p.inversionTimeMs)} ms`);
  if (p.flipAngleDeg !== undefined && p.scanningSequence.includes('GR')) parts.push(`flip ${formatNumber(p.flipAngleDeg)}°`);
  parts.push(p.scanningSequence.length > 0 ? p.scanningSequence.join('\\') : 'no ScanningSequence');
  return parts.join(', ');
}

/**
 * One answer for a series from the parameter sets of its instances: DWI if any set is (a DWI
 * series holds its b=0 images too), else the common answer of all distinct sets, else unknown
 * with each set's verdict listed (a dual-echo PD/T2 series is two contrasts, not one).
 */
export function classifySeries(sets: readonly MrParameters[]): MrClassification | undefined {
  if (sets.length === 0) return undefined;
  const results = sets.map(classifyMr);
  const dwi = results.find((r) => r.weighting === 'DWI');
  if (dwi) return dwi;
  const reasons = [...new Set(results.map((r) => r.reason))];
  const weightings = new Set(results.map((r) => r.weighting));
  const first = results[0] as MrClassification;
  if (weightings.size === 1) {
    return reasons.length === 1 ? first : { weighting: first.weighting, reason: reasons.join('; ') };
  }
  return { weighting: 'unknown', reason: `mixed within the series: ${reasons.join('; ')}` };
}
