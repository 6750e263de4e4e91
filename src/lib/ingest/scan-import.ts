import type { AttributeReader } from '../dicom/attributes';
import { throttleProgress, throwIfCancelled, type JobOptions } from '../jobs';
import type { ByteSource } from './byte-source';
import { classifySource } from './classify';
import { pathKey, readDicomdir, type DicomdirHint } from './dicomdir';
import { readDicomdirDataset } from './dicomdir-parse';
import { baseName, sourceFromBlob, type ImportSource } from './import-source';
import type { ImportItem } from './items';
import { isSkippedItem, skipped, type SkippedItem } from './skipped';
import { sniff, type Sniffed } from './sniff';
import { expandZip } from './zip';

/** Anything the worker may pass in: walked sources, rows the walker skipped, or Files. */
export type ImportInput = ImportSource | SkippedItem | Blob | { blob: Blob; path: string };

export interface ScanOptions extends JobOptions {
  /** Parses a DICOMDIR into attributes; defaults to src/lib/dicom/parse. Injected in tests. */
  readDicomdirDataset?: (bytes: ByteSource, options: { signal?: AbortSignal }) => Promise<AttributeReader>;
}

type Entry = ImportSource | SkippedItem;

function toEntry(input: ImportInput): Entry {
  if (isSkippedItem(input)) return input;
  if ('open' in input && typeof input.open === 'function') return input;
  if (input instanceof Blob) return sourceFromBlob(input);
  const { blob, path } = input as { blob: Blob; path: string };
  return sourceFromBlob(blob, path);
}

const byPath = (a: Entry, b: Entry) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
/** PS3.10 names the index file DICOMDIR; it is looked at first, and confirmed by its bytes. */
const looksLikeDicomdirName = (entry: Entry): entry is ImportSource => !isSkippedItem(entry) && pathKey(baseName(entry.path)) === 'DICOMDIR';

/** A row for a file whose reading failed; cancellation is not a row, it stops the import. */
function unreadable(path: string, error: unknown): SkippedItem {
  if (error instanceof Error && error.name === 'CancelledError') throw error;
  if (error instanceof Error && (error.name === 'NotReadableError' || error.name === 'NotFoundError')) {
    return skipped(path, 'unreadable', 'the browser could not read this file (it may have been moved or changed since it was dropped)');
  }
  if (error instanceof Error && error.name === 'InvalidInputError') {
    // Our own damaged-data errors are sentences; a row reason is a phrase.
    return skipped(path, 'damaged', error.message.replace(/^\w/, (c) => c.toLowerCase()).replace(/\.$/, ''));
  }
  return skipped(path, 'damaged', `could not be read (${error instanceof Error ? error.message : String(error)})`);
}

/** State of one scan: progress counters and the hints DICOMDIRs left for files still to come. */
class Scan {
  done = 0;
  total = 0;
  readonly hints = new Map<string, DicomdirHint>();
  private readonly report: (path: string) => void;

  constructor(readonly options: ScanOptions) {
    const progress = options.onProgress ? throttleProgress(options.onProgress) : undefined;
    this.report = (path) => progress?.({ stage: 'scan', done: this.done, total: this.total, message: path });
  }

  /** The last report: everything counted is done. */
  finish(): void {
    this.done = this.total;
    this.report('');
  }

  step(path: string): void {
    this.done += 1;
    this.report(path);
  }

  /** One folder level or one archive: DICOMDIRs first (so their hints reach the files), then every entry in path order. */
  async *container(entries: Entry[], depth: number): AsyncGenerator<ImportItem> {
    const signal = this.options.signal;
    entries.sort(byPath);
    const present = new Set(entries.map((e) => pathKey(e.path)));
    const sniffed = new Map<Entry, Sniffed>();
    for (const entry of entries.filter(looksLikeDicomdirName)) {
      throwIfCancelled(signal, 'The import');
      const result = await this.sniffSafely(entry);
      if (isSkippedItem(result)) continue; // reported in the main pass
      sniffed.set(entry, result);
      if (result.kind === 'dicomdir') yield* this.dicomdir(entry, present);
    }
    for (const entry of entries) {
      throwIfCancelled(signal, 'The import');
      const known = sniffed.get(entry);
      if (known?.kind === 'dicomdir') continue; // already yielded above
      if (isSkippedItem(entry)) {
        this.step(entry.path);
        yield entry;
        continue;
      }
      const result = known ?? (await this.sniffSafely(entry));
      if (isSkippedItem(result)) {
        this.step(entry.path);
        yield result;
      } else if (result.kind === 'zip' && depth < 2) {
        yield* this.zip(entry, depth);
      } else if (result.kind === 'dicomdir') {
        yield* this.dicomdir(entry, present);
      } else {
        const key = pathKey(entry.path);
        const hint = this.hints.get(key);
        this.hints.delete(key);
        const item = await classifySource(entry, result, hint).catch((error: unknown) => unreadable(entry.path, error));
        this.step(entry.path);
        yield item;
      }
    }
  }

