// The compute worker: tfjs with every browser backend registered, and the dataset jobs that run
// on it (preprocessing recipes read the de-identified outputs the ingest worker serves on a port).
import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu'; // registers 'webgpu' where navigator.gpu exists
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm'; // registers 'wasm'
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import codecsWasm from 'dcmjs-codecs/build/dcmjs-native-codecs.wasm?url';
import { configureCodecWasm } from '../src/lib/dicom/pixels';
import { encodeClipMp4 } from '../src/lib/media/mp4-clip';
import { configureWasmBackend, createComputeEngine } from '../src/lib/ml/engine';
import { openEnclaveDatabase } from '../src/lib/store';
import { createDatasetApi } from '../src/lib/workspace/dataset-api';
import type { DeidOutputSource } from '../src/lib/workspace/dataset-build';
import { plannedScanInput, preprocessPlannedScan } from '../src/lib/workspace/dataset-preprocess';
import { createTrainingApi } from '../src/lib/workspace/run-api';
import { version as enclaveVersion } from '../package.json';

configureCodecWasm({ url: codecsWasm });
const engine = createComputeEngine({
  tf,
  gpu: self.navigator.gpu ?? null,
  prepare: {
    wasm: () => configureWasmBackend(tf, setWasmPaths, { plain: wasmPlain, simd: wasmSimd, threadedSimd: wasmThreadedSimd }),
  },
});
const datasets = createDatasetApi({
  openDatabase: () => openEnclaveDatabase(),
  ready: () => engine.init(),
  connect: (port) => Comlink.wrap<DeidOutputSource>(port),
  preprocess: preprocessPlannedScan,
  scanInput: plannedScanInput,
  encodeMp4: encodeClipMp4,
  transfer: Comlink.transfer,
});
const training = createTrainingApi({
  openDatabase: () => openEnclaveDatabase(),
  ready: () => engine.init(),
  bufferLimits: async () => (await engine.diagnostics()).gpu.limits ?? undefined,
  connect: (port) => Comlink.wrap<DeidOutputSource>(port),
  preprocess: preprocessPlannedScan,
  enclaveVersion,
  // Only ever called for a download the person started; the page's CSP limits where it can go.
  fetchImpl: (url, init) => self.fetch(url, init),
  appOrigin: self.location.origin,
});
const api = { ...engine, ...datasets, ...training };

Comlink.expose(api);
export type ComputeApi = typeof api;
