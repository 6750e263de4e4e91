import { blobByteSource, type ByteSource } from './byte-source';

/**
 * One file the researcher gave us, before we know what it is: where it sits in what they
 * dropped (a relative path with forward slashes, e.g. "study1/DICOMDIR" or
 * "export.zip/CT/IM0001") and a way to read its bytes on demand. It is a handle, not the
 * content: a File, or a reference into a zip archive.
 */
export interface ImportSource {
  /** Relative path, forward slashes, unique within one import; shown to the person. */
  readonly path: string;
  readonly size: number;
  /** The File/Blob when the source is one (for createImageBitmap, mediabunny's BlobSource). */
  readonly blob?: Blob;
  /** Opens random access to the bytes; cheap, nothing is read until `read` is called. */
  open(): ByteSource;
}

/** Normalises a path from a picker, a drop or a zip: forward slashes, no leading "./" or "/". */
export function normalisePath(path: string): string {
  return path
    .replace(/\\/g, '/')
    .split('/')
    .filter((part) => part !== '' && part !== '.')
    .join('/');
}

export function baseName(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? path : path.slice(i + 1);
}

export function dirName(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

export function joinPath(dir: string, name: string): string {
  return dir === '' ? normalisePath(name) : normalisePath(`${dir}/${name}`);
}

/**
 * A source over a File or Blob. The path defaults to the picker's `webkitRelativePath`
 * (folder picks) and then the file name; a drop walker passes the path it built.
 */
export function sourceFromBlob(blob: Blob, path?: string): ImportSource {
  const file = blob as Partial<File>;
  const chosen = path ?? (file.webkitRelativePath || file.name || 'unnamed');
  let opened: ByteSource | undefined;
  return {
    path: normalisePath(chosen),
    size: blob.size,
    blob,
    open: () => (opened ??= blobByteSource(blob)),
  };
}

/** A source over any ByteSource (zip entries, inflated data, test bytes). */
export function sourceFromBytes(path: string, open: () => ByteSource, size: number, blob?: Blob): ImportSource {
  let opened: ByteSource | undefined;
  return {
    path: normalisePath(path),
    size,
    ...(blob ? { blob } : {}),
    open: () => (opened ??= open()),
  };
}
