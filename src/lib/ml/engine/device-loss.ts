/**
 * Watching the WebGPU device for loss. A lost device (driver reset, GPU process crash, the
 * browser reclaiming memory, or destroy()) makes every later tfjs call on webgpu fail in
 * confusing ways, so the engine turns it into one named, explained state.
 */
import { EnclaveError } from '../../jobs';
import type { DeviceLossInfo } from './types';

/** The slice of GPUDevice the engine uses; structural so tests can hand in a fake. */
export interface GpuDeviceLike {
  readonly lost: Promise<{ readonly reason: string; readonly message: string }>;
  destroy(): void;
  readonly limits?: object;
  readonly adapterInfo?: object;
}

/**
 * The tfjs WebGPU backend keeps its GPUDevice in the public field `device`
 * (WebGPUBackend.device in @tensorflow/tfjs-backend-webgpu). Any other backend has none.
 */
export function findGpuDevice(backend: unknown): GpuDeviceLike | null {
  if (typeof backend !== 'object' || backend === null || !('device' in backend)) return null;
  const { device } = backend as { device: unknown };
  if (typeof device !== 'object' || device === null) return null;
  const candidate = device as Partial<GpuDeviceLike>;
  if (!(candidate.lost instanceof Promise) || typeof candidate.destroy !== 'function') return null;
  return device as GpuDeviceLike;
}

/** Calls `onLost` once, when the device's `lost` promise resolves. */
export function watchDeviceLoss(
  device: GpuDeviceLike,
  onLost: (info: DeviceLossInfo) => void,
  now: () => Date = () => new Date(),
): void {
  void device.lost.then(
    (info) => onLost({ reason: String(info.reason ?? 'unknown'), message: String(info.message ?? ''), at: now().toISOString() }),
    // `lost` never rejects per the WebGPU spec; a fake or a broken implementation still must
    // not leave an unhandled rejection behind.
    () => undefined,
  );
}

export function deviceLostError(info: DeviceLossInfo): EnclaveError {
  return new EnclaveError(
    'GpuDeviceLostError',
    `The GPU device was lost (${info.reason}). Restart the compute engine to continue; nothing saved was lost.`,
  );
}
