import { EnclaveError } from '../../jobs';
import { mulberry32 } from '../../util/mulberry32';
import { compareText, groupByPatient, shuffleInPlace, strata, type PatientGroup, type SplitItem } from './patients';

export type SplitName = 'train' | 'validation' | 'test';
export const SPLIT_NAMES: readonly SplitName[] = ['train', 'validation', 'test'];

export interface SplitFractions {
  train: number;
  validation: number;
  test: number;
}

export interface SplitOptions {
  seed: number;
  fractions: SplitFractions;
  /** Keep each stratum's share of patients in every split within one patient of the fractions. */
  stratify: boolean;
  /**
   * Hold out whole sites: every patient of these sites is test, the others are split into train
   * and validation by train : validation (fractions.test is then not used).
   */
  bySite?: { testSites: string[] };
}

export interface SplitPart {
  /** In the order the items were given. */
  itemIds: string[];
  /** Sorted. */
  patientIds: string[];
}

export interface SplitResult {
  method: 'holdout' | 'by-site';
  seed: number;
  stratify: boolean;
  fractions: SplitFractions;
  testSites?: string[];
  splits: Record<SplitName, SplitPart>;
  splitOf: ReadonlyMap<string, SplitName>;
  /** Things the person should know: a split left empty, a patient seen at two sites. */
  warnings: string[];
}

/**
 * Train, validation and test by patient: all scans of a patient land in one split. Seeded and
 * deterministic. Counts are apportioned per stratum by largest remainder (each split gets the
 * floor or ceiling of its share, so a stratum's count is within one patient of its fraction);
 * which split takes a stratum's leftover patient is decided by how far that split lags its
 * overall target, so the totals stay on target too.
 */
export function splitByPatient(items: readonly SplitItem[], options: SplitOptions): SplitResult {
  checkFractions(options.fractions);
  const groups = groupByPatient(items);
  const random = mulberry32(options.seed);
  const warnings: string[] = [];
  const assigned: Record<SplitName, PatientGroup[]> = { train: [], validation: [], test: [] };
  let pool = groups;
  let fractions = options.fractions;
  if (options.bySite) {
    const testSites = new Set(options.bySite.testSites);
    if (testSites.size === 0) throw new EnclaveError('InvalidInputError', 'Choose at least one site to hold out as the test set.');
    assigned.test = groups.filter((g) => g.site !== undefined && testSites.has(g.site));
    if (assigned.test.length === 0) {
      throw new EnclaveError('InvalidInputError', `No patient is at site ${[...testSites].join(', ')}; check the site column or choose another test site.`);
    }
    const held = new Set(assigned.test);
    pool = groups.filter((g) => !held.has(g));
    for (const g of groups) if (g.mixedSites) warnings.push(`Patient ${g.patientId} has scans from more than one site; all of them follow the majority site ${g.site}.`);
    const rest = fractions.train + fractions.validation;
    if (!(rest > 0)) throw new EnclaveError('InvalidInputError', 'With a held-out site, train and validation fractions cannot both be 0.');
    fractions = { train: fractions.train / rest, validation: fractions.validation / rest, test: 0 };
  }
  const order: SplitName[] = options.bySite ? ['train', 'validation'] : [...SPLIT_NAMES];
  const shares = order.map((s) => fractions[s]);
  const target = order.map(() => 0);
  const given = order.map(() => 0);
  for (const stratum of strata(pool, options.stratify)) {
    shuffleInPlace(stratum, random);
    const counts = apportion(stratum.length, shares, target, given);
    let at = 0;
    order.forEach((name, s) => {
      const n = counts[s] ?? 0;
      assigned[name].push(...stratum.slice(at, at + n));
      at += n;
    });
  }
  fillEmptySplits(assigned, order, shares, warnings);

  const splitOf = new Map<string, SplitName>();
  for (const name of SPLIT_NAMES) for (const g of assigned[name]) for (const id of g.itemIds) splitOf.set(id, name);
  const part = (name: SplitName): SplitPart => ({
    itemIds: items.map((i) => i.itemId).filter((id) => splitOf.get(id) === name),
    patientIds: assigned[name].map((g) => g.patientId).sort(compareText),
  });
  const result: SplitResult = {
    method: options.bySite ? 'by-site' : 'holdout', seed: options.seed, stratify: options.stratify,
    fractions: { ...options.fractions },
    splits: { train: part('train'), validation: part('validation'), test: part('test') },
    splitOf, warnings,
  };
  if (options.bySite) result.testSites = [...options.bySite.testSites];
  return result;
}

function checkFractions(f: SplitFractions): void {
  const values = [f.train, f.validation, f.test];
  if (values.some((v) => !Number.isFinite(v) || v < 0) || Math.abs(values.reduce((a, b) => a + b, 0) - 1) > 1e-6) {
    throw new EnclaveError('InvalidInputError', `The split fractions must be ≥ 0 and add up to 1; they are ${values.join(' + ')}.`);
  }
}

/**
 * Largest remainder for one stratum of n patients; `target` and `given` carry the running
 * totals over strata (updated here) so that leftovers go to the splits furthest behind.
 */
function apportion(n: number, shares: readonly number[], target: number[], given: number[]): number[] {
  const quota = shares.map((f) => f * n);
  const counts = quota.map((q) => Math.floor(q + 1e-9));
  let leftover = n - counts.reduce((a, b) => a + b, 0);
  const candidates = quota
    .map((q, s) => ({ s, frac: q - (counts[s] ?? 0), lag: (target[s] ?? 0) + q - (given[s] ?? 0) - (counts[s] ?? 0) }))
    .filter((c) => c.frac > 1e-9)
    .sort((a, b) => b.lag - a.lag || a.s - b.s);
  for (const c of candidates) {
    if (leftover <= 0) break;
    counts[c.s] = (counts[c.s] ?? 0) + 1;
    leftover--;
  }
  quota.forEach((q, s) => {
    target[s] = (target[s] ?? 0) + q;
    given[s] = (given[s] ?? 0) + (counts[s] ?? 0);
  });
  return counts;
}

/** A split with a share but no patient takes one from the largest split, when there are enough. */
function fillEmptySplits(assigned: Record<SplitName, PatientGroup[]>, order: readonly SplitName[], shares: readonly number[], warnings: string[]): void {
  order.forEach((name, s) => {
    if ((shares[s] ?? 0) <= 0 || assigned[name].length > 0) return;
    const donor = [...order].sort((a, b) => assigned[b].length - assigned[a].length)[0];
    if (donor === undefined || assigned[donor].length < 2) {
      warnings.push(`The ${name} split is empty: there are too few patients to give every split one.`);
      return;
    }
    const moved = assigned[donor].pop() as PatientGroup;
    assigned[name].push(moved);
    warnings.push(`The ${name} split would have been empty; one patient was moved to it from ${donor}.`);
  });
}
