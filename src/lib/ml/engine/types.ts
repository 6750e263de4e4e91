/**
 * Plain-data shapes the compute engine hands across the worker boundary. Everything here must
 * survive a structured clone: no classes, no functions, no tensors, no GPU objects.
 */
import type * as tfCore from '@tensorflow/tfjs-core';

/**
 * The tfjs namespace the engine works with. The worker passes `@tensorflow/tfjs` (a superset);
 * tests pass the same namespace with only the cpu backend working. Injected rather than imported
 * so the engine never decides by itself which backends get registered.
 */
export type Tf = typeof tfCore;

/** The backends Enclave knows; other registered names (test doubles) are allowed too. */
export type KnownBackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
// `string & {}` keeps editor completion for the known names while accepting any string.
export type BackendName = KnownBackendName | (string & {});

export const DEFAULT_BACKEND_ORDER: readonly KnownBackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/** Outcome of the gradient self-check of one backend against the cpu reference. */
export interface SelfCheckResult {
  backend: BackendName;
  passed: boolean;
  /** Largest |actual − reference| over every gradient element (finite elements only). */
  maxAbsError: number;
  /** Largest error relative to the magnitude of the gradient tensor it belongs to. */
  maxRelError: number;
  /** L2 norm of all gradients on the checked backend. */
  gradientNorm: number;
  /** L2 norm of all gradients on the cpu reference. */
  referenceNorm: number;
  /** Time the checked backend took for the gradient, first shader compilation included. */
  durationMs: number;
  /** Why the check failed, in words a person can read; absent when it passed. */
  reason?: string;
}

export type AttemptOutcome = 'selected' | 'unavailable' | 'self-check-failed' | 'error';

/** One step of backend selection, so the UI can say what was tried and why it was passed over. */
export interface BackendAttempt {
  backend: BackendName;
  outcome: AttemptOutcome;
  detail: string;
  selfCheck?: SelfCheckResult;
}

export interface BackendSelection {
  backend: BackendName;
  selfCheck: SelfCheckResult;
  attempts: BackendAttempt[];
}

/** Why and when the WebGPU device went away (GPUDeviceLostInfo, as plain data). */
export interface DeviceLossInfo {
  /** 'destroyed' (someone called destroy()) or 'unknown' (driver reset, TDR, tab in background…). */
  reason: string;
  /** The browser's own message, often empty. */
  message: string;
  /** ISO 8601 time at which the loss was observed. */
  at: string;
}

export type EngineState = 'uninitialised' | 'initialising' | 'ready' | 'failed' | 'device-lost';

export interface EngineStatus {
  state: EngineState;
  backend: BackendName | null;
  selfCheck: SelfCheckResult | null;
  attempts: BackendAttempt[];
  deviceLoss: DeviceLossInfo | null;
}

/** GPUAdapterInfo as plain data. */
export interface AdapterInfoSnapshot {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  isFallbackAdapter: boolean | null;
}

/** The GPUSupportedLimits that bound tensor and batch sizes. */
export interface GpuLimitsSnapshot {
  maxBufferSize: number;
  maxStorageBufferBindingSize: number;
  maxComputeWorkgroupStorageSize: number;
  maxComputeInvocationsPerWorkgroup: number;
  maxComputeWorkgroupSizeX: number;
  maxComputeWorkgroupsPerDimension: number;
  maxStorageBuffersPerShaderStage: number;
}

export interface GpuSnapshot {
  adapter: AdapterInfoSnapshot | null;
  limits: GpuLimitsSnapshot | null;
  /** 'device': limits the running WebGPU device was granted; 'adapter': what an adapter offers. */
  limitsSource: 'device' | 'adapter' | null;
}

/** tf.memory(), as plain data. */
export interface MemorySnapshot {
  numTensors: number;
  numDataBuffers: number;
  numBytes: number;
  unreliable: boolean;
  reasons: string[];
  /** WebGPU only: bytes currently held in GPU buffers by tfjs. */
  numBytesInGPU: number | null;
}

export interface EnvironmentSnapshot {
  /** Backends tfjs has a factory for in this context (webgpu only where navigator.gpu exists). */
  registeredBackends: string[];
  hasWebGpuApi: boolean;
  hasOffscreenCanvas: boolean;
  hasWebAssembly: boolean;
  hasSharedArrayBuffer: boolean;
  crossOriginIsolated: boolean | null;
  hardwareConcurrency: number | null;
  /** tfjs environment flags evaluated so far (WEBGL_VERSION, WASM_HAS_SIMD_SUPPORT, IS_NODE…). */
  flags: Record<string, number | boolean | string>;
}

export interface DiagnosticsSnapshot {
  takenAt: string;
  state: EngineState;
  backend: BackendName | null;
  tfjsVersion: string;
  gpu: GpuSnapshot;
  memory: MemorySnapshot | null;
  selfCheck: SelfCheckResult | null;
  attempts: BackendAttempt[];
  deviceLoss: DeviceLossInfo | null;
  environment: EnvironmentSnapshot;
}
