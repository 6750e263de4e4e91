/**
 * GPU memory and the batch size: a check before a run starts, and a clear message (with a smaller
 * batch to try) when a backend runs out of memory anyway, instead of a dead tab.
 */
import type * as tf from '@tensorflow/tfjs';
import { EnclaveError } from '../../jobs';
import { largestSafeBatchSize, type BatchSizeOptions, type BufferLimits } from '../engine/batch-size';

export type BatchSizeCheck =
  | { ok: true; batchSize: number; largestSafe: number }
  | { ok: false; batchSize: number; largestSafe: number; suggestion: number; error: EnclaveError };

/**
 * Bytes of the largest per-sample float32 tensor in a forward pass: the biggest of the input and
 * each layer's output (the gradient of that activation is as large, and lives in its own buffer).
 */
export function estimateBytesPerSample(model: tf.LayersModel): number {
  const perSample = (shape: readonly (number | null)[]): number => shape.slice(1).reduce<number>((a, d) => a * (d ?? 1), 1);
  const shapes: (readonly (number | null)[])[] = [];
  for (const input of model.inputs) shapes.push(input.shape);
  for (const layer of model.layers) {
    const output = layer.outputShape;
    if (Array.isArray(output[0])) shapes.push(...(output as (number | null)[][]));
    else shapes.push(output as (number | null)[]);
  }
  return 4 * Math.max(1, ...shapes.map(perSample));
}

/** `limits`: the WebGPU device's, or null for the spec minima. */
export function checkBatchSize(
  bytesPerSample: number,
  limits: BufferLimits | null,
  requested: number,
  options: BatchSizeOptions = {},
): BatchSizeCheck {
  const largestSafe = largestSafeBatchSize(limits, bytesPerSample, options);
  if (requested <= largestSafe) return { ok: true, batchSize: requested, largestSafe };
  const mebibytes = (bytesPerSample / 1_048_576).toFixed(1);
  if (largestSafe === 0) {
    return {
      ok: false, batchSize: requested, largestSafe, suggestion: 0,
      error: new EnclaveError(
        'GpuOutOfMemoryError',
        `One sample needs a ${mebibytes} MiB tensor, more than this GPU can hold in one buffer. Use smaller inputs (a lower resolution or fewer frames) or a smaller model.`,
      ),
    };
  }
  return {
    ok: false, batchSize: requested, largestSafe, suggestion: largestSafe,
    error: new EnclaveError(
      'GpuOutOfMemoryError',
      `A batch of ${requested} needs more memory in one GPU buffer than this GPU allows (${mebibytes} MiB per sample). Use a batch size of ${largestSafe} or less.`,
    ),
  };
}

/**
 * What running out of memory looks like from each backend (no message is a stable API, so this
 * matches the known wordings):
 * - WebGPU: a GPUOutOfMemoryError from an error scope or the uncapturederror event; createBuffer's
 *   RangeError "… too large for the implementation …"; Dawn's "Buffer size (…) exceeds the max
 *   buffer size limit"; a storage binding "larger than the maximum storage buffer binding size".
 * - WebGL: tfjs's "Requested texture size … greater than WebGL maximum", "Unable to create WebGLTexture".
 * - wasm: "Maximum memory size exceeded" (Memory.grow), emscripten's "Cannot enlarge memory" / "Aborted(OOM)".
 * - cpu: "Array buffer allocation failed", "Invalid typed array length".
 */
const OUT_OF_MEMORY = new RegExp([
  'out of memory', 'outofmemory', 'failed to allocate', 'allocation failed', 'too large for the implementation',
  'exceeds the max(imum)? buffer size', 'larger than the maximum storage buffer binding size',
  'greater than webgl maximum', 'unable to create webgltexture', 'maximum memory size exceeded',
  'cannot enlarge memory', 'aborted\\(oom\\)', 'invalid typed array length',
].join('|'), 'i');

export function isOutOfMemoryError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return typeof error === 'string' && OUT_OF_MEMORY.test(error);
  const { name, message, constructor } = error as { name?: unknown; message?: unknown; constructor?: { name?: unknown } };
  // GPUError objects from popErrorScope are not Error instances and carry no `name`.
  if (name === 'GpuOutOfMemoryError' || name === 'GPUOutOfMemoryError' || constructor?.name === 'GPUOutOfMemoryError') return true;
  if (typeof message === 'string' && OUT_OF_MEMORY.test(message)) return true;
  const cause = (error as { cause?: unknown }).cause;
  return cause !== undefined && cause !== error && isOutOfMemoryError(cause);
}

/** The error to show: what happened, and half the batch to try next (or what to do at batch 1). */
export function toGpuOutOfMemoryError(error: unknown, batchSize: number): EnclaveError {
  if (error instanceof EnclaveError && error.name === 'GpuOutOfMemoryError') return error;
  const detail = typeof (error as { message?: unknown })?.message === 'string' ? ` (${(error as { message: string }).message})` : '';
  const advice = batchSize > 1
    ? `Try a batch size of ${Math.max(1, Math.floor(batchSize / 2))}.`
    : 'Even one sample does not fit: use smaller inputs (a lower resolution or fewer frames), a smaller model, or the wasm or cpu backend.';
  return new EnclaveError('GpuOutOfMemoryError', `The GPU ran out of memory with a batch of ${batchSize}${detail}. ${advice}`, { cause: error });
}
