import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AttributeReader } from '../../../src/lib/dicom/attributes';
import { bytesByteSource } from '../../../src/lib/ingest/byte-source';
import { pathKey, readDicomdir } from '../../../src/lib/ingest/dicomdir';
import { readDicomdirDataset } from '../../../src/lib/ingest/dicomdir-parse';
import { CORPUS_DIR, corpusAvailable, corpusBytes, sourcesUnder } from './helpers';

/** A minimal AttributeReader over plain records, to test the hierarchy rules without a parser. */
function fakeReader(values: Record<string, string | number | string[] | Record<string, unknown>[]>): AttributeReader {
  const get = (k: string) => values[k];
  return {
    has: (k) => k in values,
    string: (k, i = 0) => {
      const v = get(k);
      return Array.isArray(v) ? (v[i] as string | undefined) : v === undefined ? undefined : String(v);
    },
    strings: (k) => {
      const v = get(k);
      return Array.isArray(v) ? (v as string[]) : v === undefined ? [] : [String(v)];
    },
    number: (k) => (typeof get(k) === 'number' ? (get(k) as number) : undefined),
    numbers: (k) => (typeof get(k) === 'number' ? [get(k) as number] : []),
    sequence: (k) => ((get(k) as Record<string, never>[] | undefined) ?? []).map((item) => fakeReader(item)),
    bytes: () => undefined,
  };
}

describe('DICOMDIR records', () => {
  it('gives each referenced file the patient, study and series above it, skipping inactive records', () => {
    const dataset = fakeReader({
      FileSetID: 'DISC1',
      DirectoryRecordSequence: [
        { DirectoryRecordType: 'PATIENT', PatientID: 'P1', PatientName: 'Doe^Jane' },
        { DirectoryRecordType: 'STUDY', StudyInstanceUID: '1.2.3', StudyDate: '20200101' },
        { DirectoryRecordType: 'SERIES', SeriesInstanceUID: '1.2.3.4', Modality: 'US', SeriesNumber: 2 },
        { DirectoryRecordType: 'IMAGE', ReferencedFileID: ['DICOM', 'IM0001'], ReferencedSOPInstanceUIDInFile: '1.2.3.4.1', InstanceNumber: 1 },
        { DirectoryRecordType: 'IMAGE', RecordInUseFlag: 0, ReferencedFileID: ['DICOM', 'IM0002'] },
        { DirectoryRecordType: 'PATIENT', PatientID: 'P2' },
        { DirectoryRecordType: 'STUDY', StudyInstanceUID: '9.8' },
        { DirectoryRecordType: 'SERIES', SeriesInstanceUID: '9.8.7', Modality: 'SR' },
        { DirectoryRecordType: 'SR DOCUMENT', ReferencedFileID: ['DICOM', 'SR0001'] },
      ],
    });
    const index = readDicomdir(dataset, 'cd/DICOMDIR');
    expect(index).toMatchObject({ path: 'cd/DICOMDIR', fileSetId: 'DISC1', patients: 2, studies: 2, series: 2 });
    expect(index.references).toEqual([
      {
        path: 'cd/DICOM/IM0001',
        fileId: ['DICOM', 'IM0001'],
        hint: {
          dicomdirPath: 'cd/DICOMDIR',
          recordType: 'IMAGE',
          patientId: 'P1',
          patientName: 'Doe^Jane',
          studyInstanceUid: '1.2.3',
          studyDate: '20200101',
          seriesInstanceUid: '1.2.3.4',
          modality: 'US',
          seriesNumber: 2,
          sopInstanceUid: '1.2.3.4.1',
          instanceNumber: 1,
        },
      },
      {
        path: 'cd/DICOM/SR0001',
        fileId: ['DICOM', 'SR0001'],
        hint: { dicomdirPath: 'cd/DICOMDIR', recordType: 'SR DOCUMENT', patientId: 'P2', studyInstanceUid: '9.8', seriesInstanceUid: '9.8.7', modality: 'SR' },
      },
    ]);
  });

  it('matches paths case-insensitively, ignoring ISO 9660 version suffixes', () => {
    expect(pathKey('cd/dicom/im0001;1')).toBe(pathKey('cd/DICOM/IM0001'));
    expect(pathKey('a/b.')).toBe('A/B');
  });
});

describe.skipIf(!corpusAvailable)('the corpus DICOMDIR (pydicom dicomdirtests)', () => {
  it('lists 31 files over 2 patients; the 17 under 98892003 are present', async () => {
    const dataset = await readDicomdirDataset(bytesByteSource(corpusBytes('dicomdir/DICOMDIR')));
    const index = readDicomdir(dataset, 'dicomdir/DICOMDIR');
    expect(index).toMatchObject({ fileSetId: 'PYDICOM_TEST', patients: 2, studies: 6, series: 13 });
    expect(index.references).toHaveLength(31);
    expect(index.references[0]).toMatchObject({
      path: 'dicomdir/77654033/CR1/6154',
      hint: {
        recordType: 'IMAGE',
        patientId: '77654033',
        patientName: 'Doe^Archibald',
        studyInstanceUid: '1.3.6.1.4.1.5962.1.1.0.0.0.1196527414.5534.0.1',
        studyDescription: 'XR C Spine Comp Min 4 Views',
        seriesInstanceUid: '1.3.6.1.4.1.5962.1.1.0.0.0.1196527414.5534.0.10',
        modality: 'CR',
        seriesNumber: 1,
        sopInstanceUid: '1.3.6.1.4.1.5962.1.1.0.0.0.1196527414.5534.0.11',
        transferSyntaxUid: '1.2.840.10008.1.2.1',
        instanceNumber: 1,
      },
    });
    const dropped = new Set(sourcesUnder(resolve(CORPUS_DIR, 'dicomdir')).map((s) => pathKey(s.path)));
    const present = index.references.filter((r) => dropped.has(pathKey(r.path)));
    expect(present).toHaveLength(17);
    expect(present.every((r) => r.hint.patientId === '98890234' && r.hint.patientName === 'Doe^Peter')).toBe(true);
  });
});
