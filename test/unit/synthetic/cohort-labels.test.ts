import { describe, expect, it } from 'vitest';
import {
  AGE_EF_SLOPE_PER_DECADE, BASELINE_HAZARD_PER_DAY, EF_CLASS, LABEL_COLUMNS, LOG_HAZARD_PER_10_EF, REDUCED_EF_THRESHOLD, SEX_EF_OFFSET,
  hazardPerDay, labelsCsv, planEchoCohort, toCsv, type EchoStudyPlan,
} from '../../../src/lib/synthetic';

// A larger labels-only cohort: no pixels, so 400 rows cost milliseconds.
const cohort = planEchoCohort({ seed: 2026, patients: 250, echoStudies: 400 });
const rows = cohort.studies;
const reduced = rows.filter((s) => s.reducedFunction === 1);
const normal = rows.filter((s) => s.reducedFunction === 0);

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1] ?? Number.NaN;
};
/** Events per person-day: the maximum-likelihood hazard of an exponential model. */
const eventRate = (group: readonly EchoStudyPlan[]) =>
  group.reduce((n, s) => n + s.event, 0) / group.reduce((d, s) => d + s.timeToEventDays, 0);
/** EF minus its class mean: what is left for age and sex to explain. */
const residual = (s: EchoStudyPlan) => s.ejectionFraction - EF_CLASS[s.patient.functionClass].mean;

describe('cohort structure', () => {
  it('has the requested size and exactly 40% reduced patients', () => {
    expect(rows).toHaveLength(400);
    expect(cohort.patients).toHaveLength(250);
    expect(cohort.patients.filter((p) => p.functionClass === 'reduced')).toHaveLength(100);
  });

  it('labels reduced_function as EF below the threshold, with a clear gap between classes', () => {
    for (const s of rows) {
      expect(s.reducedFunction).toBe(s.ejectionFraction < REDUCED_EF_THRESHOLD ? 1 : 0);
      expect(s.ejectionFraction <= EF_CLASS.reduced.max || s.ejectionFraction >= EF_CLASS.normal.min).toBe(true);
    }
    expect(reduced.length).toBeGreaterThan(100);
    expect(normal.length).toBeGreaterThan(150);
  });

  it('dates repeat studies of a patient later, and ages agree with birth dates', () => {
    for (const p of cohort.patients) {
      const mine = rows.filter((s) => s.patient === p);
      expect(mine.length).toBeGreaterThanOrEqual(1);
      expect(mine.length).toBeLessThanOrEqual(3);
      mine.slice(1).forEach((s, i) => expect(s.studyDate > mine[i]!.studyDate).toBe(true));
      for (const s of mine) {
        const years = Number(s.studyDate.slice(0, 4)) - Number(p.birthDate.slice(0, 4));
        expect([years - 1, years]).toContain(s.ageYears);
      }
    }
  });

  it('is the same for the same seed and different for another', () => {
    const again = planEchoCohort({ seed: 2026, patients: 250, echoStudies: 400 });
    expect(labelsCsv(again.studies)).toBe(labelsCsv(rows));
    const other = planEchoCohort({ seed: 2027, patients: 250, echoStudies: 400 });
    expect(labelsCsv(other.studies)).not.toBe(labelsCsv(rows));
  });

  it('refuses impossible cohorts with InvalidInputError', () => {
    expect(() => planEchoCohort({ seed: 1, patients: 2, echoStudies: 7 })).toThrow(expect.objectContaining({ name: 'InvalidInputError' }));
    expect(() => planEchoCohort({ seed: 1, patients: 0, echoStudies: 0 })).toThrow(expect.objectContaining({ name: 'InvalidInputError' }));
  });
});

