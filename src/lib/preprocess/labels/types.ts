import type { ResolvedKeyKind } from './key-index';
import type { KeyKind, LabelLevel, LabelRole, LabelValueType } from './schema';

export type LabelImportErrorCode =
  | 'csv-format' // the CSV itself: ragged row, unterminated quote, duplicate header
  | 'no-rows' // no header or no data row
  | 'schema' // the mapping is not usable (no key, time without event…)
  | 'missing-column' // the mapping names a column the CSV lacks
  | 'unknown-key' // the key matches nothing in the dataset
  | 'ambiguous-key' // the key matches two things
  | 'missing-value' // a required cell is empty
  | 'bad-number' // a numeric cell is not a number (or a negative time)
  | 'bad-event' // an event cell is not 0/1, yes/no, true/false
  | 'unknown-class' // a class cell is not one of the schema's classes
  | 'duplicate-key' // two rows label the same scan (or patient)
  | 'identifier-value'; // a kept cell repeats an identifier of the same file

/** One problem, at a row (1-based record number as a spreadsheet counts it: the header is row 1). */
export interface LabelImportIssue {
  row: number;
  column?: string;
  code: LabelImportErrorCode;
  message: string;
}

export type LabelValue = number | string | null;

/** One imported row: the translated key and the kept values; nothing original. */
export interface LabelRecord {
  /** The CSV row it came from, for tracing back. */
  row: number;
  kind: ResolvedKeyKind;
  /** Pseudonym, de-identified StudyInstanceUID or path, or scan id. */
  key: string;
  patientPseudonym: string;
  /** The scans the row labels (all the patient's scans for patient-level labels). */
  itemIds: string[];
  /** By column name, derived columns included; null for an allowed missing value. */
  values: Record<string, LabelValue>;
}

export interface KeptColumn {
  name: string;
  role: Exclude<LabelRole, 'key' | 'identifier' | 'ignore'>;
  type: LabelValueType;
  classes?: string[];
  /** For a derived column: the column it was computed from. */
  derivedFrom?: string;
}

export interface DroppedColumn {
  name: string;
  /** 'key': its values were replaced by the translated key. */
  reason: 'identifier' | 'key' | 'ignored' | 'not-in-schema';
}

export interface ImportedLabels {
  level: LabelLevel;
  columns: KeptColumn[];
  records: LabelRecord[];
}

export interface LabelImportSummary {
  rows: number;
  level: LabelLevel;
  keyColumn: string;
  keyKind: KeyKind;
  /** Rows whose key matched as it was, and rows translated from an original identifier. */
  matched: { deidentified: number; original: number };
  labelledItems: number;
  unlabelledItems: number;
  patients: number;
  /** Rows per class, for each class column (and each categorical sensitive attribute). */
  classCounts: Record<string, Record<string, number>>;
  numeric: Record<string, { count: number; missing: number; min: number; max: number; mean: number }>;
  survival?: { time: string; event: string; events: number; censored: number };
}

export type LabelImportResult =
  | { ok: true; labels: ImportedLabels; droppedColumns: DroppedColumn[]; summary: LabelImportSummary }
  | {
    ok: false;
    /** The first `maxErrors` problems, in row order. */
    errors: LabelImportIssue[];
    /** How many there were in all. */
    errorCount: number;
  };
