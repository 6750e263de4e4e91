import { Worker } from 'node:worker_threads';
import type { InputRef } from './inputs';
import type { ResultMessage, TaskMessage, WorkerInit } from './protocol';

const WORKER_ENTRY = new URL('./worker-entry.mjs', import.meta.url);

/**
 * Runs one task per input (a file or a zip entry) on `jobs` worker threads, feeding each worker its next file as soon as
 * it answers. Results arrive in completion order through `onResult` (awaited before that worker
 * gets more work, which also bounds memory). A worker that dies fails the run.
 */
export async function runInWorkers(
  inputs: readonly InputRef[], jobs: number, init: WorkerInit, onResult: (result: ResultMessage) => Promise<void>,
): Promise<void> {
  let next = 0;
  const workers: Worker[] = [];
  try {
    await Promise.all(
      Array.from({ length: Math.max(1, Math.min(jobs, inputs.length)) }, () => new Promise<void>((resolve, reject) => {
        const worker = new Worker(WORKER_ENTRY, { workerData: init });
        workers.push(worker);
        const feed = (): void => {
          if (next >= inputs.length) {
            resolve();
            return;
          }
          const task: TaskMessage = { index: next, input: inputs[next]! };
          next++;
          worker.postMessage(task);
        };
        worker.on('message', (result: ResultMessage) => {
          onResult(result).then(feed, reject);
        });
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (code !== 0) reject(new Error(`a worker thread stopped (exit code ${code})`));
        });
        feed();
      })),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
