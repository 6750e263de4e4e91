import { afterEach, describe, expect, it, vi } from 'vitest';
import { readStorageStatus, requestPersistentStorage } from '../../../src/lib/store/storage-status';
import type { StorageManagerLike } from '../../../src/lib/store/storage-status';

function fakeStorage(usage: number, quota: number, persisted: boolean): StorageManagerLike {
  return {
    estimate: () => Promise.resolve({ usage, quota }),
    persisted: () => Promise.resolve(persisted),
    persist: () => Promise.resolve(true),
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('readStorageStatus', () => {
  it('reads usage, quota, persistence and their ratio', async () => {
    expect(await readStorageStatus(fakeStorage(250, 1000, true))).toEqual({
      usage: 250,
      quota: 1000,
      persisted: true,
      usageRatio: 0.25,
    });
  });

  it('gives nulls when the API is missing', async () => {
    const none = { usage: null, quota: null, persisted: null, usageRatio: null };
    expect(await readStorageStatus(undefined)).toEqual(none);
    expect(await readStorageStatus({})).toEqual(none);
  });

  it('gives nulls for the parts that are missing, fail or make no sense', async () => {
    expect(
      await readStorageStatus({ estimate: () => Promise.resolve({ usage: 10 }), persisted: () => Promise.resolve(false) }),
    ).toEqual({ usage: 10, quota: null, persisted: false, usageRatio: null });
    expect(
      await readStorageStatus({
        estimate: () => Promise.reject(new DOMException('opaque origin', 'SecurityError')),
        persisted: () => Promise.resolve(true),
      }),
    ).toEqual({ usage: null, quota: null, persisted: true, usageRatio: null });
    expect(await readStorageStatus(fakeStorage(5, 0, false))).toEqual({
      usage: 5,
      quota: 0,
      persisted: false,
      usageRatio: null,
    });
  });

  it('reads navigator.storage by default', async () => {
    vi.stubGlobal('navigator', { storage: fakeStorage(1, 4, false) });
    expect(await readStorageStatus()).toEqual({ usage: 1, quota: 4, persisted: false, usageRatio: 0.25 });
  });
});

describe('requestPersistentStorage', () => {
  it("returns the browser's answer, or null without the API or on failure", async () => {
    expect(await requestPersistentStorage(fakeStorage(0, 1, false))).toBe(true);
    expect(await requestPersistentStorage({ persist: () => Promise.resolve(false) })).toBe(false);
    expect(await requestPersistentStorage({})).toBeNull();
    expect(await requestPersistentStorage(undefined)).toBeNull();
    expect(await requestPersistentStorage({ persist: () => Promise.reject(new Error('denied')) })).toBeNull();
  });
});
