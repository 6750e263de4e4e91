/**
 * Every expected failure has a stable `name` and a message a person can act on. Comlink keeps
 * only `name`, `message` and `stack` of an error thrown in a worker, so the name is the contract
 * between a worker and the UI; never match on message text.
 */
export const ERROR_NAMES = [
  'CancelledError',
  'DicomParseError',
  'DeidPolicyError',
  'QuotaExceededError',
  'StorageUnavailableError',
  'NotFoundError',
  'GpuDeviceLostError',
  'BackendUnavailableError',
  'SelfCheckFailedError',
  'InvalidInputError',
  'UnsupportedFileError',
  'PixelDecodeError',
  'UnsupportedTransferSyntaxError',
  'DecryptionFailedError',
  'ExportBlockedError',
  'RecipeError',
  'LabelImportError',
  'GpuOutOfMemoryError',
  'ModelFormatError',
] as const;

export type EnclaveErrorName = (typeof ERROR_NAMES)[number];

export class EnclaveError extends Error {
  override readonly name: EnclaveErrorName;

  /** `message` says what happened and what the person can do; it is all that crosses a worker. */
  constructor(name: EnclaveErrorName, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = name;
  }
}

export function isEnclaveErrorName(name: unknown): name is EnclaveErrorName {
  return typeof name === 'string' && (ERROR_NAMES as readonly string[]).includes(name);
}

/** Thrown at a cooperative checkpoint after the job's AbortSignal fired. */
export function cancelledError(what = 'The job'): EnclaveError {
  return new EnclaveError('CancelledError', `${what} was cancelled.`);
}

export function throwIfCancelled(signal: AbortSignal | undefined, what?: string): void {
  if (signal?.aborted) throw cancelledError(what);
}

/**
 * Reduces anything thrown (including errors that crossed a worker boundary and lost their
 * class) to the plain fields the UI shows.
 */
export function describeError(error: unknown): { name: string; message: string } {
  if (error instanceof Error) return { name: error.name, message: error.message };
  if (typeof error === 'object' && error !== null && 'message' in error) {
    const { name, message } = error as { name?: unknown; message?: unknown };
    return { name: typeof name === 'string' ? name : 'Error', message: String(message) };
  }
  return { name: 'Error', message: String(error) };
}
