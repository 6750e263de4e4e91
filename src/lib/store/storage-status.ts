/**
 * How much room the browser gives Enclave, and whether it may evict our data under pressure.
 * Works on anything shaped like `navigator.storage`, so tests pass a fake; every part of the API
 * may be missing (older Safari, insecure origins, some workers) and then reads as null.
 */

export interface StorageManagerLike {
  estimate?: () => Promise<{ usage?: number; quota?: number }>;
  persisted?: () => Promise<boolean>;
  persist?: () => Promise<boolean>;
}

export interface StorageStatus {
  /** Bytes used by this origin, or null when the browser does not say. */
  usage: number | null;
  /** Bytes this origin may use, or null when unknown. */
  quota: number | null;
  /** True when the browser promised not to evict our data; null when unknown. */
  persisted: boolean | null;
  /** usage / quota in [0, 1] (more if over quota), or null when either is unknown. */
  usageRatio: number | null;
}

export function defaultStorageManager(): StorageManagerLike | undefined {
  const nav = (globalThis as { navigator?: { storage?: StorageManagerLike } }).navigator;
  return nav?.storage;
}

function finiteOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;
}

/** Calls an optional method; a missing method or a rejection both give null. */
async function ask<T>(call: (() => Promise<T>) | undefined): Promise<T | null> {
  if (call === undefined) return null;
  try {
    return await call();
  } catch {
    // e.g. a SecurityError on an opaque origin: "unknown" is the honest answer.
    return null;
  }
}

export async function readStorageStatus(
  storage: StorageManagerLike | undefined = defaultStorageManager(),
): Promise<StorageStatus> {
  const [estimate, persisted] = await Promise.all([
    ask(storage?.estimate?.bind(storage)),
    ask(storage?.persisted?.bind(storage)),
  ]);
  const usage = finiteOrNull(estimate?.usage);
  const quota = finiteOrNull(estimate?.quota);
  return {
    usage,
    quota,
    persisted: typeof persisted === 'boolean' ? persisted : null,
    usageRatio: usage !== null && quota !== null && quota > 0 ? usage / quota : null,
  };
}

/**
 * Asks the browser to keep our data under storage pressure (it may prompt or decide silently).
 * Returns whether storage is now persistent, or null when the API is missing.
 */
export async function requestPersistentStorage(
  storage: StorageManagerLike | undefined = defaultStorageManager(),
): Promise<boolean | null> {
  const granted = await ask(storage?.persist?.bind(storage));
  return typeof granted === 'boolean' ? granted : null;
}
