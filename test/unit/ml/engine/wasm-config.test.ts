import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm'; // registers 'wasm' in Node too
import { configureWasmBackend } from '../../../../src/lib/ml/engine/wasm-config';
import { selectBackend } from '../../../../src/lib/ml/engine/select-backend';

const wasmDir = createRequire(import.meta.url)
  .resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')
  .replace(/tfjs-backend-wasm\.wasm$/, '');

describe('wasm backend configuration', () => {
  it('maps all three binaries and pins the single-threaded build', () => {
    const calls: Record<string, string>[] = [];
    configureWasmBackend(tf, (paths) => calls.push(paths), { plain: '/a.wasm', simd: '/b.wasm', threadedSimd: '/c.wasm' });
    expect(calls).toEqual([{
      'tfjs-backend-wasm.wasm': '/a.wasm',
      'tfjs-backend-wasm-simd.wasm': '/b.wasm',
      'tfjs-backend-wasm-threaded-simd.wasm': '/c.wasm',
    }]);
    expect(tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT')).toBe(false);
  });

  it('starts the real wasm backend, whose missing conv filter gradient the self-check catches', async () => {
    // tfjs-backend-wasm 4.22 has no Conv2DBackpropFilter kernel, so it cannot train a CNN:
    // selection must report that and fall back, rather than fail later in the first epoch.
    await tf.setBackend('cpu');
    const before = tf.memory().numTensors;
    const selection = await selectBackend(tf, {
      order: ['wasm', 'cpu'],
      prepare: {
        wasm: () => configureWasmBackend(tf, setWasmPaths, {
          plain: `${wasmDir}tfjs-backend-wasm.wasm`,
          simd: `${wasmDir}tfjs-backend-wasm-simd.wasm`,
          threadedSimd: `${wasmDir}tfjs-backend-wasm-threaded-simd.wasm`,
        }),
      },
    });
    expect(selection.attempts[0]).toEqual({
      backend: 'wasm',
      outcome: 'error',
      detail: "wasm failed during the self-check: Kernel 'Conv2DBackpropFilter' not registered for backend 'wasm'",
    });
    expect(selection.backend).toBe('cpu');
    expect(tf.memory().numTensors).toBe(before); // the failed gradient left nothing behind
    expect(tf.findBackendFactory('wasm')).toBeNull(); // and the rejected backend is gone
  });
});
