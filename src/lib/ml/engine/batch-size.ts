/**
 * The largest batch whose biggest tensor still fits in one GPU buffer. WebGPU cannot allocate a
 * buffer over maxBufferSize nor bind one over maxStorageBufferBindingSize, and tfjs keeps each
 * tensor in one buffer, so the largest per-batch tensor (usually the first conv activation or
 * its gradient) is what bounds the batch. Total GPU memory is not observable from the web, so
 * the safety factor leaves room for the other tensors alive at the same time.
 */
import { EnclaveError } from '../../jobs';
import type { GpuLimitsSnapshot } from './types';

export type BufferLimits = Pick<GpuLimitsSnapshot, 'maxBufferSize' | 'maxStorageBufferBindingSize'>;

/** The WebGPU spec's guaranteed minimum limits: safe on any adapter, and used without one. */
export const DEFAULT_BUFFER_LIMITS: BufferLimits = {
  maxBufferSize: 268_435_456,
  maxStorageBufferBindingSize: 134_217_728,
};

export interface BatchSizeOptions {
  /** Fraction of the buffer limit one tensor may take (0 < f ≤ 1). */
  safetyFactor?: number;
  /** Upper bound regardless of memory; very large batches rarely help fine-tuning. */
  maxBatchSize?: number;
}

/**
 * `bytesPerSample`: bytes the largest single tensor needs per sample, e.g. 64·64·32 float32
 * activations = 524 288. Returns 0 when not even one sample fits, so the caller can say so.
 */
export function largestSafeBatchSize(
  limits: BufferLimits | null,
  bytesPerSample: number,
  options: BatchSizeOptions = {},
): number {
  const safetyFactor = options.safetyFactor ?? 0.5;
  const maxBatchSize = options.maxBatchSize ?? 512;
  if (!Number.isFinite(bytesPerSample) || bytesPerSample <= 0) {
    throw new EnclaveError('InvalidInputError', `The per-sample size must be a positive number of bytes, not ${bytesPerSample}.`);
  }
  if (!(safetyFactor > 0 && safetyFactor <= 1)) {
    throw new EnclaveError('InvalidInputError', `The safety factor must be in (0, 1], not ${safetyFactor}.`);
  }
  const reported = [limits?.maxBufferSize, limits?.maxStorageBufferBindingSize]
    .filter((v): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0);
  // Missing or unreadable limits (no WebGPU, a limit the browser did not report): spec minima.
  const limit = reported.length === 2
    ? Math.min(...reported)
    : Math.min(DEFAULT_BUFFER_LIMITS.maxBufferSize, DEFAULT_BUFFER_LIMITS.maxStorageBufferBindingSize);
  const fits = Math.floor((limit * safetyFactor) / bytesPerSample);
  return Math.max(0, Math.min(fits, Math.floor(maxBatchSize)));
}
