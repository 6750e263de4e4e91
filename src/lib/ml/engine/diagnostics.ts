/** Snapshots of the tfjs runtime as plain data, for the diagnostics panel and bug reports. */
import type { EnvironmentSnapshot, MemorySnapshot, Tf } from './types';

export function memorySnapshot(tf: Tf): MemorySnapshot {
  const memory = tf.memory() as ReturnType<Tf['memory']> & { numBytesInGPU?: number };
  return {
    numTensors: memory.numTensors,
    numDataBuffers: memory.numDataBuffers,
    numBytes: memory.numBytes,
    unreliable: memory.unreliable ?? false,
    reasons: [...(memory.reasons ?? [])],
    numBytesInGPU: typeof memory.numBytesInGPU === 'number' ? memory.numBytesInGPU : null,
  };
}

/** Browser capabilities read from the global scope; each is absent (false/null) in Node. */
interface GlobalCapabilities {
  navigator?: { gpu?: unknown; hardwareConcurrency?: number };
  OffscreenCanvas?: unknown;
  WebAssembly?: unknown;
  SharedArrayBuffer?: unknown;
  crossOriginIsolated?: boolean;
}

export function environmentSnapshot(tf: Tf, scope: GlobalCapabilities = globalThis as GlobalCapabilities): EnvironmentSnapshot {
  const flags: Record<string, number | boolean | string> = {};
  // Only flags tfjs has already evaluated: evaluating one (WEBGL_VERSION…) can create contexts.
  for (const [name, value] of Object.entries(tf.env().getFlags())) {
    if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') flags[name] = value;
  }
  return {
    registeredBackends: Object.keys(tf.engine().registryFactory).sort(),
    hasWebGpuApi: scope.navigator?.gpu != null,
    hasOffscreenCanvas: typeof scope.OffscreenCanvas === 'function',
    hasWebAssembly: typeof scope.WebAssembly === 'object',
    hasSharedArrayBuffer: typeof scope.SharedArrayBuffer === 'function',
    crossOriginIsolated: typeof scope.crossOriginIsolated === 'boolean' ? scope.crossOriginIsolated : null,
    hardwareConcurrency: typeof scope.navigator?.hardwareConcurrency === 'number' ? scope.navigator.hardwareConcurrency : null,
    flags,
  };
}
