// The "native" build of zip.js: no WebAssembly module and no worker script to fetch. With
// useWebWorkers off it never creates a worker (we already run in one, and the CSP forbids blob:
// workers) and never imports code at run time; it only reads the central directory here,
// because entry data is read by our own lazy sources below.
import { configure, Reader, ZipReader, type Entry, type FileEntry } from '@zip.js/zip.js/lib/zip-core-native.js';
import { EnclaveError, throwIfCancelled } from '../jobs';
import { blobByteSource, sliceByteSource, type ByteSource } from './byte-source';
import { inflatingByteSource } from './inflate';
import { joinPath, sourceFromBytes, type ImportSource } from './import-source';
import { skipped, systemFileReason, type SkipCode, type SkippedItem } from './skipped';

configure({ useWebWorkers: false });

/** A deflated zip inside a zip is inflated whole (its directory is at its end); above this we refuse. */
export const NESTED_ZIP_LIMIT = 512 * 1024 * 1024;

/** Adapts a ByteSource to zip.js's Reader, so zip.js reads only the ranges it asks for. */
class ByteSourceReader extends Reader<ByteSource> {
  private readonly source: ByteSource;
  constructor(source: ByteSource) {
    super(source);
    this.source = source;
    this.size = source.size;
  }
  override async init(): Promise<void> {
    await super.init?.();
    this.size = this.source.size;
  }
  override readUint8Array(index: number, length: number): Promise<Uint8Array> {
    return this.source.read(index, length);
  }
}

/** Entry sources whose bytes are deflated (no cheap random access), for the nested-zip case. */
const deflatedEntries = new WeakSet<ImportSource>();

const LOCAL_HEADER_SIGNATURE = 0x04034b50;

/**
 * The bytes of one entry, located lazily: the local header (whose extra field may differ from
 * the central directory's) is read on the first read, not while listing 10,000 entries.
 * Stored entries are a window into the archive; deflated ones inflate as they are read.
 */
function entryByteSource(archive: ByteSource, entry: FileEntry, label: string): ByteSource {
  let opened: Promise<ByteSource> | undefined;
  const open = async (): Promise<ByteSource> => {
    const header = await archive.read(entry.offset, 30);
    const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
    if (header.length < 30 || view.getUint32(0, true) !== LOCAL_HEADER_SIGNATURE) {
      throw new EnclaveError('InvalidInputError', 'The zip entry is damaged: its local header is missing.');
    }
    const dataOffset = entry.offset + 30 + view.getUint16(26, true) + view.getUint16(28, true);
    const raw = sliceByteSource(archive, dataOffset, entry.compressedSize);
    return entry.compressionMethod === 0 ? raw : inflatingByteSource(raw, 'deflate-raw', entry.uncompressedSize, label);
  };
  return {
    size: entry.uncompressedSize,
    read: async (offset, length) => (await (opened ??= open())).read(offset, length),
  };
}

interface ZipProblem {
  code: SkipCode;
  reason: string;
}

function describeZipError(error: unknown): ZipProblem {
  const message = error instanceof Error ? error.message : String(error);
  if (/encrypted central directory/i.test(message)) {
    return { code: 'encrypted', reason: 'zip archive with an encrypted table of contents: unzip it with its password first' };
  }
  if (/split zip/i.test(message)) return { code: 'unsupported', reason: 'split (multi-part) zip archive: join the parts or unzip them first' };
  if (/end of central directory|central directory/i.test(message)) {
    return { code: 'damaged', reason: 'zip archive is damaged or cut short (its table of contents is missing or unreadable)' };
  }
  return { code: 'damaged', reason: `zip archive could not be read (${message})` };
}

