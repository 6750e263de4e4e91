import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ByteSource } from '../../../src/lib/ingest/byte-source';
import { sourceFromBlob, sourceFromBytes, type ImportSource } from '../../../src/lib/ingest/import-source';
import type { EntryLike, HandleLike } from '../../../src/lib/ingest/walk';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const CORPUS_DIR = resolve(projectRoot, '../shared/corpus/dicom');
export const FIXTURES_DIR = resolve(projectRoot, 'test/fixtures/ingest');
export const corpusAvailable = existsSync(resolve(CORPUS_DIR, 'MR_small.dcm')) && existsSync(resolve(CORPUS_DIR, 'dicomdir/DICOMDIR'));
if (!corpusAvailable) {
  console.warn(`DICOM corpus not found at ${CORPUS_DIR}: ingest corpus tests skipped (see DESIGN.md, "Real data to test against")`);
}

export const corpusBytes = (name: string): Uint8Array => new Uint8Array(readFileSync(resolve(CORPUS_DIR, name)));
export const fixtureBytes = (name: string): Uint8Array => new Uint8Array(readFileSync(resolve(FIXTURES_DIR, name)));

export function fileOf(bytes: Uint8Array, name: string): File {
  return new File([bytes as BlobPart], name);
}

/** Sources for every file under a directory, with paths relative to `base` (like a folder drop). */
export function sourcesUnder(dir: string, base = dirname(dir)): ImportSource[] {
  const out: ImportSource[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sourcesUnder(full, base));
    else out.push(sourceFromBlob(fileOf(new Uint8Array(readFileSync(full)), name), relative(base, full).split('\\').join('/')));
  }
  return out;
}

/** A ByteSource over bytes that counts what is read, to prove laziness. */
export function countingSource(bytes: Uint8Array): ByteSource & { bytesRead: number; reads: number } {
  const counter = {
    size: bytes.length,
    bytesRead: 0,
    reads: 0,
    async read(offset: number, length: number) {
      const start = Math.max(0, Math.min(bytes.length, offset));
      const end = Math.min(bytes.length, start + Math.max(0, length));
      counter.bytesRead += end - start;
      counter.reads += 1;
      return bytes.subarray(start, end);
    },
  };
  return counter;
}

export function countingImportSource(path: string, bytes: Uint8Array): ImportSource & { counter: ReturnType<typeof countingSource> } {
  const counter = countingSource(bytes);
  return Object.assign(sourceFromBytes(path, () => counter, bytes.length), { counter });
}

/** A fake FileSystemEntry tree; directories hand out children in batches of `batch`, like Chrome (100). */
export type FakeTree = { [name: string]: Uint8Array | FakeTree | Error };

export function fakeEntry(name: string, node: Uint8Array | FakeTree | Error, batch = 2): EntryLike {
  if (node instanceof Uint8Array || node instanceof Error) {
    return {
      name,
      isFile: true,
      isDirectory: false,
      file(success, failure) {
        if (node instanceof Error) setTimeout(() => failure?.(new DOMException(node.message, 'NotFoundError')), 0);
        else setTimeout(() => success(fileOf(node, name)), 0);
      },
    };
  }
  return {
    name,
    isFile: false,
    isDirectory: true,
    createReader() {
      const children = Object.entries(node).map(([n, child]) => fakeEntry(n, child, batch));
      let at = 0;
      return {
        readEntries(success) {
          const slice = children.slice(at, at + batch);
          at += batch;
          setTimeout(() => success(slice), 0);
        },
      };
    },
  };
}

export function fakeHandle(name: string, node: Uint8Array | FakeTree | Error): HandleLike {
  if (node instanceof Uint8Array || node instanceof Error) {
    return {
      kind: 'file',
      name,
      getFile: async () => {
        if (node instanceof Error) throw new DOMException(node.message, 'NotReadableError');
        return fileOf(node, name);
      },
    };
  }
  return {
    kind: 'directory',
    name,
    async *values() {
      for (const [n, child] of Object.entries(node)) yield fakeHandle(n, child);
    },
  };
}

export async function collect<T>(iterable: AsyncIterable<T> | Iterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of iterable) out.push(x);
  return out;
}
