/**
 * The compute engine of one worker: picks and checks a tfjs backend once, watches the GPU
 * device, and answers diagnostics. Every method takes and returns plain data, so the worker can
 * expose this object as it is. State lives in this closure because a worker holds one engine;
 * "restart" means the main thread terminates the worker and makes a new one.
 */
import { EnclaveError, type Progress, type ProgressCallback } from '../../jobs';
import { DEFAULT_GRADIENT_TOLERANCE } from './compare-gradients';
import { deviceLostError, findGpuDevice, watchDeviceLoss, type GpuDeviceLike } from './device-loss';
import { environmentSnapshot, memorySnapshot } from './diagnostics';
import { gpuSnapshot, type GpuLike } from './gpu-info';
import { selectBackend, toSelfCheckResult, type BackendPreparers, type SelectBackendOptions, type SelectionWithReference } from './select-backend';
import { computeSelfCheckGradients } from './self-check';
import type {
  BackendAttempt,
  BackendName,
  DeviceLossInfo,
  DiagnosticsSnapshot,
  EngineState,
  EngineStatus,
  SelfCheckResult,
  Tf,
} from './types';

export interface ComputeEngineDeps {
  tf: Tf;
  /** navigator.gpu where it exists; only read for diagnostics. */
  gpu?: GpuLike | null;
  prepare?: BackendPreparers;
  computeGradients?: SelectBackendOptions['computeGradients'];
  timeoutMs?: number;
}

export interface InitOptions {
  /** Preferred backends, best first. Only the first successful init uses it. */
  order?: BackendName[];
}

/**
 * A progress callback that crossed a worker boundary returns a promise that rejects once the
 * main thread released it; a report nobody listens to any more must not crash the job.
 */
function safeProgress(callback: ProgressCallback | undefined): ProgressCallback | undefined {
  if (!callback) return undefined;
  return (progress: Progress) => {
    try {
      const returned: unknown = callback(progress);
      if (returned instanceof Promise) returned.catch(() => undefined);
    } catch {
      // Progress is advisory; the job goes on.
    }
  };
}

export function createComputeEngine(deps: ComputeEngineDeps) {
  const { tf } = deps;
  let state: EngineState = 'uninitialised';
  let selection: SelectionWithReference | null = null;
  let attempts: BackendAttempt[] = [];
  let device: GpuDeviceLike | null = null;
  let deviceLoss: DeviceLossInfo | null = null;
  let pending: Promise<EngineStatus> | null = null;
  const lossListeners: ((info: DeviceLossInfo) => void)[] = [];

  function status(): EngineStatus {
    return {
      state,
      backend: selection?.backend ?? null,
      selfCheck: selection?.selfCheck ?? null,
      attempts: [...attempts],
      deviceLoss,
    };
  }

  /** Throws the named error that explains why no computation can run now. */
  function assertUsable(): void {
    if (state === 'device-lost' && deviceLoss) throw deviceLostError(deviceLoss);
    if (state !== 'ready') {
      throw new EnclaveError('BackendUnavailableError', `The compute engine is not ready (${state}); start it first.`);
    }
  }

  async function start(options: InitOptions, onProgress: ProgressCallback | undefined): Promise<EngineStatus> {
    state = 'initialising';
    attempts = [];
    try {
      selection = await selectBackend(tf, {
        order: options.order,
        prepare: deps.prepare,
        computeGradients: deps.computeGradients,
        timeoutMs: deps.timeoutMs,
        onProgress: safeProgress(onProgress),
        onAttempt: (attempt) => attempts.push(attempt),
      });
    } catch (error) {
      state = 'failed';
      pending = null; // a later init may try again, e.g. with another order
      throw error;
    }
    state = 'ready';
    device = findGpuDevice(tf.backend());
    if (device) {
      watchDeviceLoss(device, (info) => {
        deviceLoss = info;
        state = 'device-lost';
        for (const listener of lossListeners) {
          try {
            const returned: unknown = listener(info);
            // A listener across a worker boundary may already be released; that is not our failure.
            if (returned instanceof Promise) returned.catch(() => undefined);
          } catch {
            // A broken listener must not stop the others from hearing about the loss.
          }
        }
      });
    }
    return status();
  }

  return {
    /** Idempotent: later calls return the first successful start's status. */
    init(options: InitOptions = {}, onProgress?: ProgressCallback): Promise<EngineStatus> {
      if (state === 'device-lost' && deviceLoss) return Promise.reject(deviceLostError(deviceLoss));
      pending ??= start(options, onProgress);
      return pending;
    },

    async status(): Promise<EngineStatus> {
      return status();
    },

    /** Runs the gradient self-check again on the running backend, e.g. after a long training run. */
    async runSelfCheck(): Promise<SelfCheckResult> {
      assertUsable();
      const current = selection as SelectionWithReference;
      try {
        const grads = await (deps.computeGradients ?? computeSelfCheckGradients)(tf, current.backend);
        return toSelfCheckResult(current.backend, grads, current.reference, DEFAULT_GRADIENT_TOLERANCE);
      } catch (error) {
        assertUsable(); // a device lost mid-computation explains the failure better
        throw error;
      }
    },

    /**
     * Calls `listener` when the GPU device is lost, however that happens (driver reset, another
     * app, the test hook), so the UI can offer a restart without polling.
     */
    async onDeviceLost(listener: (info: DeviceLossInfo) => void): Promise<void> {
      if (deviceLoss) listener(deviceLoss);
      else lossListeners.push(listener);
    },

    async assertUsable(): Promise<void> {
      assertUsable();
    },

    /** Never throws: the panel must render even when everything else is broken. */
    async diagnostics(): Promise<DiagnosticsSnapshot> {
      let memory = null;
      if (state === 'ready' || state === 'device-lost') {
        try {
          memory = memorySnapshot(tf);
        } catch {
          memory = null;
        }
      }
      return {
        takenAt: new Date().toISOString(),
        state,
        backend: selection?.backend ?? null,
        tfjsVersion: tf.version_core,
        gpu: await gpuSnapshot(device, deps.gpu ?? null),
        memory,
        selfCheck: selection?.selfCheck ?? null,
        attempts: [...attempts],
        deviceLoss,
        environment: environmentSnapshot(tf),
      };
    },

    /**
     * Test hook: destroys the WebGPU device, which resolves its `lost` promise with reason
     * 'destroyed' and drives the real device-loss path. Resolves once the state shows it.
     */
    async simulateDeviceLoss(): Promise<void> {
      if (state === 'device-lost' && deviceLoss) throw deviceLostError(deviceLoss);
      if (!device) {
        throw new EnclaveError('BackendUnavailableError', `Simulating a GPU device loss needs the webgpu backend; the engine runs on ${selection?.backend ?? 'no backend yet'}.`);
      }
      device.destroy();
      await device.lost; // the watcher subscribed first, so its update has run by now
    },
  };
}

export type ComputeEngine = ReturnType<typeof createComputeEngine>;
