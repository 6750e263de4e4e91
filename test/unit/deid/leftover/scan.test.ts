import { describe, expect, it } from 'vitest';
import { checkLeftoverPhi, collectOriginalIdentifiers, failClosed, type LeftoverFinding } from '../../../../src/lib/deid/leftover';
import { datasetReader, parseDicomBytes } from '../../../../src/lib/dicom/parse';
import { TAG, str, writePart10 } from '../../../../src/lib/dicom/write';
import { originalIds, plantedOutput } from './fixtures';

const nested = { source: 'element', path: '00291010[0].00291020[0].00291030', tag: '00291030', keyword: null, vr: 'LT' } as const;

describe('leftover-PHI scan of a de-identified file', () => {
  const result = checkLeftoverPhi(plantedOutput(), originalIds());

  it('finds every planted leftover, where it is and of what kind', () => {
    expect(result.findings).toEqual<LeftoverFinding[]>([
      { severity: 'error', kind: 'accession-number', source: 'element', path: '0008103E', tag: '0008103E', keyword: 'SeriesDescription', vr: 'LO' },
      { severity: 'error', kind: 'patient-name', ...nested },
      { severity: 'error', kind: 'birth-date', ...nested },
      { severity: 'warning', kind: 'date-in-text', ...nested },
      { severity: 'error', kind: 'patient-name', source: 'raw', path: 'preamble', tag: null, keyword: null, vr: null, encoding: 'utf-8', offset: 10 },
      { severity: 'error', kind: 'physician-name', source: 'raw', path: '00291040', tag: '00291040', keyword: null, vr: 'OB', encoding: 'utf-16le', offset: 722 },
    ]);
    expect(result).toMatchObject({ clean: false, errors: 5, warnings: 1 });
  });

  it('never puts a value into a finding', () => {
    const text = JSON.stringify(result).toUpperCase();
    for (const value of ['DOE', 'JOHN', 'HOUSE', 'ACC778899', '1980', 'SPRINGFIELD']) expect(text.includes(value), value).toBe(false);
  });

  it('ignores the same letters inside longer words (DOEMATIC, JOHNSON) but not IDs inside longer values', () => {
    expect(result.findings.some((f) => f.keyword === 'ManufacturerModelName')).toBe(false);
    expect(result.findings.some((f) => f.keyword === 'SeriesDescription' && f.kind === 'accession-number')).toBe(true);
  });

  it('can ignore kinds the policy keeps, and skip the raw scan', () => {
    const r = checkLeftoverPhi(plantedOutput(), originalIds(), { ignoreKinds: ['patient-name', 'physician-name'], rawBytes: false });
    expect(r.findings.map((f) => f.kind)).toEqual(['accession-number', 'birth-date', 'date-in-text']);
  });

  it('passes a clean file, and checks the meta group too', () => {
    const clean = writePart10({
      [TAG.SOPClassUID]: str('UI', '1.2.840.10008.5.1.4.1.1.7'),
      [TAG.SOPInstanceUID]: str('UI', '2.25.1001'),
      [TAG.PatientName]: str('PN', 'ENC^7F3A2C'),
    });
    expect(checkLeftoverPhi(clean, originalIds())).toEqual({ findings: [], clean: true, errors: 0, warnings: 0 });
    const leaky = checkLeftoverPhi(clean, { ...originalIds(), instanceUids: ['2.25.1001'] });
    expect(leaky.findings.map((f) => `${f.source}:${f.path}:${f.kind}`)).toEqual([
      'element:00020003:instance-uid', 'element:00080018:instance-uid',
    ]);
  });
});

describe('name words in attributes Table E.1-1 does not list', () => {
  it('are warnings there, errors in listed attributes', () => {
    const file = writePart10({
      [TAG.SOPClassUID]: str('UI', '1.2.840.10008.5.1.4.1.1.7'),
      [TAG.SOPInstanceUID]: str('UI', '2.25.1001'),
      [TAG.ManufacturerModelName]: str('LO', 'JOHN 3000'),
      [TAG.StudyDescription]: str('LO', 'JOHN 3000'),
    });
    expect(checkLeftoverPhi(file, originalIds()).findings.map((f) => `${f.severity}:${f.keyword}:${f.kind}`)).toEqual([
      'error:StudyDescription:patient-name', 'warning:ManufacturerModelName:patient-name',
    ]);
  });
});

