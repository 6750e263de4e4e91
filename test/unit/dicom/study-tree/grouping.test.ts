import { describe, expect, it } from 'vitest';
import { buildStudyTree, StudyTreeBuilder, type TreeInstanceInput } from '../../../../src/lib/dicom/study-tree';
import { fakeReader, type FakeAttributes } from '../metadata/fake-reader';

function inst(id: string, attributes: FakeAttributes): TreeInstanceInput {
  return { id, path: `in/${id}.dcm`, reader: fakeReader(attributes) };
}

const A = { PatientID: 'P1', IssuerOfPatientID: 'HOSP', PatientName: 'DOE^JANE' };

describe('grouping into patient → study → series', () => {
  it('keys patients on PatientID and its issuer, then PatientName, then an unknown bucket', () => {
    const tree = buildStudyTree([
      inst('a', { ...A, StudyInstanceUID: '1.1', SeriesInstanceUID: '1.1.1' }),
      inst('b', { PatientID: 'P1', IssuerOfPatientID: 'OTHER', StudyInstanceUID: '1.2', SeriesInstanceUID: '1.2.1' }),
      inst('c', { PatientID: 'P1', StudyInstanceUID: '1.3', SeriesInstanceUID: '1.3.1' }),
      inst('d', { PatientName: 'ROE^RICHARD', StudyInstanceUID: '1.4', SeriesInstanceUID: '1.4.1' }),
      inst('e', { StudyInstanceUID: '1.5', SeriesInstanceUID: '1.5.1' }),
      inst('f', { PatientID: '  ', PatientName: '', StudyInstanceUID: '1.6', SeriesInstanceUID: '1.6.1' }),
    ]);
    // same ID: ordered by key, where the issuer-less one sorts first
    expect(tree.patients.map((p) => [p.key, p.keySource])).toEqual([
      ['id:|P1', 'PatientID'],
      ['id:HOSP|P1', 'PatientID+IssuerOfPatientID'],
      ['id:OTHER|P1', 'PatientID+IssuerOfPatientID'],
      ['name:ROE^RICHARD', 'PatientName'],
      ['unknown-patient', 'unknown'],
    ]);
    expect(tree.patients[1]).toMatchObject({ patientId: 'P1', issuerOfPatientId: 'HOSP', patientName: 'DOE^JANE' });
    expect(tree.patients[4]?.studies.map((s) => s.studyInstanceUid)).toEqual(['1.5', '1.6']);
  });

  it('falls back when StudyInstanceUID or SeriesInstanceUID is missing, and flags it', () => {
    const tree = buildStudyTree([
      inst('a', { ...A, StudyDate: '20240102', StudyID: '7', SeriesNumber: 3, Modality: 'CT' }),
      inst('b', { ...A, StudyDate: '20240102', StudyID: '7', SeriesNumber: 3, Modality: 'CT' }),
      inst('c', { ...A, StudyDate: '20240102', StudyID: '7', SeriesNumber: 4, Modality: 'CT' }),
    ]);
    const study = tree.patients[0]?.studies[0];
    expect(study?.key).toBe('id:HOSP|P1/no-study-uid:20240102|7|');
    expect(study?.uidMissing).toBe(true);
    expect(study?.series.map((s) => [s.key.split('/').pop(), s.instanceCount, s.flags])).toEqual([
      ['no-series-uid:3|CT', 2, ['series-uid-missing']],
      ['no-series-uid:4|CT', 1, ['series-uid-missing']],
    ]);
  });

  it('sorts studies by StudyDate and StudyTime (undated last) and series by SeriesNumber (unnumbered last)', () => {
    const tree = buildStudyTree([
      inst('late', { ...A, StudyInstanceUID: 'S-late', StudyDate: '20240301', StudyTime: '080000', SeriesInstanceUID: 'x1', SeriesNumber: 1 }),
      inst('none', { ...A, StudyInstanceUID: 'S-undated', SeriesInstanceUID: 'x2' }),
      inst('noon', { ...A, StudyInstanceUID: 'S-noon', StudyDate: '20240101', StudyTime: '120000', SeriesInstanceUID: 'x3' }),
      inst('morning', { ...A, StudyInstanceUID: 'S-morning', StudyDate: '20240101', StudyTime: '0730', SeriesInstanceUID: 'x4' }),
      inst('s10', { ...A, StudyInstanceUID: 'S-late', SeriesInstanceUID: 'y10', SeriesNumber: 10, Modality: 'MR' }),
      inst('s2', { ...A, StudyInstanceUID: 'S-late', SeriesInstanceUID: 'y2', SeriesNumber: 2, Modality: 'MR' }),
      inst('sx', { ...A, StudyInstanceUID: 'S-late', SeriesInstanceUID: 'y0', Modality: 'SR' }),
    ]);
    const studies = tree.patients[0]?.studies ?? [];
    expect(studies.map((s) => s.studyInstanceUid)).toEqual(['S-morning', 'S-noon', 'S-late', 'S-undated']);
    expect(studies[2]?.series.map((s) => s.seriesInstanceUid)).toEqual(['x1', 'y2', 'y10', 'y0']);
    expect(studies[2]?.modalities).toEqual(['MR', 'SR']);
  });

  it('gives plain data that survives structured cloning unchanged', () => {
    const tree = buildStudyTree([inst('a', { ...A, StudyInstanceUID: '1', SeriesInstanceUID: '2', SOPInstanceUID: '3', InstanceNumber: 1 })]);
    expect(structuredClone(tree)).toEqual(tree);
    expect(tree.patients[0]?.studies[0]?.series[0]?.instances).toEqual([{
      id: 'a', path: 'in/a.dcm', sopInstanceUid: '3', instanceNumber: 1, frames: 1, duplicateSop: false,
    }]);
  });

  it('refuses the same id twice', () => {
    const builder = new StudyTreeBuilder();
    builder.add(inst('a', A));
    expect(() => builder.add(inst('a', A))).toThrow(expect.objectContaining({ name: 'InvalidInputError' }));
  });
});

