/**
 * Where the codec WebAssembly comes from. In the browser the binary must be served by the app
 * itself (the CSP allows no other origin), so the worker passes the URL of a Vite `?url` import:
 *
 *   import codecsWasm from 'dcmjs-codecs/build/dcmjs-native-codecs.wasm?url';
 *   configureCodecWasm({ url: codecsWasm });
 *
 * This file cannot make that import itself (src/lib also runs in Node, which has no `?url`).
 * In Node (tests, CLI) nothing needs configuring: the binary is read from node_modules.
 * Exactly like src/lib/ml/engine/wasm-config.ts does for the tfjs backend.
 */

export interface CodecWasmSource {
  /** A URL on the app's own origin. */
  url?: string;
  /** Or a function that returns the bytes (e.g. read from disk by a CLI). */
  load?: () => Promise<ArrayBuffer | Uint8Array>;
}

/** The package path of the binary, for a Vite `?url` import or a Node resolve. */
export const DCMJS_CODECS_WASM = 'dcmjs-codecs/build/dcmjs-native-codecs.wasm';

let configured: CodecWasmSource | undefined;

/** Call before the first compressed frame is decoded (a later call affects only a later load). */
export function configureCodecWasm(source: CodecWasmSource): void {
  configured = source;
}

export async function loadCodecWasm(): Promise<ArrayBuffer> {
  const source = configured;
  if (source?.load) return toArrayBuffer(await source.load());
  if (source?.url) return fetchBytes(source.url);
  if (isNode()) return readFromNodeModules();
  throw new Error(
    'the codec WebAssembly has no URL: the worker must call configureCodecWasm({ url }) with a `?url` import of ' +
      DCMJS_CODECS_WASM,
  );
}

async function fetchBytes(url: string): Promise<ArrayBuffer> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`fetching ${url} answered ${response.status} ${response.statusText}`);
  return response.arrayBuffer();
}

function isNode(): boolean {
  // Read through globalThis: worker builds have no Node types, and `process` is absent there.
  const proc = (globalThis as { process?: { versions?: { node?: unknown } } }).process;
  return typeof proc?.versions?.node === 'string';
}

interface NodeModuleApi {
  createRequire(from: string): { resolve(request: string): string };
}
interface NodeFsApi {
  readFile(path: string): Promise<Uint8Array>;
}

/**
 * Node only. The specifiers are variables so that bundlers building the worker leave these
 * imports alone: the browser never reaches this path, because the worker configures a URL.
 */
async function readFromNodeModules(): Promise<ArrayBuffer> {
  const moduleSpecifier = 'node:module';
  const fsSpecifier = 'node:fs/promises';
  const { createRequire } = (await import(/* @vite-ignore */ moduleSpecifier)) as NodeModuleApi;
  const { readFile } = (await import(/* @vite-ignore */ fsSpecifier)) as NodeFsApi;
  const path = createRequire(import.meta.url).resolve(DCMJS_CODECS_WASM);
  return toArrayBuffer(await readFile(path));
}

function toArrayBuffer(bytes: ArrayBuffer | Uint8Array): ArrayBuffer {
  if (bytes instanceof ArrayBuffer) return bytes;
  return bytes.slice().buffer as ArrayBuffer;
}
