/**
 * Runs the training benchmark on each requested backend in turn, each in a fresh dedicated
 * worker (terminated afterwards, which also frees its GPU memory), and publishes the figures.
 */
import { DEFAULT_TRAIN_BENCH, type PhaseOutcome, type TrainBenchConfig, type TrainBenchSetup } from '../tools/train-run';
import { configFromQuery, logLine, publishReport, workerErrorDetail } from './page-report';
import type { BackendFailure, TrainHarnessReport, TrainWorkerReply, TrainWorkerRequest, WorkerEnvironment } from './protocol';

interface HarnessConfig {
  backends: string[];
  /** A backend still running after this long is stopped; what it measured so far is kept. */
  timeoutSeconds: number;
  bench: TrainBenchConfig;
}

type Outcome = TrainHarnessReport['results'][number] | BackendFailure;

const config = configFromQuery<HarnessConfig>({
  backends: ['webgpu', 'webgl', 'wasm', 'cpu'], timeoutSeconds: 480, bench: DEFAULT_TRAIN_BENCH,
});

function runBackend(backend: string): Promise<Outcome> {
  const worker = new Worker(new URL('./train.worker.ts', import.meta.url), { type: 'module' });
  let setup: TrainBenchSetup | undefined;
  let infer: PhaseOutcome | undefined;
  let environment: WorkerEnvironment | undefined;
  const partial = (detail: string): Outcome => {
    if (!setup) return { backend, stage: 'timeout', detail };
    return {
      result: { ...setup, infer: infer ?? { ok: false, detail }, train: { figures: { ok: false, detail } }, tensorsLeaked: Number.NaN },
      environment: environment ?? { userAgent: navigator.userAgent, hardwareConcurrency: navigator.hardwareConcurrency, tfjsVersion: 'unknown' },
    };
  };
  return new Promise<Outcome>((resolve) => {
    const timer = setTimeout(() => resolve(partial(`stopped: no result within ${config.timeoutSeconds} s`)), config.timeoutSeconds * 1000);
    const finish = (value: Outcome): void => {
      clearTimeout(timer);
      resolve(value);
    };
    worker.onerror = (event) => finish({ backend, stage: 'run', detail: workerErrorDetail(event) });
    worker.onmessage = (event: MessageEvent<TrainWorkerReply>) => {
      const reply = event.data;
      switch (reply.kind) {
        case 'log': logLine(reply.line); break;
        case 'setup':
          setup = reply.setup;
          environment = reply.environment;
          break;
        case 'infer': infer = reply.outcome; break;
        case 'failure': finish(reply.failure); break;
        case 'result':
          finish({ result: reply.result, environment: reply.environment });
          break;
      }
    };
    const request: TrainWorkerRequest = { backend, config: config.bench };
    worker.postMessage(request);
  }).finally(() => worker.terminate());
}

async function main(): Promise<void> {
  const report: TrainHarnessReport = { results: [], failures: [] };
  for (const backend of config.backends) {
    logLine(`${backend}: starting`);
    const outcome = await runBackend(backend);
    if ('result' in outcome) report.results.push(outcome);
    else {
      logLine(`${backend}: ${outcome.stage} failed: ${outcome.detail}`);
      report.failures.push(outcome);
    }
  }
  publishReport(report, 'done');
}

main().catch((error: unknown) => publishReport({ error: String(error) }, 'failed'));
