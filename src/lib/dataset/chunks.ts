import { EnclaveError } from '../jobs';
import { assertShape, BYTES_PER_ELEMENT, elementCount, type TensorDtype } from './dtype';
import type { Uint8Grid } from './storage-codec';

/**
 * A stored tensor as chunks of at most `maxChunkBytes` (4 MiB by default) plus one index record.
 * IndexedDB writes a value in one piece, and one 500 MB value is what makes browsers fail a
 * transaction or hold the whole thing twice in memory; small chunks keep each write cheap and
 * let a reader stream a volume. Chunk sizes are whole elements, so each chunk decodes alone.
 */
export const DEFAULT_CHUNK_BYTES = 4 * 1024 * 1024;
export const CHUNK_INDEX_VERSION = 1;

export interface TensorChunkIndex {
  version: typeof CHUNK_INDEX_VERSION;
  scanId: string;
  dtype: TensorDtype;
  shape: number[];
  chunkCount: number;
  /** Bytes of the whole tensor. */
  byteLength: number;
  /** Bytes of every chunk but the last (which may be shorter). */
  chunkBytes: number;
  /** For uint8 on a grid: value = offset + k · scale. */
  scale?: number;
  offset?: number;
  /** How precise the stored values are (StorageChoice.statement), for the dataset summary. */
  precision?: string;
}

export interface TensorChunk {
  scanId: string;
  /** 0-based position. */
  index: number;
  bytes: Uint8Array;
}

export interface ChunkableTensor {
  dtype: TensorDtype;
  shape: readonly number[];
  /** Little-endian element bytes. */
  bytes: Uint8Array;
  grid?: Uint8Grid;
}

export interface ChunkOptions {
  maxChunkBytes?: number;
  precision?: string;
}

export function chunkTensor(
  scanId: string, tensor: ChunkableTensor, options: ChunkOptions = {},
): { index: TensorChunkIndex; chunks: TensorChunk[] } {
  assertShape(tensor.shape, `Scan ${scanId}`);
  const size = BYTES_PER_ELEMENT[tensor.dtype];
  const expected = elementCount(tensor.shape) * size;
  if (tensor.bytes.byteLength !== expected) {
    throw new EnclaveError('InvalidInputError', `Scan ${scanId} has ${tensor.bytes.byteLength} bytes but shape [${tensor.shape.join(', ')}] of ${tensor.dtype} needs ${expected}.`);
  }
  const max = options.maxChunkBytes ?? DEFAULT_CHUNK_BYTES;
  const chunkBytes = Math.floor(max / size) * size;
  if (!Number.isSafeInteger(max) || chunkBytes < size) {
    throw new EnclaveError('InvalidInputError', `A chunk must hold at least one ${tensor.dtype} element (${size} bytes), not ${max} bytes.`);
  }
  const chunks: TensorChunk[] = [];
  for (let at = 0, index = 0; at < expected; at += chunkBytes, index++) {
    // slice, not subarray: storing a view would store (and clone) the whole underlying buffer.
    chunks.push({ scanId, index, bytes: tensor.bytes.slice(at, Math.min(at + chunkBytes, expected)) });
  }
  const index: TensorChunkIndex = {
    version: CHUNK_INDEX_VERSION, scanId, dtype: tensor.dtype, shape: [...tensor.shape],
    chunkCount: chunks.length, byteLength: expected, chunkBytes,
  };
  if (tensor.grid) {
    index.scale = tensor.grid.scale;
    index.offset = tensor.grid.offset;
  }
  if (options.precision !== undefined) index.precision = options.precision;
  return { index, chunks };
}

/** The tensor's bytes from its chunks, in any order; refuses a missing, extra or wrong-sized chunk. */
export function reassembleChunks(index: TensorChunkIndex, chunks: readonly TensorChunk[]): Uint8Array {
  const what = `The stored tensor of scan ${index.scanId}`;
  const damaged = (reason: string): EnclaveError =>
    new EnclaveError('InvalidInputError', `${what} is damaged (${reason}); preprocess this scan again.`);
  const out = new Uint8Array(index.byteLength);
  const seen = new Set<number>();
  for (const chunk of chunks) {
    if (chunk.scanId !== index.scanId) throw damaged(`a chunk of scan ${chunk.scanId} is mixed in`);
    if (!Number.isSafeInteger(chunk.index) || chunk.index < 0 || chunk.index >= index.chunkCount) throw damaged(`chunk ${chunk.index} is not one of its ${index.chunkCount}`);
    if (seen.has(chunk.index)) throw damaged(`chunk ${chunk.index} is there twice`);
    const start = chunk.index * index.chunkBytes;
    const length = Math.min(index.chunkBytes, index.byteLength - start);
    if (chunk.bytes.byteLength !== length) throw damaged(`chunk ${chunk.index} has ${chunk.bytes.byteLength} bytes, expected ${length}`);
    out.set(chunk.bytes, start);
    seen.add(chunk.index);
  }
  if (seen.size !== index.chunkCount) {
    const missing = Array.from({ length: index.chunkCount }, (_, i) => i).filter((i) => !seen.has(i));
    throw damaged(`chunk${missing.length > 1 ? 's' : ''} ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? '…' : ''} missing`);
  }
  return out;
}

/** The grid of a uint8 index, for decodeFromStorage. */
export function gridOf(index: TensorChunkIndex): Uint8Grid | undefined {
  return index.scale !== undefined && index.offset !== undefined ? { scale: index.scale, offset: index.offset } : undefined;
}
