import type { AttributeReader } from '../dicom/attributes';
import { dirName, joinPath } from './import-source';

/**
 * DICOMDIR (PS3.10 §8, PS3.3 F.3): the index at the root of a CD, DVD or USB export. Its
 * directory records name the files (ReferencedFileID, e.g. ["98892003", "MR1", "15820"],
 * relative to the DICOMDIR's own folder) and group them by patient, study and series. We use
 * it to find those files among what was dropped, to report the ones that are missing, and to
 * pass the hierarchy along as a hint (the study tree regroups by UIDs from each file's own
 * header, which is the authority).
 *
 * The hierarchy is taken from record order (each record belongs to the last PATIENT, STUDY
 * and SERIES before it), which is how writers lay records out; the offset links between
 * records would need item byte offsets that an AttributeReader does not expose.
 */
export interface DicomdirHint {
  /** The DICOMDIR this hint came from. */
  dicomdirPath: string;
  /** IMAGE, SR DOCUMENT, RT PLAN, PRESENTATION, … */
  recordType: string;
  patientId?: string;
  patientName?: string;
  studyInstanceUid?: string;
  studyDate?: string;
  studyDescription?: string;
  accessionNumber?: string;
  seriesInstanceUid?: string;
  modality?: string;
  seriesNumber?: number;
  sopInstanceUid?: string;
  sopClassUid?: string;
  transferSyntaxUid?: string;
  instanceNumber?: number;
}

export interface DicomdirReference {
  /** Where the file should be, relative to the import root, joined with '/'. */
  path: string;
  /** ReferencedFileID as written in the record. */
  fileId: string[];
  hint: DicomdirHint;
}

export interface DicomdirIndex {
  path: string;
  fileSetId?: string;
  references: DicomdirReference[];
  patients: number;
  studies: number;
  series: number;
}

type Level = Partial<DicomdirHint>;

function text(record: AttributeReader, keyword: string): string | undefined {
  const value = record.string(keyword);
  return value === undefined || value === '' ? undefined : value;
}

function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Reads the directory records of a parsed DICOMDIR into file references with hints. */
export function readDicomdir(dataset: AttributeReader, dicomdirPath: string): DicomdirIndex {
  const baseDir = dirName(dicomdirPath);
  const references: DicomdirReference[] = [];
  let patient: Level = {};
  let study: Level = {};
  let series: Level = {};
  const counts = { patients: 0, studies: 0, series: 0 };
  for (const record of dataset.sequence('DirectoryRecordSequence')) {
    // 0x0000 marks a record deleted from the media (PS3.3 F.3.2.2); 0xFFFF is in use.
    if (record.number('RecordInUseFlag') === 0) continue;
    const type = (text(record, 'DirectoryRecordType') ?? '').toUpperCase();
    if (type === 'PATIENT') {
      counts.patients += 1;
      patient = defined({ patientId: text(record, 'PatientID'), patientName: text(record, 'PatientName') });
      study = {};
      series = {};
    } else if (type === 'STUDY') {
      counts.studies += 1;
      study = defined({
        studyInstanceUid: text(record, 'StudyInstanceUID'),
        studyDate: text(record, 'StudyDate'),
        studyDescription: text(record, 'StudyDescription'),
        accessionNumber: text(record, 'AccessionNumber'),
      });
      series = {};
    } else if (type === 'SERIES') {
      counts.series += 1;
      series = defined({ seriesInstanceUid: text(record, 'SeriesInstanceUID'), modality: text(record, 'Modality'), seriesNumber: record.number('SeriesNumber') });
    }
    const fileId = record.strings('ReferencedFileID').map((part) => part.trim()).filter((part) => part !== '');
    if (fileId.length === 0) continue;
    const own = defined({
      sopInstanceUid: text(record, 'ReferencedSOPInstanceUIDInFile'),
      sopClassUid: text(record, 'ReferencedSOPClassUIDInFile'),
      transferSyntaxUid: text(record, 'ReferencedTransferSyntaxUIDInFile'),
      instanceNumber: record.number('InstanceNumber'),
    });
    references.push({
      path: joinPath(baseDir, fileId.join('/')),
      fileId,
      hint: { dicomdirPath, recordType: type || 'UNKNOWN', ...patient, ...study, ...series, ...own },
    });
  }
  const fileSetId = text(dataset, 'FileSetID');
  return { path: dicomdirPath, ...(fileSetId ? { fileSetId } : {}), references, ...counts };
}

/**
 * The key under which dropped paths and DICOMDIR references meet: media file IDs are upper
 * case (PS3.10 §8.5) but copies to disk are often lower-cased, and Windows may add a ";1" ISO
 * 9660 version suffix or a trailing dot to each name.
 */
export function pathKey(path: string): string {
  return path
    .split('/')
    .map((part) => part.replace(/;\d+$/, '').replace(/\.$/, '').toUpperCase())
    .join('/');
}
