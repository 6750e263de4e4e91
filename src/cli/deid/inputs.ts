import { openAsBlob } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { bytesSource } from '../../lib/dicom/parse';
import { EnclaveError } from '../../lib/jobs';
// The ingest modules themselves, not the index: a worker thread needs no video or NIfTI code.
import { readDicomdir } from '../../lib/ingest/dicomdir';
import { readDicomdirDataset } from '../../lib/ingest/dicomdir-parse';
import { sourceFromBlob, type ImportSource } from '../../lib/ingest/import-source';
import { isSkippedItem } from '../../lib/ingest/skipped';
import { expandZip } from '../../lib/ingest/zip';
import { listInputFiles } from './walk';

/**
 * What the CLI de-identifies: plain files under the input, the entries of zip archives found
 * there (read lazily through src/lib/ingest's zip reader, never unpacked to disk), or the files
 * a DICOMDIR lists when the input is the DICOMDIR itself. Each task names its input; a worker
 * thread reads the bytes, so the main thread never holds an original.
 */
export type InputRef = { kind: 'file'; path: string } | { kind: 'zip-entry'; archive: string; entry: string };

/** An input that cannot be de-identified, found while listing (no value from a file in it). */
export interface ListingProblem {
  display: string;
  /** A SkipCode of src/lib/ingest ('encrypted', 'damaged', 'missing', 'system', …). */
  code: string;
  reason: string;
}

export interface InputListing {
  refs: InputRef[];
  problems: ListingProblem[];
}

/** The label zip entry paths are built on (expandZip prefixes entries with the archive's path). */
const ARCHIVE_LABEL = 'archive';
const ZIP_MAGIC = [0x50, 0x4b];

export async function isZipFile(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = new Uint8Array(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return bytesRead === 4 && head[0] === ZIP_MAGIC[0] && head[1] === ZIP_MAGIC[1] && ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6));
  } finally {
    await handle.close();
  }
}

async function archiveSource(path: string): Promise<ImportSource> {
  return sourceFromBlob(await openAsBlob(path), ARCHIVE_LABEL);
}

async function zipEntries(archive: string, problems: ListingProblem[], display: string): Promise<InputRef[]> {
  const refs: InputRef[] = [];
  for await (const item of expandZip(await archiveSource(archive))) {
    const entry = item.path.slice(ARCHIVE_LABEL.length + 1);
    if (isSkippedItem(item)) problems.push({ display: entry ? `${display}/${entry}` : display, code: item.code, reason: item.reason });
    else refs.push({ kind: 'zip-entry', archive, entry });
  }
  return refs;
}

/** The files a DICOMDIR lists, found next to it (case-insensitively, as on CD file systems). */
async function dicomdirFiles(dicomdir: string, problems: ListingProblem[]): Promise<InputRef[]> {
  const folder = dirname(dicomdir);
  const index = readDicomdir(await readDicomdirDataset(bytesSource(new Uint8Array(await readFile(dicomdir)))), 'DICOMDIR');
  const onDisk = new Map((await listInputFiles(folder)).map((p) => [relative(folder, p).split(sep).join('/').toLowerCase(), p]));
  const refs: InputRef[] = [];
  for (const reference of index.references) {
    const path = onDisk.get(reference.path.toLowerCase());
    if (path) refs.push({ kind: 'file', path });
    else problems.push({ display: reference.path, code: 'missing', reason: 'listed in the DICOMDIR but not found next to it' });
  }
  return refs;
}

export async function listInputs(input: string): Promise<InputListing> {
  const problems: ListingProblem[] = [];
  const files = await listInputFiles(input);
  if (files.length === 1 && files[0] === input && basename(input).toUpperCase() === 'DICOMDIR') {
    return { refs: await dicomdirFiles(input, problems), problems };
  }
  const refs: InputRef[] = [];
  for (const path of files) {
    if (await isZipFile(path)) refs.push(...(await zipEntries(path, problems, displayPath(input, path))));
    else refs.push({ kind: 'file', path });
  }
  return { refs, problems };
}

function displayPath(input: string, path: string): string {
  return relative(input, path) || basename(path);
}

/** For messages on the terminal only: the path relative to the input (it may hold names). */
export function displayRef(input: string, ref: InputRef): string {
  return ref.kind === 'file' ? displayPath(input, ref.path) : `${displayPath(input, ref.archive)}/${ref.entry}`;
}

/** Reads inputs in a worker thread; each archive's table of contents is read once per reader. */
export function createInputReader(): (ref: InputRef) => Promise<Uint8Array> {
  const archives = new Map<string, Promise<Map<string, ImportSource>>>();
  const entriesOf = (archive: string): Promise<Map<string, ImportSource>> => {
    let listed = archives.get(archive);
    if (!listed) {
      listed = (async () => {
        const map = new Map<string, ImportSource>();
        for await (const item of expandZip(await archiveSource(archive))) if (!isSkippedItem(item)) map.set(item.path, item);
        return map;
      })();
      archives.set(archive, listed);
    }
    return listed;
  };
  return async (ref) => {
    if (ref.kind === 'file') return new Uint8Array(await readFile(ref.path));
    const source = (await entriesOf(ref.archive)).get(`${ARCHIVE_LABEL}/${ref.entry}`);
    if (!source) throw new EnclaveError('NotFoundError', `The zip entry ${ref.entry} is no longer in ${join(ref.archive)}.`);
    return source.open().read(0, source.size);
  };
}
