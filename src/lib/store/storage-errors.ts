import { EnclaveError } from '../jobs/errors';

/**
 * Turns what IndexedDB throws into EnclaveErrors a person can act on. Every read and write of
 * the store goes through `toStorageError` (see transactions.ts), so the UI sees a stable name.
 */

/** Names browsers give a full disk or an exhausted origin quota. */
const QUOTA_ERROR_NAMES = new Set([
  'QuotaExceededError',
  // Firefox, when the error comes from its storage layer rather than the DOM binding.
  'NS_ERROR_DOM_QUOTA_REACHED',
  'NS_ERROR_FILE_NO_DEVICE_SPACE',
]);

function nameOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('name' in error)) return undefined;
  const { name } = error;
  return typeof name === 'string' ? name : undefined;
}

/**
 * True for a quota failure, whether it arrives as the request's error, the transaction's error
 * (an abort at commit time) or wrapped as the `cause` of another error.
 */
export function isQuotaError(error: unknown): boolean {
  for (let current = error, depth = 0; current != null && depth < 4; depth++) {
    const name = nameOf(current);
    if (name !== undefined && QUOTA_ERROR_NAMES.has(name)) return true;
    // Legacy DOMException code 22 (QUOTA_EXCEEDED_ERR), still what some WebKit builds set.
    if (typeof current === 'object' && 'code' in current && current.code === 22) return true;
    current = typeof current === 'object' && 'cause' in current ? current.cause : undefined;
  }
  return false;
}

export function quotaExceededError(what: string, cause?: unknown): EnclaveError {
  return new EnclaveError(
    'QuotaExceededError',
    `${what} failed: the browser's storage for Enclave is full, so this change was not saved. ` +
      'Nothing saved before was lost. Free space by deleting old runs, datasets or projects, ' +
      'or allow persistent storage so the browser grants Enclave more room, then try again.',
    { cause },
  );
}

export function connectionClosedError(what: string, cause?: unknown): EnclaveError {
  return new EnclaveError(
    'StorageUnavailableError',
    `${what} failed: the connection to Enclave's local database was closed, usually because ` +
      'a newer version of Enclave opened in another tab. Reload this page to continue.',
    { cause },
  );
}

/** Maps any failure of a store operation described by `what` ("Saving the run") to an EnclaveError. */
export function toStorageError(what: string, error: unknown): EnclaveError {
  if (error instanceof EnclaveError) return error;
  if (isQuotaError(error)) return quotaExceededError(what, error);
  const name = nameOf(error);
  if (name === 'InvalidStateError') return connectionClosedError(what, error);
  if (name === 'DataCloneError' || name === 'DataError') {
    return new EnclaveError(
      'InvalidInputError',
      `${what} failed: the value cannot be stored in the browser's database (${name}). ` +
        'This is a bug in Enclave; nothing was saved.',
      { cause: error },
    );
  }
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new EnclaveError(
    'StorageUnavailableError',
    `${what} failed: the browser's local database reported an error (${detail}). ` +
      'Nothing was saved by this step. Reload the page and try again; if it persists, check ' +
      'that the browser allows this site to store data (private windows may not).',
    { cause: error },
  );
}
