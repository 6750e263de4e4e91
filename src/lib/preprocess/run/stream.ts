/**
 * A recipe over many scans, one at a time: each scan is loaded only when its turn comes and
 * its result handed on before the next is loaded, so a worker streaming hundreds of scans holds
 * one. A scan the recipe cannot run on is a row in `failed` (expected per-file failures are
 * data); a bad recipe or a cancellation stops the whole job.
 */
import { describeError, throwIfCancelled, type JobOptions } from '../../jobs';
import type { PreprocessRecipe } from '../recipe/types';
import { validateRecipe } from '../recipe/validate';
import { runRecipe, type RecipeResult } from './run-recipe';
import type { ScanInput } from './scan-input';

export interface ScanJob<Id> {
  id: Id;
  load: () => Promise<ScanInput>;
}

export interface ScanFailure<Id> {
  id: Id;
  name: string;
  message: string;
}

export interface StreamOptions extends JobOptions {
  /** Number of scans, for progress, when the source is not an array. */
  total?: number;
}

/** Errors that say the job as a whole cannot go on, not that one scan is unusable. */
const FATAL = new Set(['CancelledError', 'RecipeError', 'GpuOutOfMemoryError', 'GpuDeviceLostError']);

export async function runRecipeOverScans<Id>(
  scans: Iterable<ScanJob<Id>> | AsyncIterable<ScanJob<Id>>,
  recipe: PreprocessRecipe,
  onResult: (id: Id, result: RecipeResult) => Promise<void> | void,
  options: StreamOptions = {},
): Promise<{ done: number; failed: ScanFailure<Id>[] }> {
  const checked = validateRecipe(recipe);
  // Only an array can say its length without being consumed (a generator cannot).
  const total = options.total ?? (Array.isArray(scans) ? scans.length : 0);
  const failed: ScanFailure<Id>[] = [];
  let done = 0;
  for await (const job of scans) {
    throwIfCancelled(options.signal, 'Preprocessing');
    try {
      const result = await runRecipe(await job.load(), checked, options.signal ? { signal: options.signal } : {});
      await onResult(job.id, result);
    } catch (error) {
      const { name, message } = describeError(error);
      if (FATAL.has(name)) throw error;
      failed.push({ id: job.id, name, message });
    }
    done++;
    options.onProgress?.({ stage: 'preprocess-scans', done, total: Math.max(total, done) });
  }
  return { done, failed };
}
