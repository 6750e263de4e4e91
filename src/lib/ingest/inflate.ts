import { Gunzip, Inflate } from 'fflate';
import { EnclaveError } from '../jobs';
import type { ByteSource } from './byte-source';

/**
 * Random access over compressed bytes (a deflated zip entry, a .nii.gz) without inflating the
 * whole file up front. Deflate can only be read forwards, so each source keeps a cursor: the
 * inflater's state, how far it got, and a window of the most recent output. Reads at or after
 * the window continue from where the last one stopped (the common case: a parser reading a
 * header, then frames in order); a read before the window starts again from the beginning.
 *
 * Cursors live in one bounded, least-recently-used pool shared by every source, so scanning
 * 10,000 deflated entries holds at most a few windows, not 10,000.
 */
export type CompressionFormat = 'gzip' | 'deflate-raw';

/** Compressed bytes fed per step; small enough that one step of highly compressible data stays modest. */
const FEED_BYTES = 16 * 1024;
/** Output kept behind the cursor so nearby re-reads (a parser stepping back) need no restart. */
const WINDOW_BYTES = 4 * 1024 * 1024;
const MAX_CURSORS = 4;

interface Cursor {
  inflater: Inflate | Gunzip;
  /** Output not yet dropped, covering [windowStart, produced). */
  chunks: Uint8Array[];
  windowStart: number;
  produced: number;
  consumed: number;
  finished: boolean;
}

const pool = new Map<object, Cursor>();

function takeCursor(key: object): Cursor | undefined {
  const cursor = pool.get(key);
  if (cursor) pool.delete(key); // re-inserted on release, so Map order is recency order
  return cursor;
}

function releaseCursor(key: object, cursor: Cursor): void {
  pool.set(key, cursor);
  while (pool.size > MAX_CURSORS) {
    const oldest = pool.keys().next().value;
    if (oldest === undefined) break;
    pool.delete(oldest);
  }
}

/** Forgets every cursor (tests, and the worker after an import finishes). */
export function clearInflateCursors(): void {
  pool.clear();
}

function newCursor(format: CompressionFormat): Cursor {
  const cursor: Cursor = { inflater: undefined as unknown as Inflate, chunks: [], windowStart: 0, produced: 0, consumed: 0, finished: false };
  const onData = (data: Uint8Array, final: boolean) => {
    if (data.length > 0) cursor.chunks.push(data);
    cursor.produced += data.length;
    if (final) cursor.finished = true;
  };
  cursor.inflater = format === 'gzip' ? new Gunzip(onData) : new Inflate(onData);
  return cursor;
}

function dropBefore(cursor: Cursor, keepFrom: number): void {
  while (cursor.chunks.length > 1) {
    const first = cursor.chunks[0];
    if (!first || cursor.windowStart + first.length > keepFrom) break;
    cursor.chunks.shift();
    cursor.windowStart += first.length;
  }
}

function copyOut(cursor: Cursor, start: number, end: number): Uint8Array {
  const out = new Uint8Array(Math.max(0, end - start));
  let at = cursor.windowStart;
  for (const chunk of cursor.chunks) {
    const from = Math.max(start, at);
    const to = Math.min(end, at + chunk.length);
    if (to > from) out.set(chunk.subarray(from - at, to - at), from - start);
    at += chunk.length;
    if (at >= end) break;
  }
  return out;
}

/**
 * A ByteSource over `compressed` inflated. `size` is the uncompressed size (from the zip
 * directory or the gzip trailer); reads past what the data really holds come back short.
 * Damaged compressed data rejects with InvalidInputError, which the import turns into a row.
 */
export function inflatingByteSource(compressed: ByteSource, format: CompressionFormat, size: number, label = 'file'): ByteSource {
  const key = {};
  const source: ByteSource = {
    size,
    async read(offset, length) {
      const start = Math.max(0, Math.min(size, Math.floor(offset)));
      const end = Math.min(size, start + Math.max(0, Math.floor(length)));
      if (end <= start) return new Uint8Array(0);
      let cursor = takeCursor(key);
      if (!cursor || start < cursor.windowStart) cursor = newCursor(format);
      try {
        while (cursor.produced < end && !cursor.finished && cursor.consumed < compressed.size) {
          const input = await compressed.read(cursor.consumed, FEED_BYTES);
          if (input.length === 0) break;
          cursor.consumed += input.length;
          cursor.inflater.push(input, cursor.consumed >= compressed.size);
          dropBefore(cursor, Math.min(start, cursor.produced - WINDOW_BYTES));
        }
      } catch (error) {
        throw new EnclaveError('InvalidInputError', `The compressed data of ${label} is damaged (${(error as Error).message}).`, { cause: error });
      }
      const out = copyOut(cursor, start, Math.min(end, cursor.produced));
      releaseCursor(key, cursor);
      return out;
    },
  };
  return source;
}

/**
 * Opens a gzip file (.nii.gz) for random access. The uncompressed size comes from the gzip
 * trailer (ISIZE, the size modulo 4 GiB); `expectedSize` overrides it when the caller knows
 * better, e.g. from a NIfTI header describing a volume larger than 4 GiB.
 */
export async function gunzipByteSource(compressed: ByteSource, label?: string, expectedSize?: number): Promise<ByteSource> {
  const trailer = await compressed.read(Math.max(0, compressed.size - 4), 4);
  const isize = trailer.length === 4 ? new DataView(trailer.buffer, trailer.byteOffset, 4).getUint32(0, true) : 0;
  return inflatingByteSource(compressed, 'gzip', expectedSize ?? isize, label);
}
