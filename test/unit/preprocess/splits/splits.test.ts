import { describe, expect, it } from 'vitest';
import {
  classBalance, groupByPatient, kFold, splitByPatient, SPLIT_NAMES, type SplitItem,
} from '../../../../src/lib/preprocess/splits';
import { planEchoCohort } from '../../../../src/lib/synthetic';

const SMALL: SplitItem[] = [
  { itemId: 's1', patientId: 'p1', stratum: 'A' }, { itemId: 's2', patientId: 'p1', stratum: 'A' },
  { itemId: 's3', patientId: 'p2', stratum: 'B' }, { itemId: 's4', patientId: 'p3', stratum: 'A' },
  { itemId: 's5', patientId: 'p4', stratum: 'B' }, { itemId: 's6', patientId: 'p4', stratum: 'A' },
  { itemId: 's7', patientId: 'p5', stratum: 'A' }, { itemId: 's8', patientId: 'p6', stratum: 'B' },
  { itemId: 's9', patientId: 'p7', stratum: 'A' }, { itemId: 's10', patientId: 'p8', stratum: 'B' },
];
const HALF_QUARTERS = { train: 0.5, validation: 0.25, test: 0.25 };

describe('groupByPatient', () => {
  it('gives a patient the majority stratum of its scans, ties to the first in order', () => {
    const groups = groupByPatient(SMALL);
    expect(groups.map((g) => `${g.patientId}:${g.stratum}:${g.itemIds.join('+')}`)).toEqual([
      'p1:A:s1+s2', 'p2:B:s3', 'p3:A:s4', 'p4:A:s5+s6', 'p5:A:s7', 'p6:B:s8', 'p7:A:s9', 'p8:B:s10',
    ]);
  });

  it('refuses a scan listed twice or without a patient', () => {
    expect(() => groupByPatient([{ itemId: 'a', patientId: 'p' }, { itemId: 'a', patientId: 'q' }])).toThrow(/Scan a is listed twice/);
    expect(() => groupByPatient([{ itemId: 'a', patientId: '' }])).toThrow(/Scan a has no patient/);
  });
});

describe('splitByPatient', () => {
  it('gives this literal assignment for seed 42 (5 A and 3 B patients, stratified 50/25/25)', () => {
    const r = splitByPatient(SMALL, { seed: 42, stratify: true, fractions: HALF_QUARTERS });
    expect(r.splits).toEqual({
      train: { itemIds: ['s1', 's2', 's5', 's6', 's9', 's10'], patientIds: ['p1', 'p4', 'p7', 'p8'] },
      validation: { itemIds: ['s4', 's8'], patientIds: ['p3', 'p6'] },
      test: { itemIds: ['s3', 's7'], patientIds: ['p2', 'p5'] },
    });
    expect(r.warnings).toEqual([]);
    expect(r.method).toBe('holdout');
  });

  it('is the same for the same seed whatever the input order, and differs for another seed', () => {
    const a = splitByPatient(SMALL, { seed: 9, stratify: true, fractions: HALF_QUARTERS });
    const b = splitByPatient([...SMALL].reverse(), { seed: 9, stratify: true, fractions: HALF_QUARTERS });
    for (const n of SPLIT_NAMES) expect(b.splits[n].patientIds).toEqual(a.splits[n].patientIds);
    const others = [1, 2, 3, 4, 5].map((seed) => splitByPatient(SMALL, { seed, stratify: true, fractions: HALF_QUARTERS }).splits.test.patientIds.join());
    expect(new Set(others).size).toBeGreaterThan(1);
  });

  it('keeps every stratum within one patient of its fraction in every split, and the totals on target', () => {
    const cohort = planEchoCohort({ seed: 11, patients: 57, echoStudies: 120 });
    const items = cohort.studies.map((s) => ({ itemId: s.sopInstanceUid, patientId: s.patient.patientId, stratum: s.patient.site + s.reducedFunction }));
    const groups = groupByPatient(items);
    const fractions = { train: 0.6, validation: 0.2, test: 0.2 };
    for (let seed = 0; seed < 60; seed++) {
      const r = splitByPatient(items, { seed, stratify: true, fractions });
      for (const stratum of new Set(groups.map((g) => g.stratum))) {
        const patients = groups.filter((g) => g.stratum === stratum).map((g) => g.patientId);
        for (const n of SPLIT_NAMES) {
          const count = r.splits[n].patientIds.filter((p) => patients.includes(p)).length;
          if (Math.abs(count - fractions[n] * patients.length) >= 1) throw new Error(`seed ${seed}: stratum ${stratum} has ${count} of ${patients.length} in ${n}`);
        }
      }
      for (const n of SPLIT_NAMES) expect(Math.abs(r.splits[n].patientIds.length - fractions[n] * 57)).toBeLessThan(1.5);
    }
  });

  it('keeps every split non-empty when there are enough patients, and says when there are not', () => {
    const three = SMALL.slice(0, 4); // p1, p2, p3
    const r = splitByPatient(three, { seed: 1, stratify: false, fractions: { train: 0.8, validation: 0.1, test: 0.1 } });
    expect(SPLIT_NAMES.map((n) => r.splits[n].patientIds.length)).toEqual([1, 1, 1]);
    expect(r.warnings).toEqual([
      'The validation split would have been empty; one patient was moved to it from train.',
      'The test split would have been empty; one patient was moved to it from train.',
    ]);
    const two = splitByPatient(SMALL.slice(0, 3), { seed: 1, stratify: false, fractions: { train: 0.8, validation: 0.1, test: 0.1 } });
    expect(two.warnings).toContain('The test split is empty: there are too few patients to give every split one.');
    const noValidation = splitByPatient(SMALL, { seed: 1, stratify: false, fractions: { train: 0.75, validation: 0, test: 0.25 } });
    expect(noValidation.splits.validation.itemIds).toEqual([]);
    expect(noValidation.warnings).toEqual([]);
  });

  it('holds out whole sites as the test set', () => {
    const items = SMALL.map((i, k) => ({ ...i, site: ['p2', 'p6'].includes(i.patientId) ? 'east' : 'west', itemId: `${i.itemId}-${k}` }));
    const r = splitByPatient(items, { seed: 3, stratify: false, fractions: { train: 0.5, validation: 0.5, test: 0 }, bySite: { testSites: ['east'] } });
    expect(r.method).toBe('by-site');
    expect(r.splits.test.patientIds).toEqual(['p2', 'p6']);
    expect(r.splits.train.patientIds.length + r.splits.validation.patientIds.length).toBe(6);
    expect(r.splits.train.patientIds.length).toBe(3);
    expect(() => splitByPatient(items, { seed: 3, stratify: false, fractions: HALF_QUARTERS, bySite: { testSites: ['north'] } }))
      .toThrow('No patient is at site north; check the site column or choose another test site.');
  });

  it('refuses fractions that do not add up to 1', () => {
    expect(() => splitByPatient(SMALL, { seed: 1, stratify: false, fractions: { train: 0.7, validation: 0.2, test: 0.2 } }))
      .toThrow('The split fractions must be ≥ 0 and add up to 1; they are 0.7 + 0.2 + 0.2.');
  });
});

