import { wrap } from 'idb';
import { EnclaveError } from '../jobs/errors';
import { resolveIndexedDB } from './open';
import { DATABASE_NAME } from './schema';
import { toStorageError } from './storage-errors';

/**
 * "Delete all local data": removes the whole database, not just its records, so nothing of the
 * person's projects remains in this browser's IndexedDB. Cache Storage and the service worker
 * belong to the app shell and are cleared there.
 */

export interface DeleteAllLocalDataOptions {
  indexedDB?: IDBFactory;
  name?: string;
  /** Our own open connections; closed first, since an open connection blocks the deletion. */
  connections?: Iterable<{ close(): void }>;
}

export interface DeleteAllLocalDataReport {
  databaseName: string;
  existed: boolean;
  /** Records per store at the moment of deletion (empty when the database did not exist). */
  recordCounts: Record<string, number>;
  totalRecords: number;
}

const DELETING = "Deleting Enclave's local data";

export async function deleteAllLocalData(
  options: DeleteAllLocalDataOptions = {},
): Promise<DeleteAllLocalDataReport> {
  const factory = resolveIndexedDB(options.indexedDB);
  const databaseName = options.name ?? DATABASE_NAME;
  for (const connection of options.connections ?? []) connection.close();

  const recordCounts = await countRecords(factory, databaseName);
  await deleteDatabase(factory, databaseName);
  const counts = recordCounts ?? {};
  return {
    databaseName,
    existed: recordCounts !== null,
    recordCounts: counts,
    totalRecords: Object.values(counts).reduce((sum, n) => sum + n, 0),
  };
}

/** Counts per store, or null when there is no such database (without creating one to look). */
async function countRecords(factory: IDBFactory, name: string): Promise<Record<string, number> | null> {
  if (typeof factory.databases === 'function') {
    const databases = await factory.databases();
    if (!databases.some((info) => info.name === name)) return null;
  }
  const request = factory.open(name); // No version: opens whatever version is there.
  let isNew = false;
  request.addEventListener('upgradeneeded', () => {
    // Only a database that did not exist needs an upgrade here; abort so none is created.
    isNew = true;
    request.transaction?.abort();
  });
  let db;
  try {
    db = await wrap(request);
  } catch (error) {
    if (isNew) return null;
    throw toStorageError(DELETING, error);
  }
  if (db === undefined) return null;
  try {
    const storeNames = [...db.objectStoreNames];
    if (storeNames.length === 0) return {};
    const tx = db.transaction(storeNames, 'readonly');
    const counts = await Promise.all(storeNames.map((store) => tx.objectStore(store).count()));
    await tx.done;
    return Object.fromEntries(storeNames.map((store, i) => [store, counts[i] ?? 0]));
  } catch (error) {
    throw toStorageError(DELETING, error);
  } finally {
    db.close();
  }
}

/** Resolves once the database is really gone; rejects at once if another tab blocks it. */
function deleteDatabase(factory: IDBFactory, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let request: IDBOpenDBRequest;
    try {
      request = factory.deleteDatabase(name);
    } catch (error) {
      reject(toStorageError(DELETING, error));
      return;
    }
    request.addEventListener('success', () => resolve());
    request.addEventListener('error', () => reject(toStorageError(DELETING, request.error)));
    request.addEventListener('blocked', () =>
      reject(
        new EnclaveError(
          'StorageUnavailableError',
          "Enclave's local data could not be deleted yet because another tab or window still " +
            'has Enclave open. Close every other Enclave tab: the deletion completes as soon as ' +
            'they are closed. Until then, your data are still on this machine.',
        ),
      ),
    );
  });
}
