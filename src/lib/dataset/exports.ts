import { toCsv, type CsvCell } from '../csv';
import { EnclaveError } from '../jobs';
import type { ImportedLabels, KeptColumn, LabelValue } from '../preprocess/labels/types';
import { SPLIT_NAMES, type SplitName, type SplitPart, type SplitResult } from '../preprocess/splits/holdout';
import type { KFoldResult } from '../preprocess/splits/k-fold';

/**
 * The dataset's tabular exports. Everything here is named by pseudonyms and de-identified UIDs
 * only (the dataset holds nothing else). CSV is formula-guarded because people open it in a
 * spreadsheet; JSON carries `format` and `version` so a later app (or a script) can tell what
 * it reads. Shapes, version 1:
 *
 * enclave-splits:
 *   { format: 'enclave-splits', version: 1, method: 'holdout' | 'by-site' | 'k-fold', seed,
 *     stratify, stratifiedBy?, fractions?, testSites?, k?,
 *     splits?: { train|validation|test: { items: string[], patients: string[] } },   // not k-fold
 *     folds?: [{ fold: 1…k, heldOut: { items, patients }, train: { items, patients } }] } // k-fold
 * enclave-labels:
 *   { format: 'enclave-labels', version: 1, level: 'scan' | 'patient',
 *     columns: [{ name, role, type, classes?, derivedFrom? }],
 *     items: [{ item, patient, labels: { column: value|null }, annotations: [...] }] }
 *   with one entry per scan (a patient-level row repeated for each of the patient's scans),
 *   and annotations as { kind, frame?, label?, geometry?, note? }.
 */

export const SPLITS_JSON_FORMAT = 'enclave-splits';
export const LABELS_JSON_FORMAT = 'enclave-labels';
export const EXPORT_JSON_VERSION = 1;

export interface ExportItem {
  itemId: string;
  patientPseudonym: string;
  /** De-identified StudyInstanceUID. */
  studyUid?: string;
  /** Per-scan metadata (modality, frames, spacing…), by column. */
  metadata?: Readonly<Record<string, CsvCell>>;
}

export interface LabelsCsvInput {
  items: readonly ExportItem[];
  labels?: ImportedLabels;
  metadataColumns?: readonly string[];
  splitOf?: ReadonlyMap<string, SplitName>;
}

/** One row per scan: ids, split, label columns, then metadata columns. */
export function labelsMetadataCsv(input: LabelsCsvInput, options: { bom?: boolean; delimiter?: string } = {}): string {
  const byItem = valuesByItem(input.labels);
  const labelColumns = input.labels?.columns.map((c) => c.name) ?? [];
  const metadataColumns = input.metadataColumns ?? [];
  const header = ['item', 'patient', 'study', ...(input.splitOf ? ['split'] : []), ...labelColumns, ...metadataColumns];
  const rows = input.items.map((item): CsvCell[] => {
    const values = byItem.get(item.itemId);
    return [
      item.itemId, item.patientPseudonym, item.studyUid ?? '',
      ...(input.splitOf ? [input.splitOf.get(item.itemId) ?? ''] : []),
      ...labelColumns.map((c) => values?.[c] ?? null),
      ...metadataColumns.map((c) => item.metadata?.[c] ?? null),
    ];
  });
  return toCsv(header, rows, { guardFormulas: true, bom: options.bom ?? false, delimiter: options.delimiter ?? ',' });
}

function valuesByItem(labels: ImportedLabels | undefined): Map<string, Record<string, LabelValue>> {
  const out = new Map<string, Record<string, LabelValue>>();
  for (const record of labels?.records ?? []) for (const id of record.itemIds) out.set(id, record.values);
  return out;
}

interface JsonPart { items: string[]; patients: string[] }

export interface SplitsJson {
  format: typeof SPLITS_JSON_FORMAT;
  version: typeof EXPORT_JSON_VERSION;
  method: SplitResult['method'] | KFoldResult['method'];
  seed: number;
  stratify: boolean;
  stratifiedBy?: string;
  fractions?: SplitResult['fractions'];
  testSites?: string[];
  k?: number;
  splits?: Record<SplitName, JsonPart>;
  folds?: Array<{ fold: number; heldOut: JsonPart; train: JsonPart }>;
}

