/**
 * The header de-identification engine: PS3.15 Table E.1-1 actions under a DeidPolicy, UID
 * remapping, per-patient date shifts and pseudonyms (all keyed HMAC-SHA-256), private tags,
 * and the markers that record what was done.
 *
 *   const { dataset, audit, pseudonym, cleanPixelData } = await deidentifyHeader(editable, { policy, secret, uidCache });
 */
export { deidentifyHeader, pseudonymousUid, type HeaderDeidContext, type HeaderDeidResult } from './deidentify-header';
export type { AuditEntry } from './audit';
export type { PseudonymEntry, PatientIdentity } from './patient-identity';
export { pseudonymFor, patientKey, seedKnownPseudonyms } from './patient-identity';
export { resolveAction, concreteAction, type ResolvedAction } from './resolve-action';
export { attributeType, type AttributeType } from './iod-types';
export { UidRemapper, isStandardUid } from './uid-remap';
export { hmacKey, type DeidSecret } from './hmac';
export { shiftDa, shiftDt, capAge, isValidTm, patientShiftDays, hipaaBirthDateCap } from './dates';
export { dummyBytes, dummyText } from './dummy-values';
export { DEID_METHOD_CODES, methodCodes } from './markers';
export { annexRowFor } from './annex-rows';
