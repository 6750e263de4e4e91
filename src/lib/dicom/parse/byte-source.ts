/**
 * Random access to the bytes of one file. The parser asks only for the ranges it needs, so a
 * header scan of a 10,000-file folder holds headers, not files.
 *
 * Contract (the same as src/lib/ingest's ByteSource, which is structurally identical):
 * `read(offset, length)` resolves to exactly `min(length, size - offset)` bytes, empty past the
 * end, and never throws for a range that runs past the end.
 */
export interface ByteSource {
  readonly size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

function clampRange(size: number, offset: number, length: number): [number, number] {
  const start = Math.min(Math.max(0, Math.floor(offset)), size);
  const end = Math.min(size, start + Math.max(0, Math.floor(length)));
  return [start, end];
}

/** Bytes already in memory. Reads are views, not copies. */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read(offset, length) {
      const [start, end] = clampRange(bytes.length, offset, length);
      return Promise.resolve(bytes.subarray(start, end));
    },
  };
}

/** A Blob or File, read slice by slice (File.slice + arrayBuffer); nothing is read up front. */
export function blobSource(blob: Blob): ByteSource {
  return {
    size: blob.size,
    async read(offset, length) {
      const [start, end] = clampRange(blob.size, offset, length);
      if (end <= start) return new Uint8Array(0);
      return new Uint8Array(await blob.slice(start, end).arrayBuffer());
    },
  };
}

/** Whatever the caller has: a ByteSource as it is, bytes or a Blob wrapped. */
export function toByteSource(input: ByteSource | Uint8Array | Blob): ByteSource {
  if (input instanceof Uint8Array) return bytesSource(input);
  if (typeof Blob !== 'undefined' && input instanceof Blob) return blobSource(input);
  return input as ByteSource;
}
