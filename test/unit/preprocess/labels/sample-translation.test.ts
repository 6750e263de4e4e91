import { describe, expect, it } from 'vitest';
import {
  classByItem, createLabelKeyIndex, importLabelsCsv, inferLabelSchema, type LabelSchema,
} from '../../../../src/lib/preprocess/labels';
import { sampleDataset } from './sample-dataset';

/**
 * The sample set's labels.csv names rows by ORIGINAL (fake-PHI) identifiers: file path, patient
 * ID, StudyInstanceUID and accession number. Imported against the de-identified dataset, it is
 * translated through the pseudonym map and nothing original survives.
 */
const sample = sampleDataset();
const index = createLabelKeyIndex(sample.items, sample.lookup);
const studies = sample.plan.cohort.studies;

function withKey(schema: LabelSchema, name: string, keyKind: 'patient' | 'study' | 'accession' | 'file', level: 'scan' | 'patient' = 'scan'): LabelSchema {
  return {
    level,
    columns: schema.columns.map((c) => {
      if (c.name === name) return { name, role: 'key', type: 'categorical', keyKind };
      if (c.role === 'key') return { name: c.name, role: 'identifier', type: 'categorical' };
      return c;
    }),
  };
}

describe('the real sample labels.csv', () => {
  const inferred = inferLabelSchema(sample.csv);

  it('has the columns make-sample writes, with original identifiers in them', () => {
    expect(sample.csv.split('\r\n')[0]).toBe('file,patient_id,study_instance_uid,accession_number,reduced_function,ejection_fraction,time_to_event_days,event,sex,age,site');
    expect(sample.csv).toContain('FAKE-0001');
  });

  it('gets a suggested mapping: key by study, identifiers dropped, class, regression, survival, sensitive', () => {
    expect(inferred.schema.level).toBe('scan');
    expect(inferred.suggestions.map((s) => `${s.name}:${s.role}`)).toEqual([
      'file:identifier', 'patient_id:identifier', 'study_instance_uid:key', 'accession_number:identifier',
      'reduced_function:class', 'ejection_fraction:regression', 'time_to_event_days:time', 'event:event',
      'sex:sensitive', 'age:sensitive', 'site:sensitive',
    ]);
    const byName = new Map(inferred.schema.columns.map((c) => [c.name, c]));
    expect(byName.get('study_instance_uid')).toMatchObject({ role: 'key', keyKind: 'study' });
    expect(byName.get('reduced_function')?.classes).toEqual(['0', '1']);
    expect(byName.get('age')).toMatchObject({ type: 'numeric', derive: { kind: 'age-band', name: 'age_band', edges: [40, 60, 80] } });
    expect(byName.get('sex')?.type).toBe('categorical');
  });

  it('imports every row through the original study UIDs, keeping only de-identified keys', () => {
    const result = importLabelsCsv(sample.csv, inferred.schema, index);
    if (!result.ok) throw new Error(JSON.stringify(result.errors.slice(0, 3)));
    expect(result.labels.records).toHaveLength(22);
    expect(result.droppedColumns).toEqual([
      { name: 'file', reason: 'identifier' }, { name: 'patient_id', reason: 'identifier' },
      { name: 'study_instance_uid', reason: 'key' }, { name: 'accession_number', reason: 'identifier' },
    ]);
    const first = result.labels.records[0]!;
    const s0 = studies[0]!;
    expect(first).toEqual({
      row: 2, kind: 'study', key: sample.deidStudyOf.get(s0.studyInstanceUid), patientPseudonym: sample.pseudonymOf.get('FAKE-0001'),
      itemIds: [expect.any(String)],
      values: {
        reduced_function: '1', ejection_fraction: 28.3, time_to_event_days: 389, event: 0, sex: 'M', age: 62, age_band: '60–79', site: 'A',
      },
    });
    expect(result.labels.columns.map((c) => `${c.name}:${c.role}`)).toEqual([
      'reduced_function:class', 'ejection_fraction:regression', 'time_to_event_days:time', 'event:event',
      'sex:sensitive', 'age:sensitive', 'age_band:sensitive', 'site:sensitive',
    ]);
    // Every label matches the cohort's own values for that study.
    const classes = classByItem(result.labels, 'reduced_function');
    for (const s of studies) {
      const item = sample.items.find((i) => i.studyUid === sample.deidStudyOf.get(s.studyInstanceUid))!;
      expect(classes.get(item.itemId)).toBe(String(s.reducedFunction));
    }
    const s = result.summary;
    expect([s.rows, s.matched.original, s.matched.deidentified, s.labelledItems, s.unlabelledItems, s.patients]).toEqual([22, 22, 0, 22, 3, 16]);
    expect(s.classCounts.reduced_function).toEqual({
      0: studies.filter((x) => x.reducedFunction === 0).length, 1: studies.filter((x) => x.reducedFunction === 1).length,
    });
    expect(s.survival).toEqual({ time: 'time_to_event_days', event: 'event', events: studies.filter((x) => x.event === 1).length, censored: studies.filter((x) => x.event === 0).length });
  });

  it('keeps no original identifier anywhere in the result', () => {
    const result = importLabelsCsv(sample.csv, inferred.schema, index);
    const text = JSON.stringify(result);
    const leaked = sample.originals.filter((o) => text.includes(o));
    expect(leaked).toEqual([]);
    expect(text).not.toMatch(/FAKE/);
  });

  it('gives the same labels keyed by original file path or accession number', () => {
    const byStudy = importLabelsCsv(sample.csv, inferred.schema, index);
    const byFile = importLabelsCsv(sample.csv, withKey(inferred.schema, 'file', 'file'), index);
    const byAccession = importLabelsCsv(sample.csv, withKey(inferred.schema, 'accession_number', 'accession'), index);
    if (!byStudy.ok || !byFile.ok || !byAccession.ok) throw new Error('an import failed');
    const view = (r: typeof byStudy): string[] => r.labels.records.map((x) => `${x.itemIds.join()}=${JSON.stringify(x.values)}`);
    expect(view(byFile)).toEqual(view(byStudy));
    expect(view(byAccession)).toEqual(view(byStudy));
    expect(byFile.labels.records[0]!.kind).toBe('file');
    expect(byFile.labels.records[0]!.key).toMatch(/^ENC-[0-9A-F]{10}\/2\.25\.\d+\/2\.25\.\d+\/2\.25\.\d+\.dcm$/);
    expect(JSON.stringify(byFile)).not.toMatch(/FAKE/);
  });

  it('refuses patient-level labels from a file with several rows per patient, naming the rows', () => {
    const result = importLabelsCsv(sample.csv, withKey(inferred.schema, 'patient_id', 'patient', 'patient'), index);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.every((e) => e.code === 'duplicate-key')).toBe(true);
    expect(result.errorCount).toBe(22 - 16);
    expect(result.errors[0]!.message).toBe('Row 3 labels the same patient as row 2; keep one row per patient.');
  });

  it('refuses an identifier column mapped as a covariate by mistake', () => {
    const mistaken: LabelSchema = { ...inferred.schema, columns: inferred.schema.columns.map((c) => (c.name === 'patient_id' ? { name: c.name, role: 'covariate', type: 'categorical' } : c)) };
    const result = importLabelsCsv(sample.csv, mistaken, index);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errorCount).toBe(22);
    expect(new Set(result.errors.map((e) => `${e.column}:${e.code}`))).toEqual(new Set(['patient_id:identifier-value']));
    expect(JSON.stringify(result)).not.toMatch(/FAKE/);
  });

  it('without the unlocked pseudonym map, says so for every row and imports nothing', () => {
    const locked = createLabelKeyIndex(sample.items);
    const result = importLabelsCsv(sample.csv, inferred.schema, locked);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errorCount).toBe(22);
    expect(result.errors[0]).toEqual({
      row: 2, column: 'study_instance_uid', code: 'unknown-key',
      message: 'Row 2: the study_instance_uid value matches no study of this dataset (neither a de-identified StudyInstanceUID nor an original one); to match original identifiers, unlock the pseudonym map first.',
    });
    expect(JSON.stringify(result)).not.toMatch(/FAKE|2\.25\.10738865/);
  });
});
