/**
 * What the columns of a labels CSV mean. The import keeps a column only when the schema gives it
 * a role that carries a label; identifier columns (other than the one key) are dropped, and so
 * is every column the schema does not name.
 */

export type LabelRole =
  | 'key' // names the scan or patient the row is about (translated, never kept as it is)
  | 'class' // a class label (classification target)
  | 'regression' // a numeric target
  | 'time' // time to event or censoring (survival)
  | 'event' // 1 = event, 0 = censored (survival)
  | 'sensitive' // attributes to audit fairness over: sex, age band, site
  | 'covariate' // other tabular inputs
  | 'identifier' // a patient or study identifier: dropped, never imported
  | 'ignore'; // dropped on purpose

export type LabelValueType = 'numeric' | 'categorical';
export type LabelLevel = 'scan' | 'patient';

/**
 * How the key column names its target. `patient` takes a pseudonym or an original patient ID;
 * `study` a de-identified or original StudyInstanceUID; `accession` an original accession
 * number; `file` a de-identified or original relative file path; `item` the app's scan id.
 */
export type KeyKind = 'patient' | 'study' | 'accession' | 'file' | 'item';

export interface AgeBandDerivation {
  kind: 'age-band';
  /** Name of the derived column, e.g. 'age_band'. */
  name: string;
  /** Lower edges of the bands after the first, ascending: [40, 60, 80] gives <40, 40–59, 60–79, ≥80. */
  edges: number[];
}

export interface LabelColumn {
  /** The header name in the CSV. */
  name: string;
  role: LabelRole;
  type: LabelValueType;
  /** Role 'key': what the key names. */
  keyKind?: KeyKind;
  /** Role 'class': the allowed values; a value's position is its class index. */
  classes?: string[];
  /** Default: true for key, class, regression, time and event; false for the others. */
  required?: boolean;
  /** A further column computed from this one (kept as a sensitive attribute). */
  derive?: AgeBandDerivation;
}

export interface LabelSchema {
  level: LabelLevel;
  columns: LabelColumn[];
}

export const DEFAULT_AGE_BAND_EDGES: readonly number[] = [40, 60, 80];

/** Roles whose values are kept in the imported labels. */
export const KEPT_ROLES: readonly LabelRole[] = ['class', 'regression', 'time', 'event', 'sensitive', 'covariate'];

export function isRequired(column: LabelColumn): boolean {
  return column.required ?? ['key', 'class', 'regression', 'time', 'event'].includes(column.role);
}

/** The band of an age with the given edges, e.g. '<40', '40–59', '≥80' (whole years). */
export function ageBand(age: number, edges: readonly number[] = DEFAULT_AGE_BAND_EDGES): string {
  const first = edges[0];
  if (first === undefined) return 'all';
  if (age < first) return `<${first}`;
  for (let i = 1; i < edges.length; i++) {
    const lo = edges[i - 1] as number;
    const hi = edges[i] as number;
    if (age < hi) return `${lo}–${hi - 1}`;
  }
  return `≥${edges[edges.length - 1]}`;
}

/** Every band of the edges, in order, for a fixed class list of the derived column. */
export function ageBands(edges: readonly number[] = DEFAULT_AGE_BAND_EDGES): string[] {
  if (edges.length === 0) return ['all'];
  return [edges[0] as number - 1, ...edges].map((age) => ageBand(age, edges));
}
