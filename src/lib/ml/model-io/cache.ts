/**
 * Downloaded model files kept in the browser so a public model is fetched once. Keyed by the
 * exact URL of each file (model.json and every shard). The app backs this with IndexedDB;
 * tests and Node use the in-memory one.
 */
export interface ModelCache {
  get(url: string): Promise<Uint8Array | undefined>;
  put(url: string, bytes: Uint8Array): Promise<void>;
  delete(url: string): Promise<void>;
  keys(): Promise<string[]>;
}

export class MemoryModelCache implements ModelCache {
  readonly #entries = new Map<string, Uint8Array>();

  async get(url: string): Promise<Uint8Array | undefined> {
    return this.#entries.get(url);
  }

  async put(url: string, bytes: Uint8Array): Promise<void> {
    // A private copy: the caller may transfer or reuse its buffer.
    this.#entries.set(url, bytes.slice());
  }

  async delete(url: string): Promise<void> {
    this.#entries.delete(url);
  }

  async keys(): Promise<string[]> {
    return [...this.#entries.keys()];
  }
}
