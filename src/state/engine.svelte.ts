import type { DiagnosticsSnapshot, EngineStatus } from '../lib/ml/engine/types';
import type { Progress } from '../lib/jobs';
import { EnclaveError, describeError } from '../lib/jobs';
import { createComputeClient } from '../bridge/compute';
import { listenerProxy, progressProxy } from '../bridge/worker-client';

/**
 * The compute engine as the UI sees it: started once per page, restartable after a lost GPU
 * device or a crash. Restart terminates the worker, which also frees all its GPU memory.
 */
export class EngineState {
  status = $state<EngineStatus | null>(null);
  diagnostics = $state<DiagnosticsSnapshot | null>(null);
  progress = $state<Progress | undefined>(undefined);
  error = $state<{ name: string; message: string } | null>(null);
  starting = $state(false);

  #client = createComputeClient((message) => {
    this.error = { name: 'WorkerCrashedError', message: `The compute engine stopped: ${message} Restart it to continue.` };
  });

  /** The compute worker, for the steps that run jobs in it (datasets, training). */
  get client() {
    return this.#client;
  }

  get deviceLost(): boolean {
    return this.status?.state === 'device-lost';
  }

  async start(): Promise<void> {
    if (this.starting) return;
    this.starting = true;
    this.error = null;
    try {
      this.status = await this.#client.api.init(undefined, progressProxy((p) => (this.progress = p)));
      await this.#client.api.onDeviceLost(listenerProxy(() => void this.refresh()));
      await this.refresh();
    } catch (error) {
      this.error = describeError(error);
    } finally {
      this.starting = false;
      this.progress = undefined;
    }
  }

  async refresh(): Promise<void> {
    try {
      this.diagnostics = await this.#client.api.diagnostics();
      this.status = {
        state: this.diagnostics.state,
        backend: this.diagnostics.backend,
        selfCheck: this.diagnostics.selfCheck,
        attempts: this.diagnostics.attempts,
        deviceLoss: this.diagnostics.deviceLoss,
      };
      if (this.diagnostics.deviceLoss) {
        const { reason, message } = this.diagnostics.deviceLoss;
        this.error = describeError(
          new EnclaveError(
            'GpuDeviceLostError',
            `The GPU device was lost (${reason}${message ? `: ${message}` : ''}). Restart the compute engine to continue; nothing saved was lost.`,
          ),
        );
      }
    } catch (error) {
      this.error = describeError(error);
    }
  }

  async restart(): Promise<void> {
    this.#client.terminate();
    this.status = null;
    this.diagnostics = null;
    await this.start();
  }

  /** Destroys the real WebGPU device, so the lost-device path can be seen and tested. */
  async simulateDeviceLoss(): Promise<void> {
    await this.#client.api.simulateDeviceLoss();
    await this.refresh();
  }
}
