import * as Comlink from 'comlink';
import type { Progress, ProgressCallback } from '../lib/jobs';
import { EnclaveError } from '../lib/jobs';

/**
 * Owns one worker and its comlink proxy. Stateless jobs are cancelled by terminating the worker,
 * which also frees whatever GPU memory it held; the next call starts a fresh one.
 */
export class WorkerClient<Api extends object> {
  #worker: Worker | undefined;
  #remote: Comlink.Remote<Api> | undefined;
  #createWorker: () => Worker;
  #onCrash: ((message: string) => void) | undefined;

  constructor(createWorker: () => Worker, onCrash?: (message: string) => void) {
    this.#createWorker = createWorker;
    this.#onCrash = onCrash;
  }

  get api(): Comlink.Remote<Api> {
    if (!this.#remote) {
      const worker = this.#createWorker();
      worker.addEventListener('error', (event) => {
        this.#onCrash?.(event.message || 'The worker stopped unexpectedly.');
      });
      this.#worker = worker;
      this.#remote = Comlink.wrap<Api>(worker);
    }
    return this.#remote;
  }

  get isRunning(): boolean {
    return this.#worker !== undefined;
  }

  /** Stops the worker at once; pending calls never settle, so callers race them with `cancellable`. */
  terminate(): void {
    this.#remote?.[Comlink.releaseProxy]();
    this.#worker?.terminate();
    this.#worker = undefined;
    this.#remote = undefined;
  }
}

/**
 * Runs a call on a worker so that aborting the signal terminates the worker and rejects with a
 * CancelledError, instead of leaving a promise that never settles.
 */
export async function cancellable<T>(
  client: WorkerClient<object>,
  call: () => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  if (!signal) return call();
  if (signal.aborted) throw new EnclaveError('CancelledError', 'The job was cancelled.');
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => {
      client.terminate();
      reject(new EnclaveError('CancelledError', 'The job was cancelled.'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([call(), aborted]);
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}

/** Wraps a progress callback for a worker to call back across the boundary. */
export function progressProxy(callback: ProgressCallback): ProgressCallback & Comlink.ProxyMarked {
  return Comlink.proxy((progress: Progress) => callback(progress));
}

/** Wraps any listener (e.g. for a lost GPU device) so that a worker can call it back. */
export function listenerProxy<Args extends unknown[]>(listener: (...args: Args) => void): ((...args: Args) => void) & Comlink.ProxyMarked {
  return Comlink.proxy(listener);
}
