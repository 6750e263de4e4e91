import { describe, expect, it } from 'vitest';
import { chunkTensor, gridOf, reassembleChunks, DEFAULT_CHUNK_BYTES } from '../../../src/lib/dataset/chunks';
import { chooseStorage, decodeFromStorage, encodeForStorage } from '../../../src/lib/dataset/storage-codec';

function bytesOf(n: number): Uint8Array {
  return Uint8Array.from({ length: n }, (_, i) => (i * 31 + 7) % 256);
}

describe('chunkTensor', () => {
  it('cuts at whole elements, every chunk its own buffer, and records the index', () => {
    const bytes = bytesOf(2 * 3 * 5 * 4);
    const { index, chunks } = chunkTensor('ENC-1/s1', { dtype: 'float32', shape: [2, 3, 5], bytes }, { maxChunkBytes: 50, precision: 'float32, lossless' });
    expect(index).toEqual({
      version: 1, scanId: 'ENC-1/s1', dtype: 'float32', shape: [2, 3, 5], chunkCount: 3, byteLength: 120, chunkBytes: 48,
      precision: 'float32, lossless',
    });
    expect(chunks.map((c) => [c.index, c.bytes.byteLength, c.bytes.buffer.byteLength])).toEqual([[0, 48, 48], [1, 48, 48], [2, 24, 24]]);
    expect(Array.from(reassembleChunks(index, chunks))).toEqual(Array.from(bytes));
  });

  it('uses 4 MiB chunks by default, and one chunk for a small tensor', () => {
    expect(DEFAULT_CHUNK_BYTES).toBe(4194304);
    const { index, chunks } = chunkTensor('a', { dtype: 'uint8', shape: [10], bytes: bytesOf(10) });
    expect([index.chunkCount, index.chunkBytes, chunks.length]).toEqual([1, 4194304, 1]);
  });

  it('keeps an empty tensor as zero chunks that reassemble to nothing', () => {
    const { index, chunks } = chunkTensor('e', { dtype: 'int16', shape: [0, 4], bytes: new Uint8Array(0) });
    expect(index.chunkCount).toBe(0);
    expect(reassembleChunks(index, chunks).byteLength).toBe(0);
  });

  it('refuses bytes that disagree with the shape, and a chunk too small for one element', () => {
    expect(() => chunkTensor('a', { dtype: 'uint16', shape: [3], bytes: bytesOf(5) })).toThrow(/has 5 bytes but shape \[3\] of uint16 needs 6/);
    expect(() => chunkTensor('a', { dtype: 'float32', shape: [3], bytes: bytesOf(12) }, { maxChunkBytes: 3 })).toThrow(/at least one float32 element/);
  });
});

describe('reassembleChunks', () => {
  const { index, chunks } = chunkTensor('s', { dtype: 'uint8', shape: [10], bytes: bytesOf(10) }, { maxChunkBytes: 4 });

  it('accepts chunks in any order', () => {
    expect(Array.from(reassembleChunks(index, [chunks[2]!, chunks[0]!, chunks[1]!]))).toEqual(Array.from(bytesOf(10)));
  });

  it('names what is wrong with a damaged set', () => {
    expect(() => reassembleChunks(index, [chunks[0]!, chunks[2]!])).toThrow('The stored tensor of scan s is damaged (chunk 1 missing); preprocess this scan again.');
    expect(() => reassembleChunks(index, [...chunks, chunks[1]!])).toThrow(/chunk 1 is there twice/);
    expect(() => reassembleChunks(index, [chunks[0]!, chunks[1]!, { ...chunks[2]!, bytes: new Uint8Array(4) }])).toThrow(/chunk 2 has 4 bytes, expected 2/);
    expect(() => reassembleChunks(index, [...chunks, { scanId: 't', index: 0, bytes: new Uint8Array(4) }])).toThrow(/a chunk of scan t is mixed in/);
    expect(() => reassembleChunks(index, [...chunks, { scanId: 's', index: 3, bytes: new Uint8Array(4) }])).toThrow(/chunk 3 is not one of its 3/);
  });
});

describe('codec and chunks together', () => {
  it('stores a uint8-grid tensor in chunks and reads the same float32 values back', () => {
    const values = Float32Array.from({ length: 1000 }, (_, i) => (i % 256) / 255);
    const choice = chooseStorage(values);
    const encoded = encodeForStorage([10, 100], values, choice);
    const { index, chunks } = chunkTensor('x', encoded, { maxChunkBytes: 300, precision: choice.statement });
    expect([index.dtype, index.chunkCount, index.offset, index.scale]).toEqual(['uint8', 4, 0, 1 / 255]);
    const back = decodeFromStorage({ dtype: 'uint8', bytes: reassembleChunks(index, chunks), grid: gridOf(index) });
    expect(Buffer.from(back.buffer).equals(Buffer.from(values.buffer))).toBe(true);
  });
});
