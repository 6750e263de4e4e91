import { describe, expect, it } from 'vitest';
import { ageBand, ageBands, inferLabelSchema, normaliseName } from '../../../../src/lib/preprocess/labels';

describe('ageBand', () => {
  it('bands ages as <40, 40–59, 60–79, ≥80 by default', () => {
    expect([0, 39.9, 40, 59, 59.5, 60, 79, 80, 103].map((a) => ageBand(a))).toEqual(['<40', '<40', '40–59', '40–59', '40–59', '60–79', '60–79', '≥80', '≥80']);
    expect(ageBands()).toEqual(['<40', '40–59', '60–79', '≥80']);
    expect(ageBands([18, 65])).toEqual(['<18', '18–64', '≥65']);
  });
});

describe('inferLabelSchema', () => {
  it('normalises header names', () => {
    expect(normaliseName(' Patient ID ')).toBe('patient_id');
    expect(normaliseName('StudyInstanceUID')).toBe('studyinstanceuid');
  });

  it('keys patient-only files by patient at patient level, and keeps names and birth dates out', () => {
    const { schema, suggestions } = inferLabelSchema('Patient ID,Patient Name,DOB,Diagnosis,Gender,Hospital,bmi\nP1,DOE^J,19500101,HF,F,X,22.5\nP2,ROE^K,19600101,none,M,Y,30\n');
    expect(schema.level).toBe('patient');
    expect(suggestions.map((s) => `${s.name}:${s.role}`)).toEqual([
      'Patient ID:key', 'Patient Name:identifier', 'DOB:identifier', 'Diagnosis:class', 'Gender:sensitive', 'Hospital:sensitive', 'bmi:covariate',
    ]);
    expect(schema.columns[0]).toMatchObject({ keyKind: 'patient' });
    expect(schema.columns[3]!.classes).toEqual(['HF', 'none']);
    expect(schema.columns[6]!.type).toBe('numeric');
  });

  it('prefers a scan id, then a study UID, then a file, then an accession number as the key', () => {
    const key = (header: string): string | undefined => inferLabelSchema(`${header}\n`).schema.columns.find((c) => c.role === 'key')?.name;
    expect(key('accession,file,label')).toBe('file');
    expect(key('accession,StudyInstanceUID,file')).toBe('StudyInstanceUID');
    expect(key('scan_id,StudyInstanceUID')).toBe('scan_id');
    expect(key('Accession Number,label')).toBe('Accession Number');
    expect(key('label,value')).toBeUndefined();
  });

  it('sorts numeric classes numerically, and pairs survival columns or demotes a lone one', () => {
    const a = inferLabelSchema('id,grade,time,status\n1,10,5,1\n2,9,6,0\n3,2,7,1\n');
    expect(a.schema.columns.find((c) => c.name === 'grade')?.role).toBe('covariate');
    expect(a.schema.columns.filter((c) => c.role === 'time' || c.role === 'event').map((c) => c.name)).toEqual(['time', 'status']);
    const b = inferLabelSchema('scan_id,label,follow_up_days\ns1,10,5\ns2,9,6\ns3,2,7\n');
    expect(b.schema.columns.find((c) => c.name === 'label')?.classes).toEqual(['2', '9', '10']);
    expect(b.schema.columns.find((c) => c.name === 'follow_up_days')?.role).toBe('covariate');
    expect(b.suggestions.find((s) => s.name === 'follow_up_days')?.reason).toMatch(/without exactly one partner/);
  });
});
