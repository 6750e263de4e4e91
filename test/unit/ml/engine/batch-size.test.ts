import { describe, expect, it } from 'vitest';
import { DEFAULT_BUFFER_LIMITS, largestSafeBatchSize } from '../../../../src/lib/ml/engine/batch-size';

const swiftshader = { maxBufferSize: 1_073_741_824, maxStorageBufferBindingSize: 1_073_741_824 };
const MiB = 1_048_576;

describe('largestSafeBatchSize', () => {
  it('divides half the smaller buffer limit by the per-sample bytes', () => {
    // 1 GiB · 0.5 / 8 MiB = 64
    expect(largestSafeBatchSize(swiftshader, 8 * MiB)).toBe(64);
    // the binding limit is the smaller one here: 128 MiB · 0.5 / 3 MiB = 21.3 → 21
    expect(largestSafeBatchSize({ maxBufferSize: 256 * MiB, maxStorageBufferBindingSize: 128 * MiB }, 3 * MiB)).toBe(21);
  });

  it('uses the WebGPU spec minima without an adapter', () => {
    expect(DEFAULT_BUFFER_LIMITS).toEqual({ maxBufferSize: 256 * MiB, maxStorageBufferBindingSize: 128 * MiB });
    expect(largestSafeBatchSize(null, 4 * MiB)).toBe(16);
    expect(largestSafeBatchSize({ maxBufferSize: Number.NaN, maxStorageBufferBindingSize: 1e12 }, 4 * MiB)).toBe(16);
  });

  it('caps the batch and honours a custom safety factor', () => {
    expect(largestSafeBatchSize(swiftshader, 1024)).toBe(512);
    expect(largestSafeBatchSize(swiftshader, 1024, { maxBatchSize: 32 })).toBe(32);
    expect(largestSafeBatchSize(swiftshader, 8 * MiB, { safetyFactor: 0.25 })).toBe(32);
  });

  it('returns 0 when not even one sample fits', () => {
    expect(largestSafeBatchSize(swiftshader, 600 * MiB)).toBe(0);
  });

  it('rejects nonsense input with InvalidInputError', () => {
    expect(() => largestSafeBatchSize(swiftshader, 0)).toThrow(expect.objectContaining({ name: 'InvalidInputError' }));
    expect(() => largestSafeBatchSize(swiftshader, Number.NaN)).toThrow(expect.objectContaining({ name: 'InvalidInputError' }));
    expect(() => largestSafeBatchSize(swiftshader, MiB, { safetyFactor: 1.5 })).toThrow(expect.objectContaining({ name: 'InvalidInputError' }));
  });
});
