/**
 * What the WebGPU adapter and device say about themselves, copied into plain data.
 * GPUAdapterInfo and GPUSupportedLimits expose their values as prototype getters, which a
 * structured clone drops, so every field is read explicitly.
 */
import type { AdapterInfoSnapshot, GpuLimitsSnapshot, GpuSnapshot } from './types';
import type { GpuDeviceLike } from './device-loss';

/** The slice of GPUAdapter used here: `info` in current browsers, `requestAdapterInfo()` before. */
export interface GpuAdapterLike {
  readonly info?: object;
  requestAdapterInfo?: () => Promise<object>;
  readonly limits?: object;
  readonly isFallbackAdapter?: boolean;
}

/** The slice of navigator.gpu used here. */
export interface GpuLike {
  requestAdapter(options?: object): Promise<GpuAdapterLike | null>;
}

function numberField(source: object, key: string): number {
  const value = (source as Record<string, unknown>)[key];
  return typeof value === 'number' ? value : Number.NaN;
}

function stringField(source: object, key: string): string {
  const value = (source as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : '';
}

export function adapterInfoSnapshot(info: object, fallbackFlag?: boolean): AdapterInfoSnapshot {
  const flag = (info as Record<string, unknown>).isFallbackAdapter;
  return {
    vendor: stringField(info, 'vendor'),
    architecture: stringField(info, 'architecture'),
    device: stringField(info, 'device'),
    description: stringField(info, 'description'),
    isFallbackAdapter: typeof flag === 'boolean' ? flag : (fallbackFlag ?? null),
  };
}

export function limitsSnapshot(limits: object): GpuLimitsSnapshot {
  return {
    maxBufferSize: numberField(limits, 'maxBufferSize'),
    maxStorageBufferBindingSize: numberField(limits, 'maxStorageBufferBindingSize'),
    maxComputeWorkgroupStorageSize: numberField(limits, 'maxComputeWorkgroupStorageSize'),
    maxComputeInvocationsPerWorkgroup: numberField(limits, 'maxComputeInvocationsPerWorkgroup'),
    maxComputeWorkgroupSizeX: numberField(limits, 'maxComputeWorkgroupSizeX'),
    maxComputeWorkgroupsPerDimension: numberField(limits, 'maxComputeWorkgroupsPerDimension'),
    maxStorageBuffersPerShaderStage: numberField(limits, 'maxStorageBuffersPerShaderStage'),
  };
}

async function adapterInfoOf(adapter: GpuAdapterLike): Promise<AdapterInfoSnapshot | null> {
  if (adapter.info) return adapterInfoSnapshot(adapter.info, adapter.isFallbackAdapter);
  if (typeof adapter.requestAdapterInfo === 'function') {
    return adapterInfoSnapshot(await adapter.requestAdapterInfo(), adapter.isFallbackAdapter);
  }
  return null;
}

export const NO_GPU: GpuSnapshot = { adapter: null, limits: null, limitsSource: null };

/**
 * Prefers the running device: its limits are what tfjs was actually granted (it asks for the
 * adapter's maxima of the buffer limits). Without a device (wasm, webgl, cpu), asks for an
 * adapter, which is cheap and creates no device. Never throws: diagnostics must always render.
 */
export async function gpuSnapshot(device: GpuDeviceLike | null, gpu: GpuLike | null): Promise<GpuSnapshot> {
  try {
    const deviceInfo = device?.adapterInfo ? adapterInfoSnapshot(device.adapterInfo) : null;
    if (device?.limits && deviceInfo) {
      return { adapter: deviceInfo, limits: limitsSnapshot(device.limits), limitsSource: 'device' };
    }
    const adapter = gpu ? await gpu.requestAdapter() : null;
    const adapterInfo = deviceInfo ?? (adapter ? await adapterInfoOf(adapter) : null);
    if (device?.limits) return { adapter: adapterInfo, limits: limitsSnapshot(device.limits), limitsSource: 'device' };
    if (adapter?.limits) return { adapter: adapterInfo, limits: limitsSnapshot(adapter.limits), limitsSource: 'adapter' };
    return { adapter: adapterInfo, limits: null, limitsSource: null };
  } catch {
    return NO_GPU;
  }
}
