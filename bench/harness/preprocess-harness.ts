/** Runs the preprocessing benchmark once per backend order, each in a fresh dedicated worker. */
import { configFromQuery, logLine, publishReport, workerErrorDetail } from './page-report';
import type { PreprocessBenchConfig, PreprocessHarnessReport, PreprocessRun, PreprocessWorkerReply, PreprocessWorkerRequest } from './protocol';

interface HarnessConfig {
  /** Backend orders to run, e.g. [['webgpu', 'webgl', 'wasm', 'cpu']] (the engine's default) or [['wasm'], ['cpu']]. */
  orders: string[][];
  timeoutSeconds: number;
  bench: Omit<PreprocessBenchConfig, 'order'>;
}

const config = configFromQuery<HarnessConfig>({
  orders: [['webgpu', 'webgl', 'wasm', 'cpu']], timeoutSeconds: 600, bench: { clips: 4, upscale: 4, loops: 3 },
});

function runOrder(order: string[]): Promise<PreprocessRun> {
  const worker = new Worker(new URL('./preprocess.worker.ts', import.meta.url), { type: 'module' });
  const empty: PreprocessRun = { order, backend: null, attempts: [], sets: [], environment: null };
  return new Promise<PreprocessRun>((resolve) => {
    const timer = setTimeout(() => {
      resolve({ ...empty, failure: { backend: order.join('/'), stage: 'timeout', detail: `no result within ${config.timeoutSeconds} s` } });
    }, config.timeoutSeconds * 1000);
    const finish = (run: PreprocessRun): void => {
      clearTimeout(timer);
      resolve(run);
    };
    worker.onerror = (event) => finish({ ...empty, failure: { backend: order.join('/'), stage: 'run', detail: workerErrorDetail(event) } });
    worker.onmessage = (event: MessageEvent<PreprocessWorkerReply>) => {
      const reply = event.data;
      if (reply.kind === 'log') logLine(reply.line);
      else if (reply.kind === 'failure') finish({ ...empty, failure: reply.failure });
      else finish({ order, backend: reply.backend, attempts: reply.attempts, sets: reply.sets, environment: reply.environment });
    };
    const request: PreprocessWorkerRequest = { config: { ...config.bench, order } };
    worker.postMessage(request);
  }).finally(() => worker.terminate());
}

async function main(): Promise<void> {
  const report: PreprocessHarnessReport = { runs: [] };
  for (const order of config.orders) report.runs.push(await runOrder(order));
  publishReport(report, 'done');
}

main().catch((error: unknown) => publishReport({ error: String(error) }, 'failed'));
