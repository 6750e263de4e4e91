import type { AttributeReader } from '../attributes';
import type { PatientKeySource } from './types';

/**
 * How instances are grouped. A PatientID is only unique within its issuer, so both make the
 * key; without an ID the name is the best remaining hint; without either, one "unknown
 * patient" bucket keeps such files together rather than spreading them over fake patients.
 */

export interface PatientIdentity {
  keyPart: string;
  source: PatientKeySource;
  patientId?: string;
  issuerOfPatientId?: string;
  patientName?: string;
}

export const UNKNOWN_PATIENT_KEY = 'unknown-patient';

export function patientIdentity(reader: AttributeReader): PatientIdentity {
  const patientId = text(reader, 'PatientID');
  const issuerOfPatientId = text(reader, 'IssuerOfPatientID');
  const patientName = personName(reader, 'PatientName');
  const base = { patientId, issuerOfPatientId, patientName };
  if (patientId !== undefined) {
    return issuerOfPatientId !== undefined
      ? { ...base, keyPart: `id:${issuerOfPatientId}|${patientId}`, source: 'PatientID+IssuerOfPatientID' }
      : { ...base, keyPart: `id:|${patientId}`, source: 'PatientID' };
  }
  if (patientName !== undefined) return { ...base, keyPart: `name:${patientName}`, source: 'PatientName' };
  return { ...base, keyPart: UNKNOWN_PATIENT_KEY, source: 'unknown' };
}

export interface StudyIdentity {
  keyPart: string;
  studyInstanceUid?: string;
  uidMissing: boolean;
}

/** Without a StudyInstanceUID, the date, StudyID and accession number are what tells studies apart. */
export function studyIdentity(reader: AttributeReader): StudyIdentity {
  const uid = text(reader, 'StudyInstanceUID');
  if (uid !== undefined) return { keyPart: uid, studyInstanceUid: uid, uidMissing: false };
  const parts = ['StudyDate', 'StudyID', 'AccessionNumber'].map((k) => text(reader, k) ?? '');
  return { keyPart: `no-study-uid:${parts.join('|')}`, uidMissing: true };
}

export interface SeriesIdentity {
  keyPart: string;
  seriesInstanceUid?: string;
  uidMissing: boolean;
}

export function seriesIdentity(reader: AttributeReader): SeriesIdentity {
  const uid = text(reader, 'SeriesInstanceUID');
  if (uid !== undefined) return { keyPart: uid, seriesInstanceUid: uid, uidMissing: false };
  const parts = ['SeriesNumber', 'Modality'].map((k) => text(reader, k) ?? '');
  return { keyPart: `no-series-uid:${parts.join('|')}`, uidMissing: true };
}

/** A trimmed, non-empty text value (empty Type 2 attributes count as absent). */
export function text(reader: AttributeReader, keyword: string): string | undefined {
  const v = reader.string(keyword)?.trim();
  return v === undefined || v === '' ? undefined : v;
}


/** A PN value, absent when it has only separators ("^^^^" is what some writers put for "no name"). */
export function personName(reader: AttributeReader, keyword: string): string | undefined {
  const v = text(reader, keyword);
  return v !== undefined && /[^\^=\s]/.test(v) ? v : undefined;
}
