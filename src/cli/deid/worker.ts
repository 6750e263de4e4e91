import { parentPort, workerData } from 'node:worker_threads';
import { loadEngine } from './engine';
import { createInputReader } from './inputs';
import { describeError } from '../../lib/jobs';
import { deidentifyInstance, type InstanceResult, type PipelineContext } from './pipeline';
import type { ResultMessage, TaskMessage, WorkerInit } from './protocol';

/**
 * One CLI worker thread: loads the engine once, then de-identifies one file per task message
 * and posts the result (the output bytes transferred). Reads its own input (a file or a zip
 * entry), so the main thread only ever holds de-identified bytes.
 */
const init = workerData as WorkerInit;
const port = parentPort;
const readInput = createInputReader();
if (!port) throw new Error('worker.ts runs as a worker thread');

const ready: Promise<PipelineContext> = loadEngine(init.engineModule, { ocr: init.ocr }).then((engine) => ({
  engine, policy: init.policy, secret: init.secret, uidCache: new Map(),
}));

// Marked handled here: a failed engine load is reported per task (each file fails with its name).
ready.catch(() => undefined);

port.on('message', (task: TaskMessage) => {
  void handle(task).then(({ message, transfer }) => port.postMessage(message, transfer));
});

async function handle(task: TaskMessage): Promise<{ message: ResultMessage; transfer: ArrayBuffer[] }> {
  const failed = (error: unknown): { message: ResultMessage; transfer: ArrayBuffer[] } => {
    const { name, message } = describeError(error);
    return { message: { index: task.index, ok: false, errorName: name, message }, transfer: [] };
  };
  let result: InstanceResult;
  try {
    result = await deidentifyInstance(await readInput(task.input), await ready);
  } catch (error) {
    return failed(error); // unreadable file or an engine that did not load
  }
  if (!result.ok) return { message: { index: task.index, ok: false, errorName: result.reason, message: result.message }, transfer: [] };
  const { ok: _ok, findings: _findings, ...rest } = result;
  const bytes = rest.bytes.byteOffset === 0 && rest.bytes.byteLength === rest.bytes.buffer.byteLength ? rest.bytes : rest.bytes.slice();
  return {
    message: { index: task.index, ok: true, ...rest, bytes },
    transfer: bytes.buffer instanceof ArrayBuffer ? [bytes.buffer] : [],
  };
}