  private async sniffSafely(source: ImportSource): Promise<Sniffed | SkippedItem> {
    try {
      return await sniff(source.open());
    } catch (error) {
      return unreadable(source.path, error);
    }
  }

  /** depth 0 is what was dropped, 1 a dropped zip's entries, 2 a nested zip's (not opened further). */
  private async *zip(source: ImportSource, depth: number): AsyncGenerator<ImportItem> {
    const entries: Entry[] = [];
    try {
      for await (const entry of expandZip(source, { signal: this.options.signal })) entries.push(entry);
    } catch (error) {
      // expandZip reports a damaged directory itself; this is a nested archive failing to inflate.
      this.step(source.path);
      yield unreadable(source.path, error);
      return;
    }
    this.total += entries.length;
    this.step(source.path);
    yield* this.container(entries, depth + 1);
  }

  private async *dicomdir(source: ImportSource, present: ReadonlySet<string>): AsyncGenerator<ImportItem> {
    const read = this.options.readDicomdirDataset ?? readDicomdirDataset;
    let index;
    try {
      index = readDicomdir(await read(source.open(), { signal: this.options.signal }), source.path);
    } catch (error) {
      if (error instanceof Error && error.name === 'CancelledError') throw error;
      this.step(source.path);
      const message = error instanceof Error ? error.message : String(error);
      yield skipped(source.path, 'damaged', `DICOMDIR index could not be read (${message}); the files next to it are imported one by one`);
      return;
    }
    const missing = index.references.filter((ref) => !present.has(pathKey(ref.path)));
    for (const ref of index.references) if (present.has(pathKey(ref.path))) this.hints.set(pathKey(ref.path), ref.hint);
    this.step(source.path);
    const { references, ...counts } = index;
    yield { kind: 'dicomdir', source, ...counts, referenced: references.length, found: references.length - missing.length, missing: missing.length };
    for (const ref of missing) yield skipped(ref.path, 'missing', `listed in ${source.path} but not among the dropped files`);
  }
}

/**
 * Turns whatever a researcher dropped into a stream of typed import items: walks nothing
 * itself (walkers do, see walk.ts), sniffs every file from its first bytes, opens zip archives
 * (one nested level), reads DICOMDIRs, and yields 'dicom', 'dicomdir', 'nifti', 'image',
 * 'video' and 'skipped' items in a stable order (path order, per folder tree or archive).
 *
 * Holds handles and small headers only: the collected list of sources, a hint per file a
 * DICOMDIR lists, and the header of the item in hand. Checks the signal between items and
 * throws CancelledError once it fires. Progress: stage 'collect', then 'scan'.
 */
export async function* scanImport(inputs: Iterable<ImportInput> | AsyncIterable<ImportInput>, options: ScanOptions = {}): AsyncGenerator<ImportItem> {
  const collectProgress = options.onProgress ? throttleProgress(options.onProgress) : undefined;
  const entries: Entry[] = [];
  for await (const input of inputs) {
    throwIfCancelled(options.signal, 'The import');
    entries.push(toEntry(input));
    // The total is unknown while collecting; one ahead keeps throttling on (done = total always reports).
    collectProgress?.({ stage: 'collect', done: entries.length, total: entries.length + 1 });
  }
  collectProgress?.({ stage: 'collect', done: entries.length, total: entries.length });
  const scan = new Scan(options);
  scan.total = entries.length;
  for await (const item of scan.container(entries, 0)) {
    // Also between rows that need no reading (a DICOMDIR's missing files), so a cancel is prompt.
    throwIfCancelled(options.signal, 'The import');
    yield item;
  }
  scan.finish();
}
