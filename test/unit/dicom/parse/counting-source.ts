import type { ByteSource } from '../../../../src/lib/dicom/parse';

/** A ByteSource over bytes that counts what is read, to prove a header scan stays small. */
export function countingSource(bytes: Uint8Array): ByteSource & { bytesRead: number; reads: number } {
  const source = {
    size: bytes.length,
    bytesRead: 0,
    reads: 0,
    read(offset: number, length: number): Promise<Uint8Array> {
      const start = Math.max(0, Math.min(offset, bytes.length));
      const end = Math.min(bytes.length, start + Math.max(0, length));
      source.bytesRead += end - start;
      source.reads++;
      return Promise.resolve(bytes.slice(start, end));
    },
  };
  return source;
}
