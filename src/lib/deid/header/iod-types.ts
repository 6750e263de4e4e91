import { keywordForTag } from '../../dicom/parse';

/**
 * How X/Z/D and its kin are decided (PS3.15 E.3: "the choice depends on the IOD"):
 *
 *   keep the element zero-length when it is Type 2 in the instance's IOD, put a dummy value
 *   when it is Type 1, and remove it otherwise (Type 3, or not in the IOD).
 *
 * Only top-level attributes of the IOD are typed here (nested attributes count as Type 3, which
 * removes them; a sequence's required content is handled by the sequence's own action). The
 * table lists the Type 1 and Type 2 attributes of Table E.1-1 in the common composite IODs.
 */
export type AttributeType = '1' | '2' | '3';

/** Type 2 in the Patient, General Study and General Image/Series modules of every image IOD. */
const TYPE_2_COMMON = new Set([
  'PatientName', 'PatientID', 'PatientBirthDate', 'PatientSex', 'StudyDate', 'StudyTime',
  'ReferringPhysicianName', 'StudyID', 'AccessionNumber', 'ContentDate', 'ContentTime',
]);

const SR_PREFIX = '1.2.840.10008.5.1.4.1.1.88.';
const RT_PLAN = '1.2.840.10008.5.1.4.1.1.481.5';
const RT_PREFIX = '1.2.840.10008.5.1.4.1.1.481.';
/**
 * IODs with the Multi-frame Functional Groups and Enhanced General Equipment modules: enhanced
 * CT, MR (and colour, spectroscopy), US volume, XA/XRF, PET, the legacy-converted ones,
 * segmentation, parametric maps, whole-slide images.
 */
const ENHANCED_IMAGE = new Set([
  '1.2.840.10008.5.1.4.1.1.2.1', '1.2.840.10008.5.1.4.1.1.4.1', '1.2.840.10008.5.1.4.1.1.4.2', '1.2.840.10008.5.1.4.1.1.4.3',
  '1.2.840.10008.5.1.4.1.1.6.2', '1.2.840.10008.5.1.4.1.1.12.1.1', '1.2.840.10008.5.1.4.1.1.12.2.1',
  '1.2.840.10008.5.1.4.1.1.130', '1.2.840.10008.5.1.4.1.1.2.2', '1.2.840.10008.5.1.4.1.1.4.4',
  '1.2.840.10008.5.1.4.1.1.128.1', '1.2.840.10008.5.1.4.1.1.66.4', '1.2.840.10008.5.1.4.1.1.30',
  '1.2.840.10008.5.1.4.1.1.77.1.6',
]);

/** Type 2 wherever they appear inside their sequence (e.g. Treatment Machine Name in a beam). */
const NESTED_TYPE_2 = new Set(['TreatmentMachineName']);

/** Per IOD family, what differs from TYPE_2_COMMON. */
function specialType(keyword: string, sopClassUid: string): AttributeType | undefined {
  if (sopClassUid.startsWith(SR_PREFIX)) {
    // SR Document General module: Content Date/Time and the verifying observer are Type 1.
    if (keyword === 'ContentDate' || keyword === 'ContentTime') return '1';
    // SR Document Series and General modules.
    if (keyword === 'ReferencedPerformedProcedureStepSequence' || keyword === 'PerformedProcedureCodeSequence') return '2';
  }
  if (sopClassUid.startsWith(RT_PREFIX) && keyword === 'OperatorsName') return '2'; // RT Series module
  if (sopClassUid === RT_PLAN) {
    if (keyword === 'RTPlanLabel') return '1';
    if (keyword === 'RTPlanDate' || keyword === 'RTPlanTime') return '2';
  }
  if (ENHANCED_IMAGE.has(sopClassUid)) {
    // Acquisition DateTime (1C, original images), Content Date/Time, and the Enhanced General
    // Equipment module's Device Serial Number are Type 1.
    if (['AcquisitionDateTime', 'ContentDate', 'ContentTime', 'DeviceSerialNumber'].includes(keyword)) return '1';
  }
  return undefined;
}

export function attributeType(tag: number, sopClassUid: string, depth: number): AttributeType {
  const keyword = keywordForTag(tag) ?? '';
  if (depth > 0) return NESTED_TYPE_2.has(keyword) ? '2' : '3';
  return specialType(keyword, sopClassUid) ?? (TYPE_2_COMMON.has(keyword) ? '2' : '3');
}
