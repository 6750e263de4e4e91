import { parseCsvTable } from '../../csv';
import {
  DEFAULT_AGE_BAND_EDGES, type KeyKind, type LabelColumn, type LabelLevel, type LabelRole, type LabelSchema,
} from './schema';
import { isMissing, parseEvent, parseNumber, sortValues } from './values';

/**
 * A first guess at a labels CSV's schema from its header (and its values, for types and class
 * lists). Only a suggestion: the person confirms or changes every role before importing.
 */

export interface ColumnSuggestion {
  name: string;
  role: LabelRole;
  /** Why this role was suggested, in words for the mapping screen. */
  reason: string;
}

export interface InferredSchema {
  schema: LabelSchema;
  suggestions: ColumnSuggestion[];
}

/** Lower case, runs of other characters as one '_': 'Patient ID' → 'patient_id'. */
export function normaliseName(name: string): string {
  return name.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
}

interface KeyPattern { kind: KeyKind; pattern: RegExp; what: string }

/** Candidate key columns, best first for scan-level labels. */
const KEY_PATTERNS: readonly KeyPattern[] = [
  { kind: 'item', pattern: /^(item|scan)_?id$/, what: "the app's scan id" },
  { kind: 'study', pattern: /^(study_?instance_?uid|study_?uid|studyinstanceuid)$/, what: 'a StudyInstanceUID' },
  { kind: 'file', pattern: /^(file|file_?name|file_?path|path|relative_?path|dicom_?file)$/, what: 'a file path' },
  { kind: 'accession', pattern: /^accession(_?(number|no|num|nr))?$/, what: 'an accession number' },
  { kind: 'patient', pattern: /^(pseudonym|patient_?pseudonym|subject|subject_?id|patient_?id|patientid|pid|mrn|patient)$/, what: 'a patient' },
];

/** Identifier-like columns that are never kept (a second key, names, dates of birth, contact data). */
const IDENTIFIER = /(^|_)(uid|mrn|accession|ssn|nhs|surname|birth|dob|address|phone|email|insurance|medical_?record|patient_?id|patientid|file|path|filename)($|_)|^name$|(patient|first|last|full|given|family)_?name/;

const CLASS = /(^|_)(label|class|target|diagnosis|category|outcome|y)($|_)|^(reduced|abnormal|disease|positive|has|is)_/;
const REGRESSION = /(^|_)(ejection_?fraction|lvef|ef|score|volume|mass|measurement|value)($|_)|_(ml|mm|cm|pct|percent)$/;
const TIME = /(^|_)(time_?to_?event|tte|survival_?time|follow_?up|followup|duration)($|_)|^time($|_)|_days$/;
const EVENT = /^(event|status|death|died|dead|event_?observed)$|_event$/;
const SENSITIVE = /^(sex|gender|age|age_?years|site|centre|center|hospital|race|ethnicity|scanner|vendor|manufacturer)$/;
const AGE = /^(age|age_?years|age_?at_?scan|age_?at_?study)$/;

export function inferLabelSchema(csvText: string): InferredSchema {
  const table = parseCsvTable(csvText);
  const columnValues = (k: number): string[] => table.rows.map((r) => r[k] ?? '').filter((v) => !isMissing(v));
  const numericColumn = (k: number): boolean => {
    const values = columnValues(k);
    return values.length > 0 && values.every((v) => parseNumber(v) !== undefined);
  };
  const normalised = table.header.map(normaliseName);
  const { keyIndex, keyKind, level } = chooseKey(normalised);

  const suggestions: ColumnSuggestion[] = [];
  const columns: LabelColumn[] = table.header.map((name, k) => {
    const n = normalised[k] ?? '';
    const numeric = numericColumn(k);
    const suggest = (role: LabelRole, reason: string): void => { suggestions.push({ name, role, reason }); };
    if (k === keyIndex && keyKind) {
      suggest('key', `names ${KEY_PATTERNS.find((p) => p.kind === keyKind)?.what ?? 'the row'}; translated through the pseudonym map when it holds original identifiers`);
      return { name, role: 'key', type: 'categorical', keyKind };
    }
    if (IDENTIFIER.test(n) || KEY_PATTERNS.some((p) => p.pattern.test(n))) {
      suggest('identifier', 'looks like an identifier: it will be dropped, not imported');
      return { name, role: 'identifier', type: 'categorical' };
    }
    if (EVENT.test(n) && columnValues(k).every((v) => parseEvent(v) !== undefined)) {
      suggest('event', 'named like an event indicator with 0/1 values');
      return { name, role: 'event', type: 'numeric' };
    }
    if (TIME.test(n) && numeric) {
      suggest('time', 'named like a time to event');
      return { name, role: 'time', type: 'numeric' };
    }
    if (SENSITIVE.test(n)) {
      if (AGE.test(n) && numeric) {
        suggest('sensitive', 'age: kept, with age bands <40, 40–59, 60–79, ≥80 derived for fairness audits');
        return { name, role: 'sensitive', type: 'numeric', derive: { kind: 'age-band', name: `${n}_band`, edges: [...DEFAULT_AGE_BAND_EDGES] } };
      }
      suggest('sensitive', 'a sensitive attribute to audit fairness over');
      return { name, role: 'sensitive', type: numeric ? 'numeric' : 'categorical' };
    }
    if (CLASS.test(n)) {
      suggest('class', 'named like a class label');
      return { name, role: 'class', type: 'categorical', classes: sortValues(columnValues(k).map((v) => v.trim())) };
    }
    if (REGRESSION.test(n) && numeric) {
      suggest('regression', 'named like a measurement to predict');
      return { name, role: 'regression', type: 'numeric' };
    }
    suggest('covariate', numeric ? 'other numeric column' : 'other column');
    return { name, role: 'covariate', type: numeric ? 'numeric' : 'categorical' };
  });
  pairSurvival(columns, suggestions);
  return { schema: { level, columns }, suggestions };
}

/** The best key column: for scan labels the most specific, for patient-only files the patient. */
function chooseKey(normalised: readonly string[]): { keyIndex: number; keyKind?: KeyKind; level: LabelLevel } {
  for (const p of KEY_PATTERNS) {
    const k = normalised.findIndex((n) => p.pattern.test(n));
    if (k >= 0) return { keyIndex: k, keyKind: p.kind, level: p.kind === 'patient' ? 'patient' : 'scan' };
  }
  return { keyIndex: -1, level: 'scan' };
}

/** A time without an event (or the reverse) is not survival data: demote the lone one to a covariate. */
function pairSurvival(columns: LabelColumn[], suggestions: ColumnSuggestion[]): void {
  const times = columns.filter((c) => c.role === 'time');
  const events = columns.filter((c) => c.role === 'event');
  if (times.length === 1 && events.length === 1) return;
  for (const c of [...times, ...events]) {
    c.role = 'covariate';
    const s = suggestions.find((x) => x.name === c.name);
    if (s) {
      s.role = 'covariate';
      s.reason = 'a time or event column without exactly one partner: map time and event together for survival';
    }
  }
}