describe('kFold', () => {
  it('gives this literal assignment for seed 42, k = 3, stratified', () => {
    const r = kFold(SMALL, { k: 3, seed: 42, stratify: true });
    expect(r.folds.map((f) => f.heldOut.patientIds)).toEqual([['p1', 'p3', 'p6'], ['p2', 'p5', 'p7'], ['p4', 'p8']]);
    expect(r.folds[2]!.train.patientIds).toEqual(['p1', 'p2', 'p3', 'p5', 'p6', 'p7']);
    expect(r.foldOf.get('s6')).toBe(2);
  });

  it('keeps fold sizes and each stratum per fold within one patient', () => {
    const cohort = planEchoCohort({ seed: 3, patients: 47, echoStudies: 90 });
    const items = cohort.studies.map((s) => ({ itemId: s.sopInstanceUid, patientId: s.patient.patientId, stratum: String(s.reducedFunction) }));
    const groups = groupByPatient(items);
    for (let seed = 0; seed < 20; seed++) {
      const r = kFold(items, { k: 5, seed, stratify: true });
      const sizes = r.folds.map((f) => f.heldOut.patientIds.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      for (const stratum of ['0', '1']) {
        const inStratum = new Set(groups.filter((g) => g.stratum === stratum).map((g) => g.patientId));
        const counts = r.folds.map((f) => f.heldOut.patientIds.filter((p) => inStratum.has(p)).length);
        expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
      }
    }
  });

  it('refuses k below 2 or above the number of patients', () => {
    expect(() => kFold(SMALL, { k: 1, seed: 0, stratify: false })).toThrow(/at least 2, not 1/);
    expect(() => kFold(SMALL, { k: 9, seed: 0, stratify: false })).toThrow('9 folds need at least 9 patients; this dataset has 8. Choose fewer folds.');
  });
});

describe('classBalance', () => {
  it('counts classes per split, with unlabelled items apart', () => {
    const r = splitByPatient(SMALL, { seed: 42, stratify: true, fractions: HALF_QUARTERS });
    const classOf = new Map(SMALL.filter((i) => i.itemId !== 's10').map((i) => [i.itemId, i.stratum!]));
    expect(classBalance(r, classOf)).toEqual({
      classes: ['A', 'B'],
      rows: [
        { split: 'train', items: 6, patients: 4, counts: { A: 4, B: 1 }, fractions: { A: 0.8, B: 0.2 }, unlabelled: 1 },
        { split: 'validation', items: 2, patients: 2, counts: { A: 1, B: 1 }, fractions: { A: 0.5, B: 0.5 }, unlabelled: 0 },
        { split: 'test', items: 2, patients: 2, counts: { A: 1, B: 1 }, fractions: { A: 0.5, B: 0.5 }, unlabelled: 0 },
      ],
    });
  });

  it('names k-fold rows by fold', () => {
    const r = kFold(SMALL, { k: 2, seed: 0, stratify: false });
    const rows = classBalance(r, (id) => (id === 's1' ? 'A' : undefined)).rows;
    expect(rows.map((row) => row.split)).toEqual(['fold 1', 'fold 2']);
    expect(rows.reduce((n, row) => n + row.items, 0)).toBe(10);
  });
});
