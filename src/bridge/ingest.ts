import type { IngestApi } from '../../workers/ingest.worker';
import { walkEntries, type EntryLike, type ImportInput, type WalkResult } from '../lib/ingest';
import { WorkerClient } from './worker-client';

export function createIngestClient(onCrash?: (message: string) => void): WorkerClient<IngestApi> {
  return new WorkerClient<IngestApi>(
    () => new Worker(new URL('../../workers/ingest.worker.ts', import.meta.url), { type: 'module', name: 'ingest' }),
    onCrash,
  );
}

/**
 * Walks dropped folders on the main thread (FileSystemEntry objects cannot go to a worker) and
 * turns what it finds into inputs the worker can receive: Files keep only a handle, so sending
 * ten thousand of them copies no file contents.
 */
export async function inputsFromEntries(entries: readonly FileSystemEntry[], signal?: AbortSignal): Promise<ImportInput[]> {
  const inputs: ImportInput[] = [];
  for await (const result of walkEntries(entries as unknown as EntryLike[], { signal })) inputs.push(toWorkerInput(result));
  return inputs;
}

/** Files from a picker; a folder picker sets webkitRelativePath. */
export function inputsFromFiles(files: readonly File[]): ImportInput[] {
  return files.map((file) => ({ blob: file, path: file.webkitRelativePath || file.name }));
}

function toWorkerInput(result: WalkResult): ImportInput {
  if ('kind' in result) return result;
  if (!result.blob) throw new Error(`The dropped item ${result.path} has no file behind it.`);
  return { blob: result.blob, path: result.path };
}
