// The compute worker: tfjs with every browser backend registered, exposed over comlink.
import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu'; // registers 'webgpu' where navigator.gpu exists
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm'; // registers 'wasm'
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { configureWasmBackend, createComputeEngine } from '../src/lib/ml/engine';

const api = createComputeEngine({
  tf,
  gpu: self.navigator.gpu ?? null,
  prepare: {
    wasm: () => configureWasmBackend(tf, setWasmPaths, { plain: wasmPlain, simd: wasmSimd, threadedSimd: wasmThreadedSimd }),
  },
});

Comlink.expose(api);
export type ComputeApi = typeof api;
