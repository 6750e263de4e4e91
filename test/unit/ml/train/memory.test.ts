import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { EnclaveError } from '../../../../src/lib/jobs';
import { checkBatchSize, estimateBytesPerSample, isOutOfMemoryError, toGpuOutOfMemoryError } from '../../../../src/lib/ml/train';

beforeAll(async () => { await tf.setBackend('cpu'); });

const MiB = 1_048_576;
const swiftshader = { maxBufferSize: 1024 * MiB, maxStorageBufferBindingSize: 1024 * MiB };

describe('checkBatchSize', () => {
  it('passes a batch within half the smaller buffer limit', () => {
    expect(checkBatchSize(8 * MiB, swiftshader, 64)).toEqual({ ok: true, batchSize: 64, largestSafe: 64 });
    expect(checkBatchSize(4 * MiB, null, 16)).toEqual({ ok: true, batchSize: 16, largestSafe: 16 });
  });

  it('refuses a larger batch with GpuOutOfMemoryError and the largest safe size', () => {
    const check = checkBatchSize(8 * MiB, swiftshader, 100);
    expect(check).toMatchObject({ ok: false, batchSize: 100, largestSafe: 64, suggestion: 64 });
    if (check.ok) throw new Error('expected a refusal');
    expect(check.error.name).toBe('GpuOutOfMemoryError');
    expect(check.error.message).toBe('A batch of 100 needs more memory in one GPU buffer than this GPU allows (8.0 MiB per sample). Use a batch size of 64 or less.');
  });

  it('says so when not even one sample fits', () => {
    const check = checkBatchSize(600 * MiB, swiftshader, 1);
    expect(check).toMatchObject({ ok: false, largestSafe: 0, suggestion: 0 });
    if (check.ok) throw new Error('expected a refusal');
    expect(check.error.message).toMatch(/^One sample needs a 600\.0 MiB tensor.*Use smaller inputs/);
  });
});

describe('out-of-memory errors', () => {
  it('recognises what each backend throws, and nothing else', () => {
    const oom = [
      new RangeError("Failed to execute 'createBuffer' on 'GPUDevice': createBuffer failed, size is too large for the implementation when mappedAtCreation == true"),
      new Error('Buffer size (2147483648) exceeds the max buffer size limit (1073741824).'),
      { message: 'Out of memory', constructor: { name: 'GPUOutOfMemoryError' } },
      new Error('Requested texture size [70000x1] greater than WebGL maximum on this browser / GPU [16384x16384].'),
      new RangeError('WebAssembly.Memory.grow(): Maximum memory size exceeded'),
      new RangeError('Array buffer allocation failed'),
      new EnclaveError('GpuOutOfMemoryError', 'already ours'),
      new Error('wrapped', { cause: new Error('Failed to allocate 1 GB') }),
    ];
    oom.forEach((e) => expect(isOutOfMemoryError(e), String((e as { message?: string }).message)).toBe(true));
    [new Error('Tensor is disposed.'), new Error('Shapes do not match'), null, 42].forEach((e) => expect(isOutOfMemoryError(e)).toBe(false));
  });

  it('suggests half the batch, or smaller inputs at batch 1', () => {
    const error = toGpuOutOfMemoryError(new Error('Out of memory'), 32);
    expect(error.name).toBe('GpuOutOfMemoryError');
    expect(error.message).toBe('The GPU ran out of memory with a batch of 32 (Out of memory). Try a batch size of 16.');
    expect(toGpuOutOfMemoryError(new Error('Out of memory'), 1).message).toMatch(/Even one sample does not fit/);
    const ours = new EnclaveError('GpuOutOfMemoryError', 'x');
    expect(toGpuOutOfMemoryError(ours, 8)).toBe(ours);
  });
});

describe('estimateBytesPerSample', () => {
  it('is the largest per-sample activation in float32', () => {
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [16, 16, 1], filters: 8, kernelSize: 3, padding: 'same' }),
        tf.layers.maxPooling2d({ poolSize: 2 }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 2 }),
      ],
    });
    expect(estimateBytesPerSample(model)).toBe(16 * 16 * 8 * 4);
    model.dispose();
  });
});