export function splitsJson(result: SplitResult | KFoldResult, options: { stratifiedBy?: string } = {}): SplitsJson {
  const part = (p: SplitPart): JsonPart => ({ items: [...p.itemIds], patients: [...p.patientIds] });
  const doc: SplitsJson = { format: SPLITS_JSON_FORMAT, version: EXPORT_JSON_VERSION, method: result.method, seed: result.seed, stratify: result.stratify };
  if (result.stratify && options.stratifiedBy !== undefined) doc.stratifiedBy = options.stratifiedBy;
  if (result.method === 'k-fold') {
    doc.k = result.k;
    doc.folds = result.folds.map((f) => ({ fold: f.index + 1, heldOut: part(f.heldOut), train: part(f.train) }));
  } else {
    doc.fractions = { ...result.fractions };
    if (result.testSites) doc.testSites = [...result.testSites];
    doc.splits = { train: part(result.splits.train), validation: part(result.splits.validation), test: part(result.splits.test) };
  }
  return doc;
}

/** Reads a splits file back (this app's, any version it knows), refusing anything else. */
export function readSplitsJson(text: string): SplitsJson {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw notOurs('it is not JSON');
  }
  const d = doc as Partial<SplitsJson> | null;
  if (d?.format !== SPLITS_JSON_FORMAT) throw notOurs('it is not an Enclave splits file');
  if (d.version !== EXPORT_JSON_VERSION) throw notOurs(`it is version ${String(d.version)}, and this app reads version ${EXPORT_JSON_VERSION}`);
  const isPart = (p: unknown): boolean => {
    const x = p as Partial<JsonPart> | null;
    return Array.isArray(x?.items) && Array.isArray(x?.patients) && [...x.items, ...x.patients].every((v) => typeof v === 'string');
  };
  const ok = d.method === 'k-fold'
    ? Array.isArray(d.folds) && d.folds.every((f) => isPart(f?.heldOut) && isPart(f?.train))
    : d.splits !== undefined && SPLIT_NAMES.every((n) => isPart(d.splits?.[n]));
  if (!ok || typeof d.seed !== 'number') throw notOurs('its splits are incomplete');
  return d as SplitsJson;
}

function notOurs(reason: string): EnclaveError {
  return new EnclaveError('InvalidInputError', `This splits file cannot be read: ${reason}.`);
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface ExportAnnotation {
  itemId: string;
  kind: string;
  frame?: number;
  label?: string;
  geometry?: JsonValue;
  note?: string;
}

export interface LabelsJson {
  format: typeof LABELS_JSON_FORMAT;
  version: typeof EXPORT_JSON_VERSION;
  level: ImportedLabels['level'];
  columns: KeptColumn[];
  items: Array<{ item: string; patient: string; labels: Record<string, LabelValue>; annotations: Array<Omit<ExportAnnotation, 'itemId'>> }>;
}

/** Labels and annotations per scan; scans with neither are left out. */
export function labelsJson(input: { items: readonly ExportItem[]; labels?: ImportedLabels; annotations?: readonly ExportAnnotation[] }): LabelsJson {
  const byItem = valuesByItem(input.labels);
  const notes = new Map<string, Array<Omit<ExportAnnotation, 'itemId'>>>();
  for (const { itemId, ...rest } of input.annotations ?? []) {
    const list = notes.get(itemId);
    if (list) list.push(rest);
    else notes.set(itemId, [rest]);
  }
  return {
    format: LABELS_JSON_FORMAT,
    version: EXPORT_JSON_VERSION,
    level: input.labels?.level ?? 'scan',
    columns: input.labels?.columns.map((c) => ({ ...c })) ?? [],
    items: input.items
      .filter((i) => byItem.has(i.itemId) || notes.has(i.itemId))
      .map((i) => ({ item: i.itemId, patient: i.patientPseudonym, labels: { ...(byItem.get(i.itemId) ?? {}) }, annotations: notes.get(i.itemId) ?? [] })),
  };
}

/** JSON text as written to a file: two-space indent, final newline. */
export function jsonFileText(doc: unknown): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
