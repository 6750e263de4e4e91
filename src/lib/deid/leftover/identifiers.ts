import { isPrivateTag, keywordForTag, type DicomReader } from '../../dicom/parse';

/**
 * The original identifiers of one patient/instance, collected from the file BEFORE
 * de-identification, and the matching rule of each (see needles.ts). These are PHI: they stay
 * in memory for the check and never appear in a finding or a report, only their kind does.
 */
export type IdentifierKind =
  | 'patient-name'
  | 'patient-id'
  | 'other-patient-id'
  | 'other-id'
  | 'birth-date'
  | 'accession-number'
  | 'institution-name'
  | 'institution-address'
  | 'physician-name'
  | 'station-name'
  | 'device-serial'
  | 'patient-address'
  | 'instance-uid';

export interface OriginalIdentifiers {
  /** PN values (FAMILY^GIVEN^MIDDLE^PREFIX^SUFFIX; = for other representations). */
  patientNames: string[];
  patientIds: string[];
  otherPatientIds: string[];
  /** Study, admission and procedure step IDs: they link back to the hospital's records. */
  otherIds: string[];
  /** DA values (YYYYMMDD); other formats are derived. */
  birthDates: string[];
  accessionNumbers: string[];
  institutionNames: string[];
  institutionAddresses: string[];
  /** Referring, performing, reading, operators' … names (PN). */
  physicianNames: string[];
  stationNames: string[];
  deviceSerialNumbers: string[];
  patientAddresses: string[];
  /** Original Study/Series/SOP Instance UIDs: found in the output means UIDs were not remapped. */
  instanceUids: string[];
}

export function emptyIdentifiers(): OriginalIdentifiers {
  return {
    patientNames: [], patientIds: [], otherPatientIds: [], otherIds: [], birthDates: [], accessionNumbers: [],
    institutionNames: [], institutionAddresses: [], physicianNames: [], stationNames: [],
    deviceSerialNumbers: [], patientAddresses: [], instanceUids: [],
  };
}

const FIELDS_BY_KEYWORD: ReadonlyArray<[keyof OriginalIdentifiers, readonly string[]]> = [
  ['patientNames', ['PatientName', 'PatientBirthName', 'PatientMotherBirthName', 'OtherPatientNames']],
  ['patientIds', ['PatientID']],
  ['otherPatientIds', ['OtherPatientIDs', 'MedicalRecordLocator']],
  ['otherIds', ['StudyID', 'AdmissionID']],
  ['birthDates', ['PatientBirthDate']],
  ['accessionNumbers', ['AccessionNumber']],
  ['institutionNames', ['InstitutionName']],
  ['institutionAddresses', ['InstitutionAddress']],
  ['physicianNames', [
    'ReferringPhysicianName', 'PerformingPhysicianName', 'NameOfPhysiciansReadingStudy', 'PhysiciansOfRecord',
    'RequestingPhysician', 'OperatorsName', 'ScheduledPerformingPhysicianName',
  ]],
  ['stationNames', ['StationName']],
  ['deviceSerialNumbers', ['DeviceSerialNumber']],
  ['patientAddresses', ['PatientAddress']],
  ['instanceUids', ['StudyInstanceUID', 'SeriesInstanceUID', 'SOPInstanceUID']],
];

/** Keywords whose values are patient IDs wherever they sit (OtherPatientIDsSequence items, too). */
const NESTED_ID_KEYWORDS = new Set(['PatientID', 'OtherPatientIDs']);
/** Order and procedure IDs, usually inside Request Attributes or Performed Procedure sequences. */
const NESTED_OTHER_ID_KEYWORDS = new Set(['RequestedProcedureID', 'ScheduledProcedureStepID', 'PerformedProcedureStepID', 'AccessionNumber']);

/**
 * Collects the identifiers of an original (not yet de-identified) data set: its top-level values
 * and, for patient IDs and names, the same attributes at any depth (OtherPatientIDsSequence,
 * private sequences), because those are the values a leak would repeat.
 */
export function collectOriginalIdentifiers(reader: DicomReader): OriginalIdentifiers {
  const ids = emptyIdentifiers();
  for (const [field, keywords] of FIELDS_BY_KEYWORD) {
    for (const keyword of keywords) ids[field].push(...reader.strings(keyword));
  }
  for (const { node, depth, reader: at } of reader.iterate()) {
    const keywordTop = depth === 0 && !isPrivateTag(node.tag) ? keywordForTag(node.tag) : undefined;
    if (keywordTop && NESTED_OTHER_ID_KEYWORDS.has(keywordTop) && keywordTop !== 'AccessionNumber') ids.otherIds.push(...at.stringsOf(node));
    if (depth === 0) continue;
    const keyword = isPrivateTag(node.tag) ? undefined : keywordForTag(node.tag);
    if (keyword && NESTED_ID_KEYWORDS.has(keyword)) ids.otherPatientIds.push(...at.stringsOf(node));
    if (keyword && NESTED_OTHER_ID_KEYWORDS.has(keyword)) {
      (keyword === 'AccessionNumber' ? ids.accessionNumbers : ids.otherIds).push(...at.stringsOf(node));
    }
    if (keyword === 'PatientName') ids.patientNames.push(...at.stringsOf(node));
  }
  for (const key of Object.keys(ids) as (keyof OriginalIdentifiers)[]) {
    ids[key] = [...new Set(ids[key].map((v) => v.trim()).filter((v) => v !== ''))];
  }
  return ids;
}

/** Merges the identifiers of several originals (e.g. every file of one patient). */
export function mergeIdentifiers(...all: readonly OriginalIdentifiers[]): OriginalIdentifiers {
  const out = emptyIdentifiers();
  for (const ids of all) {
    for (const key of Object.keys(out) as (keyof OriginalIdentifiers)[]) out[key].push(...ids[key]);
  }
  for (const key of Object.keys(out) as (keyof OriginalIdentifiers)[]) out[key] = [...new Set(out[key])];
  return out;
}
