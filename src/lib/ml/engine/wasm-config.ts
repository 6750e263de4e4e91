/**
 * Pointing the tfjs wasm backend at its binaries. The URLs come from the worker (Vite `?url`
 * imports, which Node cannot resolve), so this file only applies them.
 */
import type { Tf } from './types';

export interface WasmBinaryUrls {
  /** tfjs-backend-wasm.wasm */
  plain: string;
  /** tfjs-backend-wasm-simd.wasm */
  simd: string;
  /** tfjs-backend-wasm-threaded-simd.wasm: never loaded (see below), but setWasmPaths wants all three. */
  threadedSimd: string;
}

export type SetWasmPaths = (paths: Record<string, string>) => void;

/**
 * Call before the first `setBackend('wasm')`. The threaded build needs SharedArrayBuffer (only
 * under cross-origin isolation, which the site does not have) and spawns its helpers from
 * blob: URLs that the strict CSP forbids; tfjs would probe and could pick it where isolation
 * happens to exist, so the choice is pinned to the single-threaded SIMD or plain build.
 */
export function configureWasmBackend(tf: Tf, setWasmPaths: SetWasmPaths, urls: WasmBinaryUrls): void {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  setWasmPaths({
    'tfjs-backend-wasm.wasm': urls.plain,
    'tfjs-backend-wasm-simd.wasm': urls.simd,
    'tfjs-backend-wasm-threaded-simd.wasm': urls.threadedSimd,
  });
}
