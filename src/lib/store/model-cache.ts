import type { ModelCache } from '../ml/model-io/cache';
import type { EnclaveDB } from './schema';
import { runRead, runWrite } from './transactions';

/**
 * The download cache of public model files in IndexedDB, so a catalogue model is fetched once
 * per browser, whichever project asks for it. Only files anyone can download go here.
 */
export class IdbModelCache implements ModelCache {
  constructor(private readonly db: EnclaveDB, private readonly now: () => number = Date.now) {}

  async get(url: string): Promise<Uint8Array | undefined> {
    const record = await runRead(this.db, ['modelCache'], 'Reading the model download cache', (tx) => tx.store.get(url));
    if (!record) return undefined;
    return record.bytes instanceof Uint8Array ? record.bytes : new Uint8Array(record.bytes);
  }

  async put(url: string, bytes: Uint8Array): Promise<void> {
    await runWrite(this.db, ['modelCache'], 'Caching a downloaded model file', (tx) => tx.store.put({ url, bytes: bytes.slice(), storedAt: this.now() }));
  }

  async delete(url: string): Promise<void> {
    await runWrite(this.db, ['modelCache'], 'Removing a cached model file', (tx) => tx.store.delete(url));
  }

  async keys(): Promise<string[]> {
    return runRead(this.db, ['modelCache'], 'Listing the model download cache', (tx) => tx.store.getAllKeys());
  }
}