function entryProblem(entry: FileEntry, archiveSize: number): ZipProblem | undefined {
  if (entry.encrypted) return { code: 'encrypted', reason: 'zip entry is encrypted: password-protected archives are not supported; unzip it first' };
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
    return { code: 'unsupported', reason: `zip entry uses compression method ${entry.compressionMethod} (not stored or deflate): re-pack the archive with standard zip` };
  }
  if (entry.offset + 30 + (entry.filenameLength ?? 0) + entry.compressedSize > archiveSize) {
    return { code: 'damaged', reason: 'zip entry is cut off: the archive ends before its data does' };
  }
  if (entry.compressionMethod === 0 && entry.compressedSize !== entry.uncompressedSize) {
    return { code: 'damaged', reason: 'zip entry is damaged: its stored and declared sizes differ' };
  }
  return undefined;
}

/**
 * A random-access ByteSource for a zip that is itself a zip entry. Stored entries already
 * are; a deflated one is inflated once into a Blob (which a browser may keep on disk).
 */
async function openNestedArchive(source: ImportSource): Promise<ByteSource | SkippedItem> {
  if (!deflatedEntries.has(source)) return source.open();
  if (source.size > NESTED_ZIP_LIMIT) {
    return skipped(source.path, 'too-large', 'compressed zip inside a zip is too large to open here: unzip the outer archive first');
  }
  const parts: Uint8Array[] = [];
  const bytes = source.open();
  for (let at = 0; at < source.size; at += 4 * 1024 * 1024) parts.push(await bytes.read(at, 4 * 1024 * 1024));
  return blobByteSource(new Blob(parts as BlobPart[]));
}

/**
 * Lists a zip archive as lazily read sources (path = archive path + entry path), in entry
 * name order, with a skipped row for each entry that cannot be read and one per hidden or
 * system folder (e.g. __MACOSX/). Nothing but the central directory is read here.
 */
export async function* expandZip(archiveSource: ImportSource, options: { signal?: AbortSignal } = {}): AsyncGenerator<ImportSource | SkippedItem> {
  const archive = await openNestedArchive(archiveSource);
  if ('kind' in archive) {
    yield archive;
    return;
  }
  let entries: Entry[];
  const reader = new ZipReader(new ByteSourceReader(archive), { useWebWorkers: false, strictness: 'tolerant', filenameValidation: 'tolerant' });
  try {
    entries = await reader.getEntries();
  } catch (error) {
    const { code, reason } = describeZipError(error);
    yield skipped(archiveSource.path, code, reason);
    return;
  }
  const hidden = new Map<string, { reason: string; count: number }>();
  const files = entries.filter((e): e is FileEntry => !e.directory).sort((a, b) => (a.filename < b.filename ? -1 : a.filename > b.filename ? 1 : 0));
  if (files.length === 0) yield skipped(archiveSource.path, 'empty', 'zip archive holds no files');
  for (const entry of files) {
    throwIfCancelled(options.signal, 'Opening the zip archive');
    const path = joinPath(archiveSource.path, entry.filename);
    const parts = entry.filename.split(/[\\/]/);
    const hiddenAt = parts.findIndex((part) => systemFileReason(part) !== undefined);
    if (hiddenAt >= 0) {
      const prefix = joinPath(archiveSource.path, parts.slice(0, hiddenAt + 1).join('/')) + (hiddenAt < parts.length - 1 ? '/' : '');
      const seen = hidden.get(prefix) ?? { reason: systemFileReason(parts[hiddenAt] ?? '') ?? 'hidden file', count: 0 };
      seen.count += 1;
      hidden.set(prefix, seen);
      continue;
    }
    const problem = entryProblem(entry, archive.size);
    if (problem) {
      yield skipped(path, problem.code, problem.reason);
      continue;
    }
    const source = sourceFromBytes(path, () => entryByteSource(archive, entry, path), entry.uncompressedSize);
    if (entry.compressionMethod !== 0) deflatedEntries.add(source);
    yield source;
  }
  for (const [prefix, { reason, count }] of hidden) {
    yield skipped(prefix, 'system', prefix.endsWith('/') ? `${reason} (${count} file${count === 1 ? '' : 's'})` : reason);
  }
}
