import type { DirectoryLike, FileHandleLike, WritableFileLike } from '../../../src/lib/workspace/deid-folder';

/** An in-memory folder with the shape of FileSystemDirectoryHandle, for the export writer's tests. */
export class MemoryDirectory implements DirectoryLike {
  readonly folders = new Map<string, MemoryDirectory>();
  readonly contents = new Map<string, Uint8Array>();

  async getDirectoryHandle(name: string, options: { create?: boolean } = {}): Promise<MemoryDirectory> {
    let dir = this.folders.get(name);
    if (!dir) {
      if (!options.create) throw new DOMException(`${name} not found`, 'NotFoundError');
      dir = new MemoryDirectory();
      this.folders.set(name, dir);
    }
    return dir;
  }

  async getFileHandle(name: string, options: { create?: boolean } = {}): Promise<FileHandleLike> {
    if (!options.create && !this.contents.has(name)) throw new DOMException(`${name} not found`, 'NotFoundError');
    return {
      createWritable: async (): Promise<WritableFileLike> => {
        const parts: Uint8Array[] = [];
        return {
          write: async (data) => void parts.push(data.slice()),
          close: async () => void this.contents.set(name, concat(parts)),
        };
      },
    };
  }

  /** Names at the top level (folders and files). */
  names(): string[] {
    return [...this.folders.keys(), ...this.contents.keys()];
  }

  /** Every file by its path. */
  files(prefix = ''): Record<string, Uint8Array> {
    const out: Record<string, Uint8Array> = {};
    for (const [name, bytes] of this.contents) out[`${prefix}${name}`] = bytes;
    for (const [name, dir] of this.folders) Object.assign(out, dir.files(`${prefix}${name}/`));
    return out;
  }
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
