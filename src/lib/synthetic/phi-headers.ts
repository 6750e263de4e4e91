import { TAG, seq, str, ds, is, type DicomDataset } from '../dicom/write';
import type { FakePatient } from './cohort';
import { FAKE_INSTITUTION_ADDRESS, FAKE_INSTITUTION_NAME, dicomAge, fakeStaffName } from './fake-identity';
import type { SiteId } from './label-model';

/**
 * The header modules every synthetic instance shares, each carrying fake PHI wherever a real
 * scanner would put real PHI: patient and study identity, staff names, equipment and place,
 * a private block, and PHI nested inside sequences (two levels deep in the private one).
 * De-identification tests count on all of these being present.
 */

export type SyntheticModality = 'US' | 'CT' | 'MR';

export interface StudyContext {
  patient: FakePatient;
  modality: SyntheticModality;
  studyInstanceUid: string;
  studyDate: string;
  studyTime: string;
  ageYears: number;
  accessionNumber: string;
  studyId: string;
  studyDescription: string;
}

/** The private creator we reserve in group 0033, block 10. */
export const FAKE_PRIVATE_CREATOR = 'ENCLAVE SYNTHETIC 1.0';
export const FAKE_PRIVATE_GROUP = '0033';

export const SITE_MANUFACTURER: Readonly<Record<SiteId, string>> = {
  A: 'Enclave FakeVendor Acme',
  B: 'Enclave FakeVendor Borealis',
  C: 'Enclave FakeVendor Cirrus',
};

export function patientModule(ctx: StudyContext): DicomDataset {
  const p = ctx.patient;
  return {
    [TAG.PatientName]: str('PN', p.dicomName),
    [TAG.PatientID]: str('LO', p.patientId),
    [TAG.IssuerOfPatientID]: str('LO', 'ENCLAVE SYNTHETIC HOSPITAL'),
    [TAG.PatientBirthDate]: str('DA', p.birthDate),
    [TAG.PatientSex]: str('CS', p.sex),
    [TAG.PatientAge]: str('AS', dicomAge(ctx.ageYears)),
    [TAG.PatientSize]: ds(1.55 + (p.index % 7) * 0.05),
    [TAG.PatientWeight]: ds(58 + ((p.index * 7) % 40)),
    [TAG.PatientAddress]: str('LO', `${100 + p.index} Fake Lane, Nowhere Town`),
    [TAG.PatientComments]: str('LT', `SYNTHETIC TEST PATIENT ${p.dicomName} - NOT A REAL PERSON`),
    [TAG.OtherPatientIDsSequence]: seq({
      [TAG.PatientID]: str('LO', p.recordNumber),
      [TAG.IssuerOfPatientID]: str('LO', 'ENCLAVE SYNTHETIC RECORDS'),
      [TAG.TypeOfPatientID]: str('CS', 'TEXT'),
    }),
  };
}

export function studyModule(ctx: StudyContext): DicomDataset {
  return {
    [TAG.StudyInstanceUID]: str('UI', ctx.studyInstanceUid),
    [TAG.StudyDate]: str('DA', ctx.studyDate),
    [TAG.StudyTime]: str('TM', ctx.studyTime),
    [TAG.ReferringPhysicianName]: str('PN', fakeStaffName('REFERRER', 1 + (ctx.patient.index % 5), 'DR')),
    [TAG.StudyID]: str('SH', ctx.studyId),
    [TAG.AccessionNumber]: str('SH', ctx.accessionNumber),
    [TAG.StudyDescription]: str('LO', ctx.studyDescription),
  };
}

/** General Equipment plus the place: all of it identifies a site, so all of it is fake. */
export function equipmentModule(site: SiteId, modality: SyntheticModality, model: string): DicomDataset {
  return {
    [TAG.Manufacturer]: str('LO', SITE_MANUFACTURER[site]),
    [TAG.InstitutionName]: str('LO', FAKE_INSTITUTION_NAME),
    [TAG.InstitutionAddress]: str('ST', FAKE_INSTITUTION_ADDRESS),
    [TAG.InstitutionalDepartmentName]: str('LO', `Fake ${modality} Department, Site ${site}`),
    [TAG.StationName]: str('SH', `FAKE-${modality}-${site}1`),
    [TAG.ManufacturerModelName]: str('LO', model),
    [TAG.DeviceSerialNumber]: str('LO', `FAKE-SN-${modality}${site}-0001`),
    [TAG.SoftwareVersions]: str('LO', 'ENCLAVE-SYNTHETIC-1'),
  };
}

