import { EnclaveError } from '../jobs/errors';
import type { PseudonymMapRecord } from './schema';

/**
 * The pseudonym map links pseudonyms back to real patients, so it is the one piece of PHI that may
 * persist, and only encrypted. The type already has no clear-text field; this check also holds at
 * run time, for values that reach the store from untyped code (a worker message, a spread of a
 * larger object): any field outside the encrypted envelope is refused, never silently stored.
 */

const ENVELOPE_FIELDS: readonly string[] = ['projectId', 'ciphertext', 'salt', 'iv', 'kdf', 'updatedAt'];
const KDF_FIELDS: readonly string[] = ['name', 'hash', 'iterations'];
const KDF_HASHES: readonly string[] = ['SHA-256', 'SHA-384', 'SHA-512'];

function refuse(reason: string): never {
  throw new EnclaveError(
    'InvalidInputError',
    `The pseudonym map was not saved: ${reason}. Only the encrypted map (ciphertext, salt, IV ` +
      'and key-derivation parameters) may be stored.',
  );
}

function isBytes(value: unknown): value is ArrayBuffer | Uint8Array {
  // By tag rather than instanceof, so buffers from another realm (a worker) pass too.
  const tag = Object.prototype.toString.call(value);
  return tag === '[object ArrayBuffer]' || tag === '[object Uint8Array]';
}

function assertOnlyFields(value: object, allowed: readonly string[], where: string): void {
  const extra = Object.keys(value).filter((key) => !allowed.includes(key));
  // Name the fields, never their values: those could be the clear text we are keeping out.
  if (extra.length > 0) refuse(`${where} has field(s) ${extra.join(', ')} outside the encrypted envelope`);
}

/** Returns a fresh record holding exactly the envelope fields, or throws InvalidInputError. */
export function toCiphertextOnlyRecord(record: PseudonymMapRecord): PseudonymMapRecord {
  const value: unknown = record;
  if (typeof value !== 'object' || value === null) refuse('the record is not an object');
  assertOnlyFields(value, ENVELOPE_FIELDS, 'the record');
  const { projectId, ciphertext, salt, iv, kdf, updatedAt } = record;
  if (typeof projectId !== 'string' || projectId === '') refuse('the project id is missing');
  for (const [name, bytes] of [['ciphertext', ciphertext], ['salt', salt], ['iv', iv]] as const) {
    if (!isBytes(bytes)) refuse(`${name} must be bytes (ArrayBuffer or Uint8Array)`);
    if (bytes.byteLength === 0) refuse(`${name} is empty`);
  }
  if (typeof kdf !== 'object' || kdf === null) refuse('the key-derivation parameters are missing');
  assertOnlyFields(kdf, KDF_FIELDS, 'kdf');
  if (kdf.name !== 'PBKDF2' || !KDF_HASHES.includes(kdf.hash)) {
    refuse('kdf must name PBKDF2 with SHA-256, SHA-384 or SHA-512');
  }
  if (!Number.isSafeInteger(kdf.iterations) || kdf.iterations < 1) {
    refuse('kdf.iterations must be a positive whole number');
  }
  if (!Number.isFinite(updatedAt)) refuse('updatedAt must be a time in milliseconds');
  return {
    projectId,
    ciphertext,
    salt,
    iv,
    kdf: { name: kdf.name, hash: kdf.hash, iterations: kdf.iterations },
    updatedAt,
  };
}
