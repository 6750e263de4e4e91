import { EnclaveError } from '../../jobs';
import {
  decryptWithPassphrase, encryptWithPassphrase, randomBytes, type EncryptedEnvelope, type EncryptOptions, type StoredEnvelope,
} from './envelope';

/**
 * The per-project secret keys the HMACs that remap UIDs and shift dates. Whoever holds it can
 * recompute the same pseudonymous UIDs, so it is stored like the pseudonym map: only wrapped
 * with the passphrase (the same envelope, so it can live in IndexedDB or a file).
 */
export const PROJECT_SECRET_BYTES = 32;
const SECRET_PURPOSE = 'enclave-project-secret/v1';

export function generateProjectSecret(): Uint8Array {
  return randomBytes(PROJECT_SECRET_BYTES);
}

function checkSecret(secret: Uint8Array): void {
  if (!(secret instanceof Uint8Array) || secret.length < PROJECT_SECRET_BYTES) {
    throw new EnclaveError('InvalidInputError', `A project secret is at least ${PROJECT_SECRET_BYTES} random bytes.`);
  }
}

export async function wrapProjectSecret(secret: Uint8Array, passphrase: string, options: EncryptOptions = {}): Promise<EncryptedEnvelope> {
  checkSecret(secret);
  return encryptWithPassphrase(secret, passphrase, SECRET_PURPOSE, options);
}

/** Throws DecryptionFailedError for a wrong passphrase or changed bytes. */
export async function unwrapProjectSecret(envelope: StoredEnvelope, passphrase: string): Promise<Uint8Array> {
  const secret = await decryptWithPassphrase(envelope, passphrase, SECRET_PURPOSE, 'The project secret');
  checkSecret(secret);
  return secret;
}
