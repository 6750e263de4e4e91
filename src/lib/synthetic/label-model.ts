import { clamp, type Rng } from './random';

/**
 * The generative model behind the echo labels. Later analyses (survival, fairness, image
 * models) test against these constants, so they are exported and this comment is the spec.
 *
 * Per patient:
 *   sex ~ Bernoulli(FEMALE_FRACTION); site ~ uniform over SITES; age at first study
 *   ~ Normal(AGE_MEAN, AGE_SD) clamped to [AGE_MIN, AGE_MAX];
 *   latent class: exactly round(n · REDUCED_FRACTION) patients, chosen at random, are
 *   "reduced"; their base EF ~ Normal(EF_CLASS.reduced.mean, .sd), the others' from
 *   EF_CLASS.normal. Site is independent of class (site is a nuisance, not a cause).
 * Per echo study of that patient:
 *   EF = base + Normal(0, EF_STUDY_SD) + AGE_EF_SLOPE_PER_DECADE · (age − 60)/10
 *        + SEX_EF_OFFSET[sex], then clamped to the class's [min, max]. The gap between the
 *   classes (36 < EF < 45 never happens) makes "reduced_function = EF < REDUCED_EF_THRESHOLD"
 *   a clear threshold a model can learn from the pixels.
 *   Hazard of the event (per day) = BASELINE_HAZARD_PER_DAY · exp(LOG_HAZARD_PER_10_EF · (50 − EF)/10);
 *   event time T ~ Exponential(hazard); independent censoring C ~ Uniform(CENSOR_MIN_DAYS,
 *   CENSOR_MAX_DAYS); time_to_event_days = ceil(min(T, C)), event = T ≤ C.
 *   Image gain = SITE_GAIN[site] · (1 + Uniform(−GAIN_JITTER, GAIN_JITTER)): site changes
 *   brightness only, never the label.
 */
export const REDUCED_EF_THRESHOLD = 40;
export const REDUCED_FRACTION = 0.4;
export const EF_CLASS = {
  reduced: { mean: 28, sd: 4, min: 15, max: 36 },
  normal: { mean: 58, sd: 5, min: 45, max: 75 },
} as const;
export const EF_STUDY_SD = 1.5;
/** EF points per decade of age above 60 (negative: older hearts pump a little less). */
export const AGE_EF_SLOPE_PER_DECADE = -1.5;
/** EF points added by sex: women's EF is a few points higher on average. */
export const SEX_EF_OFFSET = { F: 2.5, M: 0 } as const;
export const FEMALE_FRACTION = 0.5;
export const AGE_MEAN = 62;
export const AGE_SD = 12;
export const AGE_MIN = 25;
export const AGE_MAX = 90;

export const BASELINE_HAZARD_PER_DAY = 1 / 2500;
export const LOG_HAZARD_PER_10_EF = 0.5;
export const CENSOR_MIN_DAYS = 180;
export const CENSOR_MAX_DAYS = 1825;

export const SITES = ['A', 'B', 'C'] as const;
export type SiteId = (typeof SITES)[number];
/** Multiplies echo tissue brightness: site B's machines are set darker, site C's brighter. */
export const SITE_GAIN: Readonly<Record<SiteId, number>> = { A: 1.0, B: 0.85, C: 1.15 };
export const GAIN_JITTER = 0.03;

export type Sex = 'F' | 'M';
export type FunctionClass = 'reduced' | 'normal';

export function drawBaseEjectionFraction(rng: Rng, functionClass: FunctionClass): number {
  const c = EF_CLASS[functionClass];
  return c.mean + c.sd * rng.normal();
}

export function drawStudyEjectionFraction(
  rng: Rng,
  base: number,
  functionClass: FunctionClass,
  sex: Sex,
  ageYears: number,
): number {
  const c = EF_CLASS[functionClass];
  const ef =
    base +
    EF_STUDY_SD * rng.normal() +
    (AGE_EF_SLOPE_PER_DECADE * (ageYears - 60)) / 10 +
    SEX_EF_OFFSET[sex];
  return Math.round(clamp(ef, c.min, c.max) * 10) / 10;
}

export function hazardPerDay(ejectionFraction: number): number {
  return BASELINE_HAZARD_PER_DAY * Math.exp((LOG_HAZARD_PER_10_EF * (50 - ejectionFraction)) / 10);
}

export interface SurvivalOutcome {
  timeToEventDays: number;
  event: 0 | 1;
}

export function drawSurvival(rng: Rng, ejectionFraction: number): SurvivalOutcome {
  const eventTime = rng.exponential() / hazardPerDay(ejectionFraction);
  const censorTime = rng.uniform(CENSOR_MIN_DAYS, CENSOR_MAX_DAYS);
  const observed = Math.min(eventTime, censorTime);
  return { timeToEventDays: Math.max(1, Math.ceil(observed)), event: eventTime <= censorTime ? 1 : 0 };
}

export function drawImageGain(rng: Rng, site: SiteId): number {
  return SITE_GAIN[site] * (1 + rng.uniform(-GAIN_JITTER, GAIN_JITTER));
}
