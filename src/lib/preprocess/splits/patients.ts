import { EnclaveError } from '../../jobs';

/** One dataset item (a scan) to split: the patient decides where it goes, never the scan. */
export interface SplitItem {
  itemId: string;
  /** The patient's pseudonym. */
  patientId: string;
  /** The class (or other stratum) of this item; the patient's stratum is its items' majority. */
  stratum?: string;
  site?: string;
}

export interface PatientGroup {
  patientId: string;
  itemIds: string[];
  /** Majority stratum of the patient's items ('' when none has one); ties go to the first in sort order. */
  stratum: string;
  /** Majority site, undefined when no item names one. */
  site?: string;
  /** More than one site among the items. */
  mixedSites: boolean;
}

/**
 * Items grouped by patient, sorted by patient id so that the seed alone (not the order the scans
 * were imported in) decides the split.
 */
export function groupByPatient(items: readonly SplitItem[]): PatientGroup[] {
  const byPatient = new Map<string, SplitItem[]>();
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.itemId)) throw new EnclaveError('InvalidInputError', `Scan ${item.itemId} is listed twice; each scan can be in one split only.`);
    if (item.patientId === '') throw new EnclaveError('InvalidInputError', `Scan ${item.itemId} has no patient, so it cannot be kept out of other splits than its patient's.`);
    seen.add(item.itemId);
    const list = byPatient.get(item.patientId);
    if (list) list.push(item);
    else byPatient.set(item.patientId, [item]);
  }
  return [...byPatient.keys()].sort(compareText).map((patientId) => {
    const list = byPatient.get(patientId) ?? [];
    const sites = list.map((i) => i.site).filter((s): s is string => s !== undefined && s !== '');
    const group: PatientGroup = {
      patientId,
      itemIds: list.map((i) => i.itemId),
      stratum: majority(list.map((i) => i.stratum).filter((s): s is string => s !== undefined && s !== '')) ?? '',
      mixedSites: new Set(sites).size > 1,
    };
    const site = majority(sites);
    if (site !== undefined) group.site = site;
    return group;
  });
}

/** Code-unit order: the same on every machine, unlike localeCompare. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function majority(values: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | undefined;
  let bestCount = 0;
  for (const [value, count] of [...counts].sort((a, b) => compareText(a[0], b[0]))) {
    if (count > bestCount) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}

/** Patients by stratum (strata sorted), or one group of all when not stratifying. */
export function strata(groups: readonly PatientGroup[], stratify: boolean): PatientGroup[][] {
  if (!stratify) return [[...groups]];
  const by = new Map<string, PatientGroup[]>();
  for (const g of groups) {
    const list = by.get(g.stratum);
    if (list) list.push(g);
    else by.set(g.stratum, [g]);
  }
  return [...by.keys()].sort(compareText).map((k) => by.get(k) ?? []);
}

/** Fisher–Yates with the given generator: a seeded, platform-independent permutation. */
export function shuffleInPlace<T>(list: T[], random: () => number): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = list[i] as T;
    list[i] = list[j] as T;
    list[j] = tmp;
  }
  return list;
}
