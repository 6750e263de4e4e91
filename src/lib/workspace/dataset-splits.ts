/**
 * A dataset's splits as the JSON document it keeps and exports: patient-level train /
 * validation / test (or k folds), stratified by the labels' class column when there is one,
 * with the class balance of each part. Plain JSON (no Map), so it survives IndexedDB and a file;
 * readSplitsJson (src/lib/dataset/exports) reads it back.
 */
import { classByItem, labelsByItem, type ImportedLabels } from '../preprocess/labels';
import { splitsJson, type SplitsJson } from '../dataset/exports';
import {
  classBalance, kFold, splitByPatient, type ClassBalance, type SplitFractions, type SplitItem, type SplitName,
} from '../preprocess/splits';

export interface SplitRequest {
  seed: number;
  method: 'holdout' | 'k-fold' | 'by-site';
  fractions?: SplitFractions;
  k?: number;
  stratify: boolean;
  /** For 'by-site': the sites held out as test. */
  testSites?: string[];
}

/** The export format (splitsJson) plus what the view shows: who is where, and the balance. */
export interface SplitsDocument extends SplitsJson {
  /** The label column the balance is counted in (and the split stratified by, when it was). */
  classColumn: string | null;
  /** holdout / by-site: scan id → split; k-fold: scan id → 'fold-1'… */
  assignment: Record<string, string>;
  balance: ClassBalance;
  warnings: string[];
}

interface ScanLike {
  scanId: string;
  facts: { readonly [key: string]: string | number };
}

export function splitsDocument(scans: readonly ScanLike[], labels: { labels: ImportedLabels } | null, request: SplitRequest): SplitsDocument {
  const classColumn = labels?.labels.columns.find((c) => c.role === 'class')?.name ?? null;
  const classes = labels && classColumn ? classByItem(labels.labels, classColumn) : new Map<string, string>();
  const siteColumn = labels?.labels.columns.find((c) => c.role === 'sensitive' && /site/i.test(c.name))?.name;
  const values = labels ? labelsByItem(labels.labels) : new Map();
  const items: SplitItem[] = scans.map((scan) => {
    const site = siteColumn ? values.get(scan.scanId)?.[siteColumn] : undefined;
    return {
      itemId: scan.scanId,
      patientId: String(scan.facts.pseudonym ?? scan.scanId),
      stratum: classes.get(scan.scanId),
      site: site === null || site === undefined ? undefined : String(site),
    };
  });
  const stratifiedBy = classColumn ?? undefined;
  if (request.method === 'k-fold') {
    const result = kFold(items, { k: request.k ?? 5, seed: request.seed, stratify: request.stratify });
    const assignment = Object.fromEntries([...result.foldOf].map(([id, fold]) => [id, `fold-${fold + 1}`]));
    return { ...splitsJson(result, { stratifiedBy }), classColumn, assignment, balance: classBalance(result, classes), warnings: [] };
  }
  const result = splitByPatient(items, {
    seed: request.seed,
    fractions: request.fractions ?? { train: 0.6, validation: 0.2, test: 0.2 },
    stratify: request.stratify,
    bySite: request.method === 'by-site' ? { testSites: request.testSites ?? [] } : undefined,
  });
  const assignment: Record<string, SplitName> = Object.fromEntries(result.splitOf);
  return { ...splitsJson(result, { stratifiedBy }), classColumn, assignment, balance: classBalance(result, classes), warnings: result.warnings };
}
