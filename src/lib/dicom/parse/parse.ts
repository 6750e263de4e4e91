import { EnclaveError, throwIfCancelled, type EnclaveErrorName } from '../../jobs';
import { toByteSource, type ByteSource } from './byte-source';
import { addToWindow, loadedByteCount, segmentAt, wholeWindow } from './byte-window';
import { ElementParser } from './element-parser';
import { dicomParseError, NeedBytes } from './errors';
import { readPart10Prefix, type Part10Prefix } from './part10';
import { parseWindow } from './parse-core';
import type { ByteWindow, ParsedDicom, ParseMode, ParseWarning } from './types';

export interface ParseOptions {
  /** 'header' stops at top-level Pixel Data and reads only what it needs; 'full' reads everything. Default 'full'. */
  mode?: ParseMode;
  signal?: AbortSignal;
  /** First read of a header scan; later reads double. Default 64 KiB. */
  initialChunk?: number;
}

export type DicomInput = ByteSource | Uint8Array | Blob;

const DEFAULT_CHUNK = 64 * 1024;
/** After this many growth steps a header scan reads the rest at once (cannot loop forever). */
const MAX_GROWTH_STEPS = 24;

/** Parses bytes already in memory, synchronously (de-identification, tests, small files). */
export function parseDicomBytes(bytes: Uint8Array, options: { mode?: ParseMode } = {}): ParsedDicom {
  return guard(() => parseWindow(wholeWindow(bytes), options.mode ?? 'full', bytes.length));
}

/**
 * Parses a DICOM file from any byte source. A header scan reads the first 64 KiB, then more
 * only when the header goes on, skipping (not reading) large values it does not need; it stops
 * at top-level Pixel Data. Throws a DicomParseError when the file is not DICOM or its header
 * cannot be read; anything less (a truncated data set, anomalies) is in `warnings`.
 */
export async function parseDicom(input: DicomInput, options: ParseOptions = {}): Promise<ParsedDicom> {
  const mode = options.mode ?? 'full';
  if (input instanceof Uint8Array) return parseDicomBytes(input, { mode });
  const source = toByteSource(input);
  throwIfCancelled(options.signal, 'Reading the file');
  if (mode === 'full') {
    const bytes = await readBytes(source, 0, source.size);
    return parseDicomBytes(bytes, { mode });
  }
  const window: ByteWindow = { segments: [], size: source.size };
  let chunk = Math.max(1024, options.initialChunk ?? DEFAULT_CHUNK);
  await load(source, window, 0, chunk);
  for (let step = 0; ; step++) {
    try {
      return guard(() => parseWindow(window, mode, loadedByteCount(window)));
    } catch (e) {
      if (!(e instanceof NeedBytes)) throw e;
      throwIfCancelled(options.signal, 'Reading the file');
      chunk = Math.max(chunk, loadedByteCount(window));
      const everything = step >= MAX_GROWTH_STEPS;
      await load(source, window, everything ? 0 : e.offset, everything ? window.size : Math.max(e.length, chunk));
    }
  }
}

/** Reads `[offset, offset + length)` into the window, skipping what is already loaded. */
async function load(source: ByteSource, window: ByteWindow, offset: number, length: number): Promise<void> {
  let start = offset;
  const containing = segmentAt(window, start);
  if (containing) start = containing.offset + containing.bytes.length;
  const end = Math.min(window.size, offset + length);
  if (start >= end) {
    if (offset < window.size) throw dicomParseError('Internal error: the header scan asked for bytes it already has.');
    return;
  }
  const bytes = await readBytes(source, start, end - start);
  addToWindow(window, start, bytes);
  // A short read means the file is shorter than it said (it changed on disk): believe the bytes.
  if (bytes.length < end - start) window.size = start + bytes.length;
}

async function readBytes(source: ByteSource, offset: number, length: number): Promise<Uint8Array> {
  try {
    return await source.read(offset, length);
  } catch (e) {
    throw new EnclaveError('NotFoundError', `The file could not be read (it may have been moved, deleted or changed): ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}

/**
 * Turns anything unexpected thrown while parsing into a DicomParseError, so adversarial bytes
 * never surface as a raw RangeError or TypeError; NeedBytes passes through to the driver.
 */
function guard<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof NeedBytes || e instanceof EnclaveError) throw e;
    throw dicomParseError(`This file could not be read as DICOM: ${e instanceof Error ? e.message : String(e)}.`, e);
  }
}

/** The Part 10 header alone (preamble, DICM, file meta group), e.g. to sniff a file's type. */
export interface Part10Header extends Part10Prefix {
  fileBytes: ByteWindow;
  warnings: ParseWarning[];
}

export async function readPart10Header(input: DicomInput): Promise<Part10Header> {
  const source = toByteSource(input);
  const window: ByteWindow = { segments: [], size: source.size };
  await load(source, window, 0, 4096);
  for (let step = 0; ; step++) {
    const p = new ElementParser(window, 'header');
    try {
      const prefix = guard(() => readPart10Prefix(p));
      return { ...prefix, fileBytes: window, warnings: p.warnings };
    } catch (e) {
      if (!(e instanceof NeedBytes)) throw e;
      await load(source, window, e.offset, step >= MAX_GROWTH_STEPS ? window.size : Math.max(e.length, loadedByteCount(window)));
    }
  }
}

export type ParseFileResult =
  | { ok: true; dataset: ParsedDicom; warnings: ParseWarning[] }
  | { ok: false; reason: string; errorName: EnclaveErrorName };

/**
 * For batch import: never throws for a problem with the file (not DICOM, truncated header,
 * unreadable); the reason is a row in the import report. Cancellation still throws, so the
 * batch stops.
 */
export async function parseFile(input: DicomInput, options: ParseOptions = {}): Promise<ParseFileResult> {
  try {
    const dataset = await parseDicom(input, { mode: 'header', ...options });
    return { ok: true, dataset, warnings: dataset.warnings };
  } catch (e) {
    if (e instanceof EnclaveError) {
      if (e.name === 'CancelledError') throw e;
      return { ok: false, reason: e.message, errorName: e.name };
    }
    return { ok: false, reason: `This file could not be read: ${e instanceof Error ? e.message : String(e)}`, errorName: 'DicomParseError' };
  }
}
