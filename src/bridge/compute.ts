import type { ComputeApi } from '../../workers/compute.worker';
import { WorkerClient } from './worker-client';

/** The compute engine's worker; restarting it is how a lost GPU device is recovered. */
export function createComputeClient(onCrash?: (message: string) => void): WorkerClient<ComputeApi> {
  return new WorkerClient<ComputeApi>(
    () => new Worker(new URL('../../workers/compute.worker.ts', import.meta.url), { type: 'module', name: 'compute' }),
    onCrash,
  );
}
