import { throwIfCancelled } from '../jobs';
import { joinPath, sourceFromBlob, type ImportSource } from './import-source';
import { skipped, systemFileReason, type SkippedItem } from './skipped';

/**
 * Folder traversal for the two ways a browser hands us folders, typed structurally so the
 * walkers run in Node with fakes and in the page or a worker with the real objects:
 *  - drag and drop gives FileSystemEntry (webkitGetAsEntry), which stays on the main thread;
 *  - the File System Access picker gives FileSystemDirectoryHandle, which can be posted to a
 *    worker.
 * Both yield ImportSources (File handles, nothing read) or a skipped row with a reason, with
 * each folder's children in name order so one drop always walks the same way.
 */

/** The parts of FileSystemEntry / FileSystemFileEntry / FileSystemDirectoryEntry we use. */
export interface EntryLike {
  readonly name: string;
  readonly isFile: boolean;
  readonly isDirectory: boolean;
  file?(success: (file: File) => void, failure?: (error: DOMException) => void): void;
  createReader?(): DirectoryReaderLike;
}

export interface DirectoryReaderLike {
  readEntries(success: (entries: EntryLike[]) => void, failure?: (error: DOMException) => void): void;
}

/** The parts of FileSystemFileHandle / FileSystemDirectoryHandle we use. */
export interface HandleLike {
  readonly kind: 'file' | 'directory';
  readonly name: string;
  getFile?(): Promise<File>;
  values?(): AsyncIterable<HandleLike>;
}

export type WalkResult = ImportSource | SkippedItem;

const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

function describe(error: unknown): string {
  // DOMException is an Error in browsers and in Node.
  return error instanceof Error ? error.message || error.name : String(error);
}

/** Every child of a directory entry: readEntries returns batches and must be called until empty. */
async function readAllEntries(reader: DirectoryReaderLike): Promise<EntryLike[]> {
  const all: EntryLike[] = [];
  for (;;) {
    const batch = await new Promise<EntryLike[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

/** Walks dropped entries (files and folders), depth first, children in name order. */
export async function* walkEntries(
  roots: Iterable<EntryLike>,
  options: { signal?: AbortSignal; parent?: string } = {},
): AsyncGenerator<WalkResult> {
  for (const entry of [...roots].sort(byName)) {
    throwIfCancelled(options.signal, 'Reading the folder');
    const path = joinPath(options.parent ?? '', entry.name);
    const systemReason = systemFileReason(entry.name);
    if (systemReason) {
      yield skipped(entry.isDirectory ? `${path}/` : path, 'system', systemReason);
    } else if (entry.isDirectory && entry.createReader) {
      let children: EntryLike[];
      try {
        children = await readAllEntries(entry.createReader());
      } catch (error) {
        yield skipped(`${path}/`, 'unreadable', `the browser could not list this folder (${describe(error)})`);
        continue;
      }
      yield* walkEntries(children, { ...options, parent: path });
    } else if (entry.isFile && entry.file) {
      const fileOf = entry.file.bind(entry);
      try {
        const file = await new Promise<File>((resolve, reject) => fileOf(resolve, reject));
        yield sourceFromBlob(file, path);
      } catch (error) {
        yield skipped(path, 'unreadable', `the browser could not open this file (${describe(error)})`);
      }
    } else {
      yield skipped(path, 'unsupported', 'neither a file nor a folder');
    }
  }
}

/** Walks File System Access handles (a directory picker, or handles from a drop). */
export async function* walkHandles(
  roots: Iterable<HandleLike> | AsyncIterable<HandleLike>,
  options: { signal?: AbortSignal; parent?: string } = {},
): AsyncGenerator<WalkResult> {
  const list: HandleLike[] = [];
  for await (const handle of roots) list.push(handle);
  for (const handle of list.sort(byName)) {
    throwIfCancelled(options.signal, 'Reading the folder');
    const path = joinPath(options.parent ?? '', handle.name);
    const systemReason = systemFileReason(handle.name);
    if (systemReason) {
      yield skipped(handle.kind === 'directory' ? `${path}/` : path, 'system', systemReason);
    } else if (handle.kind === 'directory' && handle.values) {
      const values = handle.values.bind(handle);
      const children: HandleLike[] = [];
      try {
        for await (const child of values()) children.push(child);
      } catch (error) {
        yield skipped(`${path}/`, 'unreadable', `the browser could not list this folder (${describe(error)})`);
        continue;
      }
      yield* walkHandles(children, { ...options, parent: path });
    } else if (handle.kind === 'file' && handle.getFile) {
      try {
        yield sourceFromBlob(await handle.getFile(), path);
      } catch (error) {
        yield skipped(path, 'unreadable', `the browser could not open this file (${describe(error)})`);
      }
    } else {
      yield skipped(path, 'unsupported', 'neither a file nor a folder');
    }
  }
}

/**
 * Files from an <input type=file> (with or without `webkitdirectory`): each carries its own
 * `webkitRelativePath`, so there is nothing to walk, only system files to set aside.
 */
export function* walkFiles(files: Iterable<File>): Generator<WalkResult> {
  for (const file of files) {
    const source = sourceFromBlob(file);
    const hiddenPart = source.path.split('/').find((part) => systemFileReason(part) !== undefined);
    if (hiddenPart !== undefined) yield skipped(source.path, 'system', systemFileReason(hiddenPart) ?? 'hidden file');
    else yield source;
  }
}