describe('duplicates and conflicts', () => {
  it('reports SOPInstanceUIDs seen more than once, flags both instances and their series', () => {
    const builder = new StudyTreeBuilder();
    builder.add(inst('a', { ...A, StudyInstanceUID: '1', SeriesInstanceUID: '1.1', SOPInstanceUID: '9.9', InstanceNumber: 1 }));
    builder.add(inst('b', { ...A, StudyInstanceUID: '1', SeriesInstanceUID: '1.1', SOPInstanceUID: '9.8', InstanceNumber: 2 }));
    const before = builder.snapshot();
    expect(before.issues).toEqual([]);
    builder.add(inst('c', { ...A, StudyInstanceUID: '1', SeriesInstanceUID: '1.2', SOPInstanceUID: '9.9', InstanceNumber: 1 }));
    const tree = builder.snapshot();
    expect(tree.issues).toEqual([{ kind: 'duplicate-sop', sopInstanceUid: '9.9', instanceIds: ['a', 'c'] }]);
    const series = tree.patients[0]?.studies[0]?.series ?? [];
    expect(series.map((s) => [s.seriesInstanceUid, s.flags, s.instances.map((i) => i.duplicateSop)])).toEqual([
      ['1.1', ['duplicate-sop'], [true, false]],
      ['1.2', ['duplicate-sop'], [true]],
    ]);
  });

  it('reports a StudyInstanceUID found under two patients', () => {
    const tree = buildStudyTree([
      inst('a', { PatientID: 'P1', StudyInstanceUID: '5', SeriesInstanceUID: '5.1' }),
      inst('b', { PatientID: 'P2', StudyInstanceUID: '5', SeriesInstanceUID: '5.1' }),
    ]);
    expect(tree.issues).toEqual([{ kind: 'study-under-several-patients', studyInstanceUid: '5', patientKeys: ['id:|P1', 'id:|P2'] }]);
  });
});
