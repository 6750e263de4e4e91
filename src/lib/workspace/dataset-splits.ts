/**
 * A dataset's splits as the JSON document it keeps and exports: patient-level train /
 * validation / test (or k folds), stratified by the labels' class column when there is one,
 * with the class balance of each part. Plain JSON (no Map), so it survives IndexedDB and a file.
 */
import { classByItem, labelsByItem, type ImportedLabels } from '../preprocess/labels';
import {
  classBalance, kFold, splitByPatient, type ClassBalance, type SplitFractions, type SplitItem, type SplitName, type SplitPart,
} from '../preprocess/splits';

export const SPLITS_FORMAT = 'enclave-splits' as const;

export interface SplitRequest {
  seed: number;
  method: 'holdout' | 'k-fold' | 'by-site';
  fractions?: SplitFractions;
  k?: number;
  stratify: boolean;
  /** For 'by-site': the sites held out as test. */
  testSites?: string[];
}

export interface SplitsDocument {
  format: typeof SPLITS_FORMAT;
  version: 1;
  request: SplitRequest;
  /** The label column the split was stratified by, and read for the balance. */
  classColumn: string | null;
  /** holdout / by-site: scan id → split; k-fold: scan id → 'fold-1'… */
  assignment: Record<string, string>;
  parts: Record<string, SplitPart>;
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
  const base = { format: SPLITS_FORMAT, version: 1 as const, request, classColumn };
  if (request.method === 'k-fold') {
    const result = kFold(items, { k: request.k ?? 5, seed: request.seed, stratify: request.stratify });
    const parts: Record<string, SplitPart> = {};
    for (const fold of result.folds) parts[`fold-${fold.index + 1}`] = fold.heldOut;
    const assignment = Object.fromEntries([...result.foldOf].map(([id, fold]) => [id, `fold-${fold + 1}`]));
    return { ...base, assignment, parts, balance: classBalance(result, classes), warnings: [] };
  }
  const result = splitByPatient(items, {
    seed: request.seed,
    fractions: request.fractions ?? { train: 0.6, validation: 0.2, test: 0.2 },
    stratify: request.stratify,
    bySite: request.method === 'by-site' ? { testSites: request.testSites ?? [] } : undefined,
  });
  const assignment: Record<string, SplitName> = Object.fromEntries(result.splitOf);
  return { ...base, assignment, parts: { ...result.splits }, balance: classBalance(result, classes), warnings: result.warnings };
}