describe('raw bytes and two-letter names', () => {
  it('does not take the VR code OB in element headers for a patient called OB', () => {
    const file = writePart10({
      [TAG.SOPClassUID]: str('UI', '1.2.840.10008.5.1.4.1.1.7'),
      [TAG.SOPInstanceUID]: str('UI', '2.25.1001'),
      [TAG.StudyDescription]: str('LO', 'OB SCAN'),
    });
    const ids = { ...originalIds(), patientNames: ['OB^^^^'] };
    expect(checkLeftoverPhi(file, ids).findings.map((f) => `${f.source}:${f.keyword}:${f.kind}`)).toEqual([
      'element:StudyDescription:patient-name',
    ]);
  });
});

describe('collecting the original identifiers', () => {
  it('reads top-level values and patient IDs/names at any depth', () => {
    const original = writePart10({
      [TAG.SOPClassUID]: str('UI', '1.2.840.10008.5.1.4.1.1.7'),
      [TAG.SOPInstanceUID]: str('UI', '1.2.3.4'),
      [TAG.PatientName]: str('PN', 'DOE^JOHN'),
      [TAG.PatientID]: str('LO', 'PID-1'),
      [TAG.PatientBirthDate]: str('DA', '19800215'),
      [TAG.ReferringPhysicianName]: str('PN', 'HOUSE^GREGORY^^DR'),
      [TAG.InstitutionName]: str('LO', 'Springfield General'),
      [TAG.OtherPatientIDsSequence]: { vr: 'SQ', items: [{ [TAG.PatientID]: str('LO', 'MRN-77') }] },
      [TAG.StudyID]: str('SH', 'ST-555'),
      [TAG.RequestAttributesSequence]: { vr: 'SQ', items: [{ [TAG.RequestedProcedureID]: str('SH', 'RP-777'), [TAG.AccessionNumber]: str('SH', 'ACC-9') }] },
      '00330010': str('LO', 'X'),
      '00331012': { vr: 'SQ', items: [{ [TAG.PatientName]: str('PN', 'DOE^JOHNNY') }] },
    });
    const ids = collectOriginalIdentifiers(datasetReader(parseDicomBytes(original)));
    expect(ids).toMatchObject({
      patientNames: ['DOE^JOHN', 'DOE^JOHNNY'],
      patientIds: ['PID-1'],
      otherPatientIds: ['MRN-77'],
      otherIds: ['ST-555', 'RP-777'],
      birthDates: ['19800215'],
      physicianNames: ['HOUSE^GREGORY^^DR'],
      institutionNames: ['Springfield General'],
      instanceUids: ['1.2.3.4'],
      accessionNumbers: ['ACC-9'],
    });
  });
});

describe('fail-closed gate', () => {
  it('blocks on errors, and on warnings until acknowledged', () => {
    expect(failClosed([{ errors: 0, warnings: 0 }])).toEqual({ allowed: true, errors: 0, warnings: 0, reason: null });
    expect(failClosed([{ errors: 2, warnings: 1 }, { errors: 0, warnings: 0 }, { errors: 1, warnings: 0 }])).toEqual({
      allowed: false, errors: 3, warnings: 1, reason: '3 original identifier(s) remain in 2 file(s).',
    });
    expect(failClosed([{ errors: 0, warnings: 2 }]).allowed).toBe(false);
    expect(failClosed([{ errors: 0, warnings: 2 }], { warningsAcknowledged: true }).allowed).toBe(true);
    expect(failClosed([{ errors: 1, warnings: 0 }], { warningsAcknowledged: true }).allowed).toBe(false);
  });
});
