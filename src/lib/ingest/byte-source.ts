import { blobSource, bytesSource, type ByteSource } from '../dicom/parse';

/**
 * Random access to the bytes of one file, wherever they live: a File on disk, a stored zip
 * entry (a window into the archive), an inflated zip entry or .nii.gz. The type is the
 * parser's (src/lib/dicom/parse), so every source here can be parsed as it is. Readers ask
 * only for the ranges they need, so an import of 10,000 files never holds whole files.
 *
 * Contract: `read(offset, length)` resolves to exactly `min(length, size - offset)` bytes
 * (empty past the end); it never throws for a range that runs past the end, so a truncated
 * file shows up as short data that the caller reports, not as an exception from here.
 */
export type { ByteSource };

/** Reads a Blob (a File from a drop or picker) slice by slice; nothing is read up front. */
export const blobByteSource: (blob: Blob) => ByteSource = blobSource;

/** Bytes already in memory (small headers, test data). Returns views, not copies. */
export const bytesByteSource: (bytes: Uint8Array) => ByteSource = bytesSource;

function clampRange(size: number, offset: number, length: number): [number, number] {
  const start = Math.min(Math.max(0, Math.floor(offset)), size);
  const end = Math.min(size, start + Math.max(0, Math.floor(length)));
  return [start, end];
}

/** A window `[offset, offset + size)` of another source, e.g. a stored entry inside a zip. */
export function sliceByteSource(source: ByteSource, offset: number, size: number): ByteSource {
  const windowSize = Math.max(0, Math.min(size, source.size - offset));
  return {
    size: windowSize,
    async read(at, length) {
      const [start, end] = clampRange(windowSize, at, length);
      if (end <= start) return new Uint8Array(0);
      return source.read(offset + start, end - start);
    },
  };
}
