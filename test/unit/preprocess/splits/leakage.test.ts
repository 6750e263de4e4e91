import { describe, expect, it } from 'vitest';
import { kFold, splitByPatient, SPLIT_NAMES, type SplitItem } from '../../../../src/lib/preprocess/splits';
import { classByItem, createLabelKeyIndex, importLabelsCsv, inferLabelSchema } from '../../../../src/lib/preprocess/labels';
import { planEchoCohort } from '../../../../src/lib/synthetic';
import { sampleDataset } from '../labels/sample-dataset';

/**
 * Patient leakage: with several studies per patient (the synthetic cohort gives 1–3 echoes
 * each), no patient is ever in two splits, whatever the seed, stratified or not, held-out site
 * or k-fold.
 */
const cohort = planEchoCohort({ seed: 5, patients: 40, echoStudies: 95 });
// Items in cohort order, then reversed for half the runs: input order must not matter to leakage.
const ITEMS: SplitItem[] = cohort.studies.map((s) => ({
  itemId: s.sopInstanceUid, patientId: `P${s.patient.index}`, stratum: String(s.reducedFunction), site: s.patient.site,
}));
const patientOf = new Map(ITEMS.map((i) => [i.itemId, i.patientId]));
const SEEDS = Array.from({ length: 120 }, (_, i) => i * 7919 + 1);

const siteOf = new Map(ITEMS.map((i) => [i.itemId, i.site]));

/** Plain checks in the loops (thousands of them); one failure throws with the patient named. */
function expectNoLeak(parts: ReadonlyArray<{ itemIds: readonly string[]; patientIds: readonly string[] }>): void {
  const owner = new Map<string, number>();
  parts.forEach((part, k) => {
    const listed = new Set(part.patientIds);
    for (const id of part.itemIds) {
      const patient = patientOf.get(id)!;
      const before = owner.get(patient);
      if (before !== undefined && before !== k) throw new Error(`patient ${patient} is in parts ${before} and ${k}`);
      if (!listed.has(patient)) throw new Error(`patient ${patient} of item ${id} is not listed in part ${k}`);
      owner.set(patient, k);
    }
  });
  const all = parts.flatMap((p) => p.itemIds);
  if (all.length !== ITEMS.length || new Set(all).size !== ITEMS.length) throw new Error(`${all.length} items placed, expected each of ${ITEMS.length} once`);
}

describe('no patient in two splits', () => {
  it('has multi-study patients to test with', () => {
    const perPatient = new Map<string, number>();
    for (const i of ITEMS) perPatient.set(i.patientId, (perPatient.get(i.patientId) ?? 0) + 1);
    expect(Math.max(...perPatient.values())).toBe(3);
    expect([...perPatient.values()].filter((n) => n > 1).length).toBeGreaterThan(20);
  });

  it('holds for train/validation/test across seeds, stratified or not, in any input order', () => {
    for (const seed of SEEDS) {
      for (const stratify of [false, true]) {
        const items = seed % 2 === 0 ? ITEMS : [...ITEMS].reverse();
        const r = splitByPatient(items, { seed, stratify, fractions: { train: 0.7, validation: 0.15, test: 0.15 } });
        expectNoLeak(SPLIT_NAMES.map((n) => r.splits[n]));
        for (const name of SPLIT_NAMES) for (const id of r.splits[name].itemIds) if (r.splitOf.get(id) !== name) throw new Error(`splitOf(${id}) is not ${name}`);
      }
    }
  });

  it('holds with a held-out site', () => {
    for (const seed of SEEDS.slice(0, 40)) {
      const r = splitByPatient(ITEMS, { seed, stratify: true, fractions: { train: 0.8, validation: 0.2, test: 0 }, bySite: { testSites: ['C'] } });
      expectNoLeak(SPLIT_NAMES.map((n) => r.splits[n]));
      expect(new Set(r.splits.test.itemIds.map((id) => siteOf.get(id)))).toEqual(new Set(['C']));
      expect([...r.splits.train.itemIds, ...r.splits.validation.itemIds].some((id) => siteOf.get(id) === 'C')).toBe(false);
    }
  });

  it('holds for every fold of k-fold, and each patient is held out exactly once', () => {
    for (const seed of SEEDS.slice(0, 40)) {
      for (const k of [2, 3, 5, 10]) {
        const r = kFold(ITEMS, { k, seed, stratify: seed % 2 === 1 });
        expectNoLeak(r.folds.map((f) => f.heldOut));
        for (const fold of r.folds) {
          expectNoLeak([fold.train, fold.heldOut]);
          const held = new Set(fold.heldOut.patientIds);
          if (fold.train.patientIds.some((p) => held.has(p))) throw new Error(`fold ${fold.index} trains on a held-out patient`);
        }
        const heldOutCount = r.folds.reduce((n, f) => n + f.heldOut.patientIds.length, 0);
        expect(heldOutCount).toBe(40);
      }
    }
  });
});

describe('the sample set end to end', () => {
  it('imports its labels, splits stratified by class, and keeps each patient\'s echo, CT and MR scans together', () => {
    const sample = sampleDataset();
    const imported = importLabelsCsv(sample.csv, inferLabelSchema(sample.csv).schema, createLabelKeyIndex(sample.items, sample.lookup));
    if (!imported.ok) throw new Error('import failed');
    const classOf = classByItem(imported.labels, 'reduced_function');
    const items = sample.items.map((i) => ({ itemId: i.itemId, patientId: i.patientPseudonym, stratum: classOf.get(i.itemId) }));
    expect(items.length).toBe(25); // 22 echoes, 1 CT series, 2 MR series
    for (const seed of SEEDS.slice(0, 30)) {
      const r = splitByPatient(items, { seed, stratify: true, fractions: { train: 0.6, validation: 0.2, test: 0.2 } });
      const where = new Map<string, string>();
      for (const name of SPLIT_NAMES) {
        for (const id of r.splits[name].itemIds) {
          const patient = sample.items.find((i) => i.itemId === id)!.patientPseudonym;
          if ((where.get(patient) ?? name) !== name) throw new Error(`seed ${seed}: patient ${patient} in ${where.get(patient)} and ${name}`);
          where.set(patient, name);
        }
      }
      expect(where.size).toBe(16);
    }
  });
});