describe('survival ground truth', () => {
  it('gives reduced function a higher event rate and a shorter median time', () => {
    const eventShare = (g: readonly EchoStudyPlan[]) => mean(g.map((s) => s.event));
    expect(eventShare(reduced)).toBeGreaterThan(eventShare(normal) + 0.2);
    expect(median(reduced.map((s) => s.timeToEventDays))).toBeLessThan(median(normal.map((s) => s.timeToEventDays)));
  });

  it('recovers LOG_HAZARD_PER_10_EF and the baseline hazard by exponential maximum likelihood', () => {
    // Model: hazard = exp(b0 + b1 · (50 − EF)/10). Newton steps on the Poisson log-likelihood.
    const x = rows.map((s) => (50 - s.ejectionFraction) / 10);
    let b0 = Math.log(rows.reduce((n, s) => n + s.event, 0) / rows.reduce((d, s) => d + s.timeToEventDays, 0));
    let b1 = 0;
    for (let step = 0; step < 30; step++) {
      let g0 = 0, g1 = 0, h00 = 0, h01 = 0, h11 = 0;
      rows.forEach((s, i) => {
        const xi = x[i] ?? 0;
        const mu = s.timeToEventDays * Math.exp(b0 + b1 * xi);
        g0 += s.event - mu; g1 += (s.event - mu) * xi;
        h00 += mu; h01 += mu * xi; h11 += mu * xi * xi;
      });
      const det = h00 * h11 - h01 * h01;
      b0 += (h11 * g0 - h01 * g1) / det;
      b1 += (h00 * g1 - h01 * g0) / det;
    }
    expect(b1).toBeGreaterThan(LOG_HAZARD_PER_10_EF - 0.2);
    expect(b1).toBeLessThan(LOG_HAZARD_PER_10_EF + 0.2);
    expect(Math.exp(b0)).toBeGreaterThan(BASELINE_HAZARD_PER_DAY / 1.5);
    expect(Math.exp(b0)).toBeLessThan(BASELINE_HAZARD_PER_DAY * 1.5);
    expect(eventRate(reduced) / eventRate(normal)).toBeGreaterThan(2.5);
  });

  it('has hazard that rises as EF falls', () => {
    expect(hazardPerDay(30)).toBeCloseTo(hazardPerDay(50) * Math.exp(2 * LOG_HAZARD_PER_10_EF), 12);
  });

  it('censors some rows and observes events in others', () => {
    const events = rows.filter((s) => s.event === 1).length;
    expect(events).toBeGreaterThan(80);
    expect(events).toBeLessThan(320);
    for (const s of rows) expect(s.timeToEventDays).toBeGreaterThanOrEqual(1);
  });
});

describe('attribute dependences match the exported constants', () => {
  it('EF falls with age, as AGE_EF_SLOPE_PER_DECADE says', () => {
    const ages = rows.map((s) => s.ageYears / 10);
    const ys = rows.map(residual);
    const ma = mean(ages), my = mean(ys);
    const slope = ages.reduce((acc, a, i) => acc + (a - ma) * ((ys[i] ?? 0) - my), 0) / ages.reduce((acc, a) => acc + (a - ma) ** 2, 0);
    expect(AGE_EF_SLOPE_PER_DECADE).toBeLessThan(0);
    expect(slope).toBeLessThan(AGE_EF_SLOPE_PER_DECADE / 3);
    expect(slope).toBeGreaterThan(AGE_EF_SLOPE_PER_DECADE * 2);
  });

  it('women have a few points higher EF, as SEX_EF_OFFSET says', () => {
    const diff = mean(rows.filter((s) => s.patient.sex === 'F').map(residual)) - mean(rows.filter((s) => s.patient.sex === 'M').map(residual));
    const expected = SEX_EF_OFFSET.F - SEX_EF_OFFSET.M;
    expect(expected).toBeGreaterThan(0);
    expect(diff).toBeGreaterThan(expected / 3);
    expect(diff).toBeLessThan(expected * 2);
  });

  it('site does not change the label: reduced share per site stays near the overall share', () => {
    const overall = reduced.length / rows.length;
    for (const site of ['A', 'B', 'C']) {
      const group = rows.filter((s) => s.patient.site === site);
      expect(group.length).toBeGreaterThan(80);
      expect(Math.abs(mean(group.map((s) => s.reducedFunction)) - overall)).toBeLessThan(0.15);
    }
  });
});

describe('labels CSV', () => {
  it('has the documented columns and one row per study', () => {
    const csv = labelsCsv(rows.slice(0, 2));
    const [header, first] = csv.split('\r\n');
    expect(header).toBe('file,patient_id,study_instance_uid,accession_number,reduced_function,ejection_fraction,time_to_event_days,event,sex,age,site');
    expect(LABEL_COLUMNS).toHaveLength(11);
    const s = rows[0]!;
    expect(first).toBe([
      s.path, s.patient.patientId, s.studyInstanceUid, s.accessionNumber, s.reducedFunction,
      s.ejectionFraction.toFixed(1), s.timeToEventDays, s.event, s.patient.sex, s.ageYears, s.patient.site,
    ].join(','));
  });

  it('quotes fields per RFC 4180', () => {
    expect(toCsv(['a', 'b'], [['x,y', 'say "hi"'], ['line\nbreak', 3]])).toBe('a,b\r\n"x,y","say ""hi"""\r\n"line\nbreak",3\r\n');
  });
});
