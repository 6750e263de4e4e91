import { EnclaveError } from '../../jobs';
import { asBytes } from './base64';

/**
 * Passphrase encryption shared by the pseudonym map and the project secret: PBKDF2 (SHA-256)
 * stretches the passphrase into an AES-GCM 256 key; a fresh random salt and IV per encryption.
 * GCM's tag authenticates the ciphertext, so a wrong passphrase and a changed byte both fail
 * the same way (DecryptionFailedError), and the error says nothing about which.
 * `purpose` is bound in as additional authenticated data, so a wrapped secret can never be
 * decrypted as a map, nor the reverse.
 */

/** OWASP Password Storage Cheat Sheet (2023): PBKDF2-HMAC-SHA256 with at least 600,000 iterations. */
export const DEFAULT_PBKDF2_ITERATIONS = 600_000;
export const SALT_BYTES = 16;
export const IV_BYTES = 12;

export type KdfHash = 'SHA-256' | 'SHA-384' | 'SHA-512';

export interface KdfParams {
  name: 'PBKDF2';
  hash: KdfHash;
  iterations: number;
}

/** The fields of the store's PseudonymMapRecord minus projectId/updatedAt: nothing in clear. */
export interface EncryptedEnvelope {
  ciphertext: Uint8Array;
  salt: Uint8Array;
  iv: Uint8Array;
  kdf: KdfParams;
}

/** What decrypting accepts: the store may give ArrayBuffers back. */
export interface StoredEnvelope {
  ciphertext: ArrayBuffer | Uint8Array;
  salt: ArrayBuffer | Uint8Array;
  iv: ArrayBuffer | Uint8Array;
  kdf: KdfParams;
}

export interface EncryptOptions {
  /** PBKDF2 iterations; default 600,000. Tests pass fewer to stay fast. */
  iterations?: number;
}

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (!s) {
    throw new EnclaveError('InvalidInputError', 'WebCrypto is not available here (it needs a secure context: https or localhost).');
  }
  return s;
}

/** A copy in a fresh ArrayBuffer: WebCrypto's BufferSource types refuse SharedArrayBuffer-backed views. */
function buffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer;
}

export function randomBytes(length: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(length));
}

async function deriveKey(passphrase: string, salt: Uint8Array, kdf: KdfParams): Promise<CryptoKey> {
  const material = await subtle().importKey('raw', buffer(new TextEncoder().encode(passphrase)), 'PBKDF2', false, ['deriveKey']);
  return subtle().deriveKey(
    { name: 'PBKDF2', hash: kdf.hash, salt: buffer(salt), iterations: kdf.iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

function checkPassphrase(passphrase: string): void {
  if (typeof passphrase !== 'string' || passphrase.length === 0) {
    throw new EnclaveError('InvalidInputError', 'A passphrase is needed to encrypt or decrypt the pseudonym map.');
  }
}

export async function encryptWithPassphrase(
  plaintext: Uint8Array, passphrase: string, purpose: string, options: EncryptOptions = {},
): Promise<EncryptedEnvelope> {
  checkPassphrase(passphrase);
  const iterations = options.iterations ?? DEFAULT_PBKDF2_ITERATIONS;
  if (!Number.isSafeInteger(iterations) || iterations < 1) {
    throw new EnclaveError('InvalidInputError', 'PBKDF2 iterations must be a positive whole number.');
  }
  const kdf: KdfParams = { name: 'PBKDF2', hash: 'SHA-256', iterations };
  const salt = randomBytes(SALT_BYTES);
  const iv = randomBytes(IV_BYTES);
  const key = await deriveKey(passphrase, salt, kdf);
  const sealed = await subtle().encrypt(
    { name: 'AES-GCM', iv: buffer(iv), additionalData: buffer(new TextEncoder().encode(purpose)) },
    key,
    buffer(plaintext),
  );
  return { ciphertext: new Uint8Array(sealed), salt, iv, kdf };
}

/** The one error for a wrong passphrase, a changed byte or a wrong kind of envelope. */
export function decryptionFailed(what: string): EnclaveError {
  return new EnclaveError(
    'DecryptionFailedError',
    `${what} could not be decrypted: the passphrase is wrong, or the encrypted data were changed or damaged.`,
  );
}

export async function decryptWithPassphrase(
  envelope: StoredEnvelope, passphrase: string, purpose: string, what: string,
): Promise<Uint8Array> {
  checkPassphrase(passphrase);
  const { kdf } = envelope;
  if (kdf?.name !== 'PBKDF2' || !['SHA-256', 'SHA-384', 'SHA-512'].includes(kdf.hash)
    || !Number.isSafeInteger(kdf.iterations) || kdf.iterations < 1) {
    throw new EnclaveError('InvalidInputError', `${what} names key-derivation parameters this app does not use.`);
  }
  const key = await deriveKey(passphrase, asBytes(envelope.salt), kdf);
  try {
    const opened = await subtle().decrypt(
      { name: 'AES-GCM', iv: buffer(asBytes(envelope.iv)), additionalData: buffer(new TextEncoder().encode(purpose)) },
      key,
      buffer(asBytes(envelope.ciphertext)),
    );
    return new Uint8Array(opened);
  } catch {
    // WebCrypto's OperationError carries nothing useful; never pass on a cause that could hint at the key.
    throw decryptionFailed(what);
  }
}
