import { readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { describeError } from '../../lib/jobs';
import { loadEngine } from './engine';
import { deidentifyFile, type PipelineContext } from './pipeline';
import type { ResultMessage, TaskMessage, WorkerInit } from './protocol';

/**
 * One CLI worker thread: loads the engine once, then de-identifies one file per task message
 * and posts the result (the output bytes transferred). Reads its own input, so the main thread
 * only ever holds de-identified bytes.
 */
const init = workerData as WorkerInit;
const port = parentPort;
if (!port) throw new Error('worker.ts runs as a worker thread');

const ready: Promise<PipelineContext> = loadEngine(init.engineModule).then((engine) => ({
  engine, policy: init.policy, secret: init.secret, uidCache: new Map(),
}));

// Marked handled here: a failed engine load is reported per task (each file fails with its name).
ready.catch(() => undefined);

port.on('message', (task: TaskMessage) => {
  void handle(task).then(({ message, transfer }) => port.postMessage(message, transfer));
});

async function handle(task: TaskMessage): Promise<{ message: ResultMessage; transfer: ArrayBuffer[] }> {
  try {
    const ctx = await ready;
    const result = await deidentifyFile(new Uint8Array(await readFile(task.path)), ctx);
    const bytes = result.bytes.byteOffset === 0 && result.bytes.byteLength === result.bytes.buffer.byteLength
      ? result.bytes : result.bytes.slice();
    return {
      message: { index: task.index, ok: true, ...result, bytes },
      transfer: bytes.buffer instanceof ArrayBuffer ? [bytes.buffer] : [],
    };
  } catch (error) {
    const { name, message } = describeError(error);
    return { message: { index: task.index, ok: false, errorName: name, message }, transfer: [] };
  }
}
