import type { DeidPolicy } from '../policy/types';
import { insertElement, textBytes, type EditableElement, type EditableItem } from './edit-access';

/** CID 7050 codes (scheme DCM) of the profile and its options. */
export const DEID_METHOD_CODES = {
  basic: ['113100', 'Basic Application Confidentiality Profile'],
  cleanPixelData: ['113101', 'Clean Pixel Data Option'],
  cleanRecognizableVisualFeatures: ['113102', 'Clean Recognizable Visual Features Option'],
  cleanGraphics: ['113103', 'Clean Graphics Option'],
  cleanStructuredContent: ['113104', 'Clean Structured Content Option'],
  cleanDescriptors: ['113105', 'Clean Descriptors Option'],
  retainLongitudinalFull: ['113106', 'Retain Longitudinal Temporal Information Full Dates Option'],
  retainLongitudinalModified: ['113107', 'Retain Longitudinal Temporal Information Modified Dates Option'],
  retainPatientCharacteristics: ['113108', 'Retain Patient Characteristics Option'],
  retainDeviceIdentity: ['113109', 'Retain Device Identity Option'],
  retainUids: ['113110', 'Retain UIDs Option'],
  retainSafePrivate: ['113111', 'Retain Safe Private Option'],
  retainInstitutionIdentity: ['113112', 'Retain Institution Identity Option'],
} as const satisfies Record<string, readonly [string, string]>;

type CodeName = keyof typeof DEID_METHOD_CODES;

/** The options this instance's output can claim: Clean Pixel Data only when its pixels were cleaned or checked. */
export function methodCodes(policy: DeidPolicy, pixelsCleanedOrChecked: boolean): CodeName[] {
  const o = policy.options;
  const codes: CodeName[] = ['basic'];
  if (pixelsCleanedOrChecked) codes.push('cleanPixelData');
  if (o.cleanRecognizableVisualFeatures) codes.push('cleanRecognizableVisualFeatures');
  if (o.cleanGraphics) codes.push('cleanGraphics');
  if (o.cleanStructuredContent) codes.push('cleanStructuredContent');
  if (o.cleanDescriptors) codes.push('cleanDescriptors');
  if (o.retainLongitudinal === 'full') codes.push('retainLongitudinalFull');
  if (o.retainLongitudinal === 'modified') codes.push('retainLongitudinalModified');
  if (o.retainPatientCharacteristics) codes.push('retainPatientCharacteristics');
  if (o.retainDeviceIdentity) codes.push('retainDeviceIdentity');
  if (o.retainUids) codes.push('retainUids');
  if (o.retainSafePrivate) codes.push('retainSafePrivate');
  if (o.retainInstitutionIdentity) codes.push('retainInstitutionIdentity');
  return codes;
}

function text(tag: number, vr: string, value: string | string[]): EditableElement {
  return { tag, vr, value: textBytes(value, vr) };
}

/**
 * Writes what was done (PS3.15 E.1.1 and X.3): PatientIdentityRemoved YES, DeidentificationMethod
 * in words (LO values of at most 64 characters), DeidentificationMethodCodeSequence,
 * LongitudinalTemporalInformationModified, and BurnedInAnnotation NO only when the caller says
 * the pixels were cleaned or checked (otherwise it stays as it was).
 */
export function writeMarkers(elements: EditableElement[], policy: DeidPolicy, pixelsCleanedOrChecked: boolean): void {
  const codes = methodCodes(policy, pixelsCleanedOrChecked);
  const items: EditableItem[] = codes.map((name) => {
    const [value, meaning] = DEID_METHOD_CODES[name];
    return { elements: [text(0x00080100, 'SH', value), text(0x00080102, 'SH', 'DCM'), text(0x00080104, 'LO', meaning)] };
  });
  const method = ['Enclave header de-identification', ...codes.map((name) => DEID_METHOD_CODES[name][1])];
  if (policy.mode === 'safe-list') method.push('Safe-list mode');
  if (Object.keys(policy.overrides).length > 0) method.push('With per-attribute overrides');
  insertElement(elements, text(0x00120062, 'CS', 'YES'));
  insertElement(elements, text(0x00120063, 'LO', method.map((m) => m.slice(0, 64))));
  insertElement(elements, { tag: 0x00120064, vr: 'SQ', items });
  const longitudinal = policy.options.retainLongitudinal;
  insertElement(elements, text(0x00280303, 'CS', longitudinal === 'full' ? 'UNMODIFIED' : longitudinal === 'modified' ? 'MODIFIED' : 'REMOVED'));
  if (pixelsCleanedOrChecked) insertElement(elements, text(0x00280301, 'CS', 'NO'));
}

/** Audit entries for the markers written. */
export function markersAction(pixelsCleanedOrChecked: boolean): { path: string; tag: string; keyword: string; action: 'D'; reason: string }[] {
  const written: [string, string][] = [
    ['00120062', 'PatientIdentityRemoved'], ['00120063', 'DeidentificationMethod'],
    ['00120064', 'DeidentificationMethodCodeSequence'], ['00280303', 'LongitudinalTemporalInformationModified'],
  ];
  if (pixelsCleanedOrChecked) written.push(['00280301', 'BurnedInAnnotation']);
  return written.map(([tag, keyword]) => ({
    path: `(${tag.slice(0, 4)},${tag.slice(4)})`, tag, keyword, action: 'D', reason: 'de-identification marker written',
  }));
}
