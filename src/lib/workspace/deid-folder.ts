/**
 * Writes a de-identification export into a folder the person chose (File System Access API:
 * showDirectoryPicker in the page, the handle then posted to the worker), laid out like the zip:
 * pseudonym/study/series/<instance>.dcm plus the audit and leftover-PHI reports at the top.
 * Typed structurally, so FileSystemDirectoryHandle (and the Origin Private File System's root)
 * fits, and a test can pass an in-memory folder.
 */
import { EnclaveError, throttleProgress, throwIfCancelled, type JobOptions } from '../jobs';
import type { ZipEntry } from './deid-export';

export interface WritableFileLike {
  write(data: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

export interface FileHandleLike {
  createWritable(): Promise<WritableFileLike>;
}

export interface DirectoryLike {
  getDirectoryHandle(name: string, options?: { create?: boolean }): Promise<DirectoryLike>;
  getFileHandle(name: string, options?: { create?: boolean }): Promise<FileHandleLike>;
}

export interface FolderWriteResult {
  files: number;
  bytes: number;
}

/** A path of the export as folder names and a file name; refuses anything that could climb out. */
export function pathSegments(path: string): string[] {
  const parts = path.split('/');
  if (parts.some((p) => p === '' || p === '.' || p === '..' || p.includes('\\'))) {
    throw new EnclaveError('InvalidInputError', `The export path "${path}" is not a plain relative path.`);
  }
  return parts;
}

export async function writeEntriesToDirectory(root: DirectoryLike, entries: Iterable<ZipEntry>, job: JobOptions = {}): Promise<FolderWriteResult> {
  const list = [...entries];
  const report = job.onProgress ? throttleProgress(job.onProgress) : undefined;
  const folders = new Map<string, Promise<DirectoryLike>>([['', Promise.resolve(root)]]);
  const folder = (names: readonly string[]): Promise<DirectoryLike> => {
    const key = names.join('/');
    let handle = folders.get(key);
    if (!handle) {
      handle = folder(names.slice(0, -1)).then((parent) => parent.getDirectoryHandle(names[names.length - 1]!, { create: true }));
      folders.set(key, handle);
    }
    return handle;
  };
  let bytes = 0;
  for (const [i, entry] of list.entries()) {
    throwIfCancelled(job.signal, 'Writing the export folder');
    const segments = pathSegments(entry.path);
    const dir = await folder(segments.slice(0, -1));
    const file = await dir.getFileHandle(segments[segments.length - 1]!, { create: true });
    const writable = await file.createWritable();
    try {
      await writable.write(entry.bytes);
    } finally {
      await writable.close();
    }
    bytes += entry.bytes.length;
    report?.({ stage: 'export', done: i + 1, total: list.length });
  }
  return { files: list.length, bytes };
}
