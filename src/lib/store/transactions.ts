import type { IDBPTransaction, StoreNames } from 'idb';
import type { EnclaveDB, EnclaveSchema } from './schema';
import { toStorageError } from './storage-errors';

/**
 * The one way the repositories touch the database. Each call is a single transaction, so a write
 * either lands whole or not at all, and a failure (a full disk included) leaves every earlier
 * write as it was. Failures come out as EnclaveErrors (see storage-errors.ts).
 *
 * Store names are inferred as a tuple (`const`), so with one store `tx.store` is typed.
 *
 * `body` must await every request it makes (or gather them in Promise.all): a request left
 * dangling when the transaction aborts would reject with no one listening.
 */

type Stores = ArrayLike<StoreNames<EnclaveSchema>>;

export type ReadTx<Names extends Stores> = IDBPTransaction<EnclaveSchema, Names, 'readonly'>;
export type WriteTx<Names extends Stores> = IDBPTransaction<EnclaveSchema, Names, 'readwrite'>;

async function runTransaction<Names extends Stores, Mode extends 'readonly' | 'readwrite', T>(
  db: EnclaveDB,
  storeNames: Names,
  mode: Mode,
  what: string,
  body: (tx: IDBPTransaction<EnclaveSchema, Names, Mode>) => Promise<T>,
): Promise<T> {
  let tx: IDBPTransaction<EnclaveSchema, Names, Mode> | undefined;
  try {
    tx = db.transaction(storeNames, mode);
    const result = await body(tx);
    // For a write, this is where a commit-time failure (quota at flush) shows up.
    await tx.done;
    return result;
  } catch (thrown) {
    throw toStorageError(what, tx === undefined ? thrown : await abandon(tx, thrown));
  }
}

/**
 * Rolls the transaction back and returns the real reason it failed: when a transaction aborts on
 * its own (quota), its requests fail with a bland AbortError while `tx.error` holds the cause.
 */
async function abandon(
  tx: { abort(): void; readonly done: Promise<void>; readonly error: DOMException | null },
  thrown: unknown,
): Promise<unknown> {
  try {
    tx.abort();
  } catch {
    // Already aborted or committed: nothing to roll back.
  }
  await tx.done.catch(() => undefined);
  return tx.error ?? thrown;
}

export function runRead<const Names extends Stores, T>(
  db: EnclaveDB,
  storeNames: Names,
  what: string,
  body: (tx: ReadTx<Names>) => Promise<T>,
): Promise<T> {
  return runTransaction(db, storeNames, 'readonly', what, body);
}

export function runWrite<const Names extends Stores, T>(
  db: EnclaveDB,
  storeNames: Names,
  what: string,
  body: (tx: WriteTx<Names>) => Promise<T>,
): Promise<T> {
  return runTransaction(db, storeNames, 'readwrite', what, body);
}
