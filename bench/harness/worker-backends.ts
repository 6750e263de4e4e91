/**
 * Every browser backend tfjs has, registered in a benchmark worker the way the app's compute
 * worker does it (workers/compute.worker.ts): webgpu where navigator.gpu exists, wasm pinned
 * to its single-threaded builds, webgl and cpu from @tensorflow/tfjs itself.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { configureWasmBackend, type BackendPreparers } from '../../src/lib/ml/engine';
import { switchBackend } from '../../src/lib/ml/engine/backend-switch';
import type { WorkerEnvironment } from './protocol';

export const wasmPreparer: BackendPreparers = {
  wasm: () => configureWasmBackend(tf, setWasmPaths, { plain: wasmPlain, simd: wasmSimd, threadedSimd: wasmThreadedSimd }),
};

/** The navigator of a worker; typed by hand because the bench tsconfig has the DOM lib only. */
export function workerNavigator(): { gpu?: GPU; hardwareConcurrency: number; userAgent: string } {
  return (globalThis as unknown as { navigator: { gpu?: GPU; hardwareConcurrency: number; userAgent: string } }).navigator;
}

/** Starts one backend by name; `detail` says why it would not (tfjs's own warning, kept). */
export async function startBackend(name: string): Promise<{ ok: true } | { ok: false; detail: string }> {
  try {
    await wasmPreparer[name]?.();
  } catch (error) {
    return { ok: false, detail: `${name} could not be prepared: ${error instanceof Error ? error.message : String(error)}` };
  }
  return switchBackend(tf, name);
}

export async function describeEnvironment(): Promise<WorkerEnvironment> {
  const nav = workerNavigator();
  const environment: WorkerEnvironment = {
    userAgent: nav.userAgent, hardwareConcurrency: nav.hardwareConcurrency, tfjsVersion: tf.version.tfjs,
  };
  const backend = tf.getBackend();
  if (backend === 'webgpu' && nav.gpu) {
    const adapter = await nav.gpu.requestAdapter();
    if (adapter) environment.adapter = `${adapter.info.vendor || '?'}/${adapter.info.architecture || '?'}`;
  }
  if (backend === 'wasm') {
    environment.wasmFlavour = `${(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) ? 'SIMD' : 'plain'}, 1 thread`;
  }
  return environment;
}

/** postMessage of a dedicated worker, typed to one reply shape (the DOM lib types `self` as a window). */
export function replier<T>(): (message: T) => void {
  const scope = globalThis as unknown as { postMessage(message: T): void };
  return (message) => scope.postMessage(message);
}

export function onRequest<T>(handler: (request: T) => Promise<void>): void {
  const scope = globalThis as unknown as { onmessage: ((event: MessageEvent<T>) => void) | null };
  scope.onmessage = (event) => void handler(event.data);
}
