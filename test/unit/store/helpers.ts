// idb recognises IndexedDB objects by `instanceof IDBDatabase` etc. against the globals, which
// Node lacks: install fake-indexeddb's classes as globals. Each test still gets its own factory.
import 'fake-indexeddb/auto';
import { IDBFactory as FakeIDBFactory, IDBObjectStore as FakeIDBObjectStore } from 'fake-indexeddb';
import { vi } from 'vitest';
import { openEnclaveDatabase } from '../../../src/lib/store/open';
import type { OpenEnclaveDatabaseOptions } from '../../../src/lib/store/open';
import type { EnclaveDB, StudyRecord } from '../../../src/lib/store/schema';

export function freshFactory(): IDBFactory {
  return new FakeIDBFactory();
}

export async function openFresh(
  options: OpenEnclaveDatabaseOptions = {},
): Promise<{ factory: IDBFactory; db: EnclaveDB }> {
  const factory = options.indexedDB ?? freshFactory();
  return { factory, db: await openEnclaveDatabase({ ...options, indexedDB: factory }) };
}

/** A clock that moves one second per reading, from a fixed start. */
export function steppingClock(start = 1_700_000_000_000, step = 1_000): () => number {
  let next = start;
  return () => {
    const now = next;
    next += step;
    return now;
  };
}

export function sequentialIds(prefix: string): () => string {
  let n = 0;
  return () => `${prefix}-${++n}`;
}

export function study(id: string, projectId: string, modality = 'US'): StudyRecord {
  return {
    id,
    projectId,
    createdAt: 1_700_000_000_000,
    studyInstanceUid: `2.25.1.${id}`,
    seriesInstanceUid: `2.25.2.${id}`,
    sopInstanceUid: `2.25.3.${id}`,
    modality,
    file: new Uint8Array([0x44, 0x49, 0x43, 0x4d]),
  };
}

export function quotaDomException(): DOMException {
  return new DOMException('The quota has been exceeded.', 'QuotaExceededError');
}

/**
 * Makes the n-th call (1-based, counted from now) of an object-store method fail like a full disk:
 * 'throw' — the call throws a QuotaExceededError DOMException, as a request that cannot even be
 *   queued does;
 * 'abort-pending' — the transaction aborts with QuotaExceededError while the request is pending;
 *   the request itself only sees an AbortError, the reason is on the transaction;
 * 'abort-at-commit' — the request succeeds, then the transaction aborts with QuotaExceededError,
 *   as when the browser fails to commit; the record written must be rolled back.
 * Restore with vi.restoreAllMocks().
 */
export function failNthCall(
  method: 'put' | 'add' | 'delete',
  n: number,
  how: 'throw' | 'abort-pending' | 'abort-at-commit',
): void {
  const original = FakeIDBObjectStore.prototype[method] as (...args: unknown[]) => IDBRequest;
  let calls = 0;
  vi.spyOn(FakeIDBObjectStore.prototype, method).mockImplementation(function (
    this: IDBObjectStore,
    ...args: unknown[]
  ) {
    calls += 1;
    if (calls !== n) return original.apply(this, args);
    if (how === 'throw') throw quotaDomException();
    const request = original.apply(this, args);
    // fake-indexeddb's internal abort-with-a-reason, which a real browser runs on a full disk.
    const tx = this.transaction as unknown as { _abort(name: string): void };
    if (how === 'abort-pending') tx._abort('QuotaExceededError');
    else request.addEventListener('success', () => tx._abort('QuotaExceededError'));
    return request;
  });
}
