/** The one progress shape every job reports, from any worker, for any stage. */
export interface Progress {
  /** Stable, machine-readable stage name, e.g. "parse", "epoch", "self-check". */
  stage: string;
  done: number;
  total: number;
  message?: string;
}

export type ProgressCallback = (progress: Progress) => void;

/** Options every job in src/lib accepts, so any caller can observe and stop it the same way. */
export interface JobOptions {
  onProgress?: ProgressCallback;
  signal?: AbortSignal;
}

/**
 * Wraps a progress callback so that it fires at most once per `intervalMs`, except for the
 * first and the final report of a stage. Crossing a worker boundary costs a structured clone
 * per call, so a tight loop must not report every item.
 */
export function throttleProgress(
  callback: ProgressCallback,
  intervalMs = 100,
  now: () => number = () => performance.now(),
): ProgressCallback {
  let lastAt = Number.NEGATIVE_INFINITY;
  let lastStage: string | undefined;
  return (progress) => {
    const t = now();
    const isFinal = progress.done >= progress.total;
    const isNewStage = progress.stage !== lastStage;
    if (isFinal || isNewStage || t - lastAt >= intervalMs) {
      lastAt = t;
      lastStage = progress.stage;
      callback(progress);
    }
  };
}
