import { EnclaveError } from '../../jobs';
import type { PseudonymMapRecord } from '../../store/schema';
import {
  decryptWithPassphrase, encryptWithPassphrase, type EncryptedEnvelope, type EncryptOptions, type StoredEnvelope,
} from './envelope';
import { normaliseEntry, type PseudonymEntry } from './pseudonym-entries';

/**
 * The pseudonym map, encrypted as a whole: JSON of the entries → AES-GCM. The envelope has the
 * fields of the store's PseudonymMapRecord, so `toPseudonymMapRecord` only adds the project id
 * and the time; nothing of the map is in clear anywhere in it.
 */
const MAP_PURPOSE = 'enclave-pseudonym-map/v1';
const PLAINTEXT_FORMAT = 'enclave-pseudonym-map-entries';
const WHAT = 'The pseudonym map';

export async function encryptPseudonymMap(
  entries: readonly PseudonymEntry[], passphrase: string, options: EncryptOptions = {},
): Promise<EncryptedEnvelope> {
  const plaintext = JSON.stringify({ format: PLAINTEXT_FORMAT, version: 1, entries: entries.map(normaliseEntry) });
  return encryptWithPassphrase(new TextEncoder().encode(plaintext), passphrase, MAP_PURPOSE, options);
}

/** Throws DecryptionFailedError for a wrong passphrase or changed bytes. */
export async function decryptPseudonymMap(record: StoredEnvelope, passphrase: string): Promise<PseudonymEntry[]> {
  const bytes = await decryptWithPassphrase(record, passphrase, MAP_PURPOSE, WHAT);
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new EnclaveError('InvalidInputError', 'The pseudonym map was decrypted but is not a map this app wrote.');
  }
  const doc = parsed as { format?: unknown; version?: unknown; entries?: unknown };
  if (doc?.format !== PLAINTEXT_FORMAT || doc.version !== 1 || !Array.isArray(doc.entries)) {
    throw new EnclaveError('InvalidInputError', 'The pseudonym map was decrypted but is not a map this app wrote.');
  }
  return doc.entries.map(normaliseEntry);
}

/** The record for the store's `pseudonymMaps` (one per project): exactly its envelope fields. */
export function toPseudonymMapRecord(envelope: EncryptedEnvelope, projectId: string, updatedAt = Date.now()): PseudonymMapRecord {
  const { ciphertext, salt, iv, kdf } = envelope;
  return { projectId, ciphertext, salt, iv, kdf: { name: kdf.name, hash: kdf.hash, iterations: kdf.iterations }, updatedAt };
}