/** Staff names and the order the study fulfils (a PHI-bearing sequence). */
export function requestAndStaff(ctx: StudyContext): DicomDataset {
  const n = 1 + (ctx.patient.index % 3);
  return {
    [TAG.OperatorsName]: str('PN', fakeStaffName(ctx.modality === 'US' ? 'SONOGRAPHER' : 'RADIOGRAPHER', n)),
    [TAG.PerformingPhysicianName]: str('PN', fakeStaffName('PHYSICIAN', n, 'DR')),
    [TAG.RequestAttributesSequence]: seq({
      [TAG.RequestedProcedureID]: str('SH', `FAKE-RP-${ctx.accessionNumber.slice(-5)}`),
      [TAG.ScheduledProcedureStepID]: str('SH', `FAKE-SPS-${ctx.accessionNumber.slice(-5)}`),
      [TAG.AccessionNumber]: str('SH', ctx.accessionNumber),
      [TAG.RequestedProcedureDescription]: str('LO', `${ctx.studyDescription} FOR ${ctx.patient.patientId}`),
      [TAG.ScheduledProcedureStepDescription]: str('LO', `FAKE ORDER FOR ${ctx.patient.dicomName}`),
    }),
  };
}

/**
 * A private block a vendor might write: creator (0033,0010), then (0033,1010) a record number,
 * (0033,1011) a free-text note naming the patient and (0033,1012) a private sequence whose
 * item holds the patient's name and ID again.
 */
export function privateBlock(ctx: StudyContext): DicomDataset {
  const p = ctx.patient;
  const g = FAKE_PRIVATE_GROUP;
  return {
    [`${g}0010`]: str('LO', FAKE_PRIVATE_CREATOR),
    [`${g}1010`]: str('LO', p.recordNumber),
    [`${g}1011`]: str('LO', `FAKE NOTE: ${p.dicomName} SEEN ${ctx.studyDate}`),
    [`${g}1012`]: seq({
      [TAG.PatientName]: str('PN', p.dicomName),
      [TAG.PatientID]: str('LO', p.patientId),
    }),
  };
}

/** SOP Common: class, instance, and when this fake instance was "created". */
export function sopCommon(sopClassUid: string, sopInstanceUid: string, ctx: StudyContext): DicomDataset {
  return {
    [TAG.SpecificCharacterSet]: str('CS', 'ISO_IR 100'),
    [TAG.SOPClassUID]: str('UI', sopClassUid),
    [TAG.SOPInstanceUID]: str('UI', sopInstanceUid),
    [TAG.InstanceCreationDate]: str('DA', ctx.studyDate),
    [TAG.InstanceCreationTime]: str('TM', ctx.studyTime),
  };
}

/** Everything above, for one instance. */
export function commonHeaders(ctx: StudyContext, sopClassUid: string, sopInstanceUid: string, model: string): DicomDataset {
  return {
    ...sopCommon(sopClassUid, sopInstanceUid, ctx),
    ...patientModule(ctx),
    ...studyModule(ctx),
    ...equipmentModule(ctx.patient.site, ctx.modality, model),
    ...requestAndStaff(ctx),
    ...privateBlock(ctx),
  };
}

/**
 * Series, content and acquisition date/time of one image, all at the study's moment (the
 * generator acquires everything at once), plus its place in the series.
 */
export function imageTimingHeaders(date: string, time: string, instanceNumber: number): DicomDataset {
  return {
    [TAG.SeriesDate]: str('DA', date),
    [TAG.SeriesTime]: str('TM', time),
    [TAG.InstanceNumber]: is(instanceNumber),
    [TAG.PatientOrientation]: str('CS'),
    [TAG.ContentDate]: str('DA', date),
    [TAG.ContentTime]: str('TM', time),
    [TAG.AcquisitionDate]: str('DA', date),
    [TAG.AcquisitionTime]: str('TM', time),
  };
}

/** The Frame of Reference module and acquisition number of a cross-sectional series. */
export function crossSectionalHeaders(frameOfReferenceUid: string): DicomDataset {
  return {
    [TAG.FrameOfReferenceUID]: str('UI', frameOfReferenceUid),
    [TAG.PositionReferenceIndicator]: str('LO'),
    [TAG.AcquisitionNumber]: is(1),
  };
}
