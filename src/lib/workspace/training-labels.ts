/**
 * The training view of a dataset's annotations: each scan's target in one label column (a class
 * index or a number) and its split, read from the labels and splits documents the dataset keeps.
 */
import { EnclaveError } from '../jobs';
import { labelsByItem, parseNumber, type ImportedLabels, type LabelValue } from '../preprocess/labels';
import { sortValues } from '../preprocess/labels/values';
import type { DatasetRecord } from '../store/schema';
import type { SplitsDocument } from './dataset-splits';

export interface ScanTargets {
  /** scanId → class index (classification) or value (regression). */
  targets: Map<string, number>;
  /** Class names in index order (classification). */
  classes?: string[];
}

function importedLabels(dataset: DatasetRecord): ImportedLabels {
  const document = dataset.labels as { labels?: ImportedLabels } | undefined;
  if (!document?.labels?.columns) {
    throw new EnclaveError('InvalidInputError', `Dataset "${dataset.name}" has no labels yet; import a labels CSV in the Dataset step first.`);
  }
  return document.labels;
}

export function splitsOf(dataset: DatasetRecord): SplitsDocument {
  const document = dataset.splits as SplitsDocument | undefined;
  if (!document?.assignment) {
    throw new EnclaveError('InvalidInputError', `Dataset "${dataset.name}" has no train/validation/test splits yet; make the splits in the Dataset step first.`);
  }
  return document;
}

function textOf(value: LabelValue | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  const text = String(value).trim();
  return text === '' ? undefined : text;
}

function numberOf(value: LabelValue | undefined): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  return typeof value === 'string' ? parseNumber(value) : undefined;
}

/** Scans without a value in the column are left out (the caller counts them as unlabelled). */
export function scanTargets(dataset: DatasetRecord, column: string, task: 'classification' | 'regression'): ScanTargets {
  const labels = importedLabels(dataset);
  const kept = labels.columns.find((c) => c.name === column);
  if (!kept) {
    const names = labels.columns.map((c) => `"${c.name}"`).join(', ') || 'none';
    throw new EnclaveError('InvalidInputError', `The labels have no column "${column}"; the kept columns are ${names}.`);
  }
  const values = labelsByItem(labels);
  const targets = new Map<string, number>();
  if (task === 'regression') {
    for (const [scanId, row] of values) {
      const value = numberOf(row[column]);
      if (value !== undefined) targets.set(scanId, value);
    }
    if (targets.size === 0) throw new EnclaveError('InvalidInputError', `Column "${column}" holds no numbers, so it cannot be a regression target.`);
    return { targets };
  }
  const seen = [...values.values()].map((row) => textOf(row[column])).filter((v): v is string => v !== undefined);
  const classes = kept.classes && kept.classes.length > 0 ? [...kept.classes] : sortValues(seen);
  for (const [scanId, row] of values) {
    const text = textOf(row[column]);
    if (text === undefined) continue;
    const index = classes.indexOf(text);
    if (index < 0) throw new EnclaveError('InvalidInputError', `Scan ${scanId} has class "${text}", which is not among the classes of "${column}" (${classes.join(', ')}).`);
    targets.set(scanId, index);
  }
  return { targets, classes };
}

/** Which splits train and validate: holdout uses its named parts; k-fold holds one fold out. */
export function splitRoles(splits: SplitsDocument, validationFold = 1): { train: string[]; validation: string; test: string | null } {
  const names = new Set(Object.values(splits.assignment));
  // Read from the assignment itself, which every version of the splits document has.
  const kFold = [...names].every((name) => name.startsWith('fold-'));
  if (!kFold) return { train: ['train'], validation: 'validation', test: names.has('test') ? 'test' : null };
  const held = `fold-${validationFold}`;
  if (!names.has(held)) {
    throw new EnclaveError('InvalidInputError', `The splits have no ${held}; choose a fold from 1 to ${names.size}.`);
  }
  return { train: [...names].filter((n) => n !== held).sort(), validation: held, test: null };
}
