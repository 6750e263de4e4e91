import { wrap } from 'idb';
import type { IDBPDatabase, IDBPTransaction } from 'idb';
import { EnclaveError, describeError } from '../jobs/errors';
import { MIGRATIONS, MigrationFailure, latestVersion, runMigrations } from './migrations';
import type { Migration } from './migrations';
import { DATABASE_NAME } from './schema';
import type { EnclaveDB } from './schema';
import { isQuotaError, quotaExceededError, toStorageError } from './storage-errors';

/**
 * Opens (creating or upgrading) the "enclave" database. The same code serves the app, the
 * workers and tests: the IDBFactory and the migration list can be injected.
 */

export interface OpenEnclaveDatabaseOptions {
  /** Defaults to the global `indexedDB` (window or worker). Tests pass fake-indexeddb's. */
  indexedDB?: IDBFactory;
  name?: string;
  /** Defaults to MIGRATIONS; the last entry's version is the version opened. */
  migrations?: readonly Migration[];
  /**
   * Our connection closed: 'versionchange' when we closed it so that another tab could upgrade
   * the database (the page should ask the person to reload), 'terminated' when the browser closed
   * it (storage cleared, disk error).
   */
  onClose?: (reason: 'versionchange' | 'terminated') => void;
}

const OPENING = "Opening Enclave's local database";

export function resolveIndexedDB(factory?: IDBFactory): IDBFactory {
  const found = factory ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  if (found === undefined) {
    throw new EnclaveError(
      'StorageUnavailableError',
      'This browser does not let Enclave use its local database (IndexedDB); some private ' +
        'windows turn it off. Open Enclave in a normal window to keep projects on this machine.',
    );
  }
  return found;
}

export async function openEnclaveDatabase(
  options: OpenEnclaveDatabaseOptions = {},
): Promise<EnclaveDB> {
  const migrations = options.migrations ?? MIGRATIONS;
  const version = latestVersion(migrations);
  const factory = resolveIndexedDB(options.indexedDB);
  let request: IDBOpenDBRequest;
  try {
    request = factory.open(options.name ?? DATABASE_NAME, version);
  } catch (error) {
    // SecurityError in sandboxed frames or with storage blocked by the person's settings.
    throw toStorageError(OPENING, error);
  }

  let migrationFailure: MigrationFailure | undefined;
  request.addEventListener('upgradeneeded', (event) => {
    const upgradeTx = request.transaction;
    if (upgradeTx === null) return; // Cannot happen in upgradeneeded; keeps the types honest.
    const db = wrap(request.result);
    // idb's wrap() has no overload for an upgrade transaction; this is the type it really has.
    const tx = wrap(upgradeTx) as unknown as IDBPTransaction<unknown, string[], 'versionchange'>;
    // idb creates tx.done eagerly; a failed upgrade rejects it, and the open request reports it.
    tx.done.catch(() => undefined);
    runMigrations(migrations, { db, tx, fromVersion: event.oldVersion }, version).catch(
      (failure: unknown) => {
        if (failure instanceof MigrationFailure) migrationFailure = failure;
        try {
          tx.abort(); // Rolls every step of this upgrade back: the data stay at the old version.
        } catch {
          // The transaction already aborted on its own.
        }
      },
    );
  });

  return new Promise<EnclaveDB>((resolve, reject) => {
    let settled = false;
    request.addEventListener('blocked', (event) => {
      if (settled) return;
      settled = true;
      reject(blockedError(event.oldVersion, version));
    });
    wrap(request).then(
      (db) => {
        // If we already gave up (blocked), the open may still finish once the other tab closes.
        if (settled) return db?.close();
        settled = true;
        if (db === undefined) return reject(toStorageError(OPENING, request.error));
        watchConnection(db, options.onClose);
        // The migrations built the schema this type describes; IndexedDB cannot check types.
        resolve(db as unknown as EnclaveDB);
      },
      (error: unknown) => {
        if (settled) return;
        settled = true;
        reject(openError(error, migrationFailure, version));
      },
    );
  });
}

function watchConnection(db: IDBPDatabase, onClose: OpenEnclaveDatabaseOptions['onClose']): void {
  // Another tab wants a newer version: step aside rather than leave it blocked.
  db.addEventListener('versionchange', () => {
    db.close();
    onClose?.('versionchange');
  });
  db.addEventListener('close', () => onClose?.('terminated'));
}

function blockedError(openVersion: number, wantedVersion: number): EnclaveError {
  return new EnclaveError(
    'StorageUnavailableError',
    `Enclave cannot upgrade its local database (version ${openVersion} to ${wantedVersion}) ` +
      'because another tab or window still has an older Enclave open. Close or reload the other ' +
      'Enclave tabs, then reload this page. Nothing was changed.',
  );
}

function openError(error: unknown, failure: MigrationFailure | undefined, version: number) {
  if (failure !== undefined) {
    const step = `Upgrading Enclave's local data to version ${failure.migration.version} (${failure.migration.description})`;
    if (isQuotaError(failure.cause)) return quotaExceededError(step, failure.cause);
    return new EnclaveError(
      'StorageUnavailableError',
      `${step} failed: ${describeError(failure.cause).message}. Nothing was changed; your data ` +
        'are as the previous version of Enclave left them. Reload to try again, or use an ' +
        'Enclave release that matches your data.',
      { cause: failure.cause },
    );
  }
  if (describeError(error).name === 'VersionError') {
    return new EnclaveError(
      'StorageUnavailableError',
      'This browser holds Enclave data saved by a newer version of Enclave than this page, which ' +
        `reads up to database version ${version}. Reload the page (or close old tabs) to get the ` +
        'newest Enclave. Your data were not changed.',
      { cause: error },
    );
  }
  return toStorageError(OPENING, error);
}
