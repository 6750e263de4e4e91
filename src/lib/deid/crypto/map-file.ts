import { EnclaveError } from '../../jobs';
import { base64ToBytes, bytesToBase64, asBytes } from './base64';
import type { EncryptedEnvelope, KdfHash, StoredEnvelope } from './envelope';

/**
 * The encrypted pseudonym map (or wrapped project secret) as a JSON file a person can export,
 * keep and import into another browser or the CLI: base64 fields and a format/version marker.
 * It is as safe to keep as the record in IndexedDB: only ciphertext and KDF parameters.
 */
export const MAP_FILE_FORMAT = 'enclave-encrypted';
export const MAP_FILE_VERSION = 1;

export type EncryptedFileContent = 'pseudonym-map' | 'project-secret';

export interface EncryptedFile {
  format: typeof MAP_FILE_FORMAT;
  version: typeof MAP_FILE_VERSION;
  content: EncryptedFileContent;
  kdf: { name: 'PBKDF2'; hash: KdfHash; iterations: number };
  cipher: 'AES-GCM-256';
  salt: string;
  iv: string;
  ciphertext: string;
}

export function envelopeToJson(envelope: StoredEnvelope, content: EncryptedFileContent): string {
  const file: EncryptedFile = {
    format: MAP_FILE_FORMAT,
    version: MAP_FILE_VERSION,
    content,
    kdf: { name: 'PBKDF2', hash: envelope.kdf.hash, iterations: envelope.kdf.iterations },
    cipher: 'AES-GCM-256',
    salt: bytesToBase64(asBytes(envelope.salt)),
    iv: bytesToBase64(asBytes(envelope.iv)),
    ciphertext: bytesToBase64(asBytes(envelope.ciphertext)),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

function notOurs(why: string): EnclaveError {
  return new EnclaveError('InvalidInputError', `This is not an encrypted Enclave file: ${why}.`);
}

/** Reads the JSON back into an envelope; checks the marker and the content kind. */
export function envelopeFromJson(text: string, expected: EncryptedFileContent): EncryptedEnvelope {
  let doc: Partial<EncryptedFile>;
  try {
    doc = JSON.parse(text) as Partial<EncryptedFile>;
  } catch {
    throw notOurs('it is not JSON');
  }
  if (doc?.format !== MAP_FILE_FORMAT) throw notOurs('the format marker is missing');
  if (doc.version !== MAP_FILE_VERSION) throw notOurs(`version ${String(doc.version)} is not supported (this app reads ${MAP_FILE_VERSION})`);
  if (doc.content !== expected) throw notOurs(`it holds a ${String(doc.content)}, not a ${expected}`);
  const kdf = doc.kdf;
  if (kdf?.name !== 'PBKDF2' || !['SHA-256', 'SHA-384', 'SHA-512'].includes(kdf.hash)
    || !Number.isSafeInteger(kdf.iterations) || kdf.iterations < 1) {
    throw notOurs('the key-derivation parameters are missing or unknown');
  }
  if (doc.cipher !== 'AES-GCM-256') throw notOurs('the cipher is not AES-GCM-256');
  try {
    return {
      kdf: { name: 'PBKDF2', hash: kdf.hash, iterations: kdf.iterations },
      salt: base64ToBytes(String(doc.salt)),
      iv: base64ToBytes(String(doc.iv)),
      ciphertext: base64ToBytes(String(doc.ciphertext)),
    };
  } catch {
    throw notOurs('a field is not base64');
  }
}
