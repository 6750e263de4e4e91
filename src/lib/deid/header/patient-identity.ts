import { base32, hmac } from './hmac';

/** The original identity of one instance's patient, read before anything changes. */
export interface PatientIdentity {
  patientId: string;
  issuerOfPatientId: string;
  patientName: string;
  studyInstanceUid: string;
}

/** One original → pseudonym entry, for the encrypted map (this module stores nothing). */
export interface PseudonymEntry {
  pseudonym: string;
  patientId: string;
  issuerOfPatientId: string;
  patientName: string;
  nameParts: { family: string; given: string; middle: string; prefix: string; suffix: string };
}

/**
 * What identifies "the same patient": issuer + ID; without an ID, the name; without either, the
 * study (so two unknown patients are never merged into one pseudonym).
 */
export function patientKey(identity: PatientIdentity): string {
  const id = identity.patientId.trim();
  if (id !== '') return `id|${identity.issuerOfPatientId.trim()}|${id}`;
  const name = identity.patientName.trim();
  if (name !== '') return `name|${name}`;
  return `study|${identity.studyInstanceUid.trim()}`;
}

/** Where a session's cache keeps each patient's pseudonym (see HeaderDeidContext.uidCache). */
export const PSEUDONYM_CACHE_PREFIX = 'pseudonym\u0000';

/**
 * Puts pseudonyms from an imported map into a session's cache, so the same original patients get
 * the same pseudonyms as in the session that made the map (whatever its secret was). Returns how
 * many entries could be keyed (an entry with neither ID nor name cannot be matched again).
 */
export function seedKnownPseudonyms(
  cache: Map<string, Promise<string>>,
  entries: readonly { patientId: string; issuerOfPatientId: string; patientName: string; pseudonym: string }[],
): number {
  let seeded = 0;
  for (const entry of entries) {
    const key = patientKey({ ...entry, studyInstanceUid: '' });
    if (key.startsWith('study|')) continue;
    cache.set(`${PSEUDONYM_CACHE_PREFIX}${key}`, Promise.resolve(entry.pseudonym));
    seeded++;
  }
  return seeded;
}

/** "ENC-" + 12 base32 characters (60 bits) of HMAC(secret, patient key): the same patient, the same pseudonym. */
export async function pseudonymOf(key: CryptoKey, patientKeyText: string): Promise<string> {
  return `ENC-${base32(await hmac(key, 'pseudonym', patientKeyText), 12)}`;
}

export async function pseudonymFor(key: CryptoKey, identity: PatientIdentity): Promise<PseudonymEntry> {
  return pseudonymEntry(identity, await pseudonymOf(key, patientKey(identity)));
}

/** The map entry for an identity and its pseudonym. */
export function pseudonymEntry(identity: PatientIdentity, pseudonym: string): PseudonymEntry {
  const [family = '', given = '', middle = '', prefix = '', suffix = ''] = (identity.patientName.split('=')[0] ?? '').split('^');
  return {
    pseudonym,
    patientId: identity.patientId,
    issuerOfPatientId: identity.issuerOfPatientId,
    patientName: identity.patientName,
    nameParts: { family: family.trim(), given: given.trim(), middle: middle.trim(), prefix: prefix.trim(), suffix: suffix.trim() },
  };
}
