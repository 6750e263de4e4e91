/**
 * Training and inference throughput (samples/s) of one model and input shape on every runtime
 * at hand: each tfjs backend the browser offers (webgpu, webgl, wasm, cpu) inside a dedicated
 * worker, tfjs's cpu backend in Node, and PyTorch on the CPU where Debian's python3-torch is
 * installed. Training runs through the project's loop (trainModel: optimizer.minimize, Adam);
 * inference is model.predict. Figures only; nothing here passes or fails.
 *
 *   npx tsx bench/train-throughput.ts [--backends webgpu,webgl,wasm,cpu] [--batch 16] [--size 64]
 *     [--budget 20] [--timeout 480] [--skip-node] [--skip-browser] [--skip-torch]
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import type { TrainHarnessReport } from './harness/protocol';
import { openHarness } from './tools/harness-browser';
import { DEFAULT_TRAIN_BENCH, runTrainBench, type PhaseFigures, type PhaseOutcome, type TrainBenchConfig } from './tools/train-run';
import { printTrainTable, type TrainRow } from './tools/train-table';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const numberOption = (name: string, fallback: number): number => Number(option(name) ?? fallback);

const BACKENDS = (option('--backends') ?? 'webgpu,webgl,wasm,cpu').split(',').filter(Boolean);
const TIMEOUT_SECONDS = numberOption('--timeout', 480);
const CONFIG: TrainBenchConfig = {
  ...DEFAULT_TRAIN_BENCH,
  batchSize: numberOption('--batch', DEFAULT_TRAIN_BENCH.batchSize),
  size: numberOption('--size', DEFAULT_TRAIN_BENCH.size),
  trainBudgetSeconds: numberOption('--budget', DEFAULT_TRAIN_BENCH.trainBudgetSeconds),
};
const PYTHON = '/usr/bin/python3';
const TORCH_SCRIPT = fileURLToPath(new URL('./tools/train-pytorch.py', import.meta.url));

async function nodeRows(): Promise<TrainRow[]> {
  console.log(`Node ${process.version}, tfjs ${tf.version.tfjs} cpu backend (pure JavaScript, one thread):`);
  await tf.setBackend('cpu');
  await tf.ready();
  const result = await runTrainBench(CONFIG, { log: (line) => console.log(`  cpu: ${line}`) });
  return [{ runtime: `Node ${process.version}`, backend: 'cpu', train: result.train.figures, infer: result.infer, params: result.params, note: lossNote(result.train) }];
}

function lossNote(train: { lossFirst?: number; lossLast?: number }): string | undefined {
  if (train.lossFirst === undefined || train.lossLast === undefined) return undefined;
  return `loss ${train.lossFirst.toFixed(3)} → ${train.lossLast.toFixed(3)}`;
}

async function browserRows(): Promise<{ rows: TrainRow[]; failures: string[] }> {
  const harness = await openHarness();
  try {
    console.log(`\nChromium ${harness.browserVersion}, dedicated worker per backend (${BACKENDS.join(', ')}), at most ${TIMEOUT_SECONDS} s each:`);
    const report = await harness.run<TrainHarnessReport>('train', { backends: BACKENDS, timeoutSeconds: TIMEOUT_SECONDS, bench: CONFIG }, (BACKENDS.length * TIMEOUT_SECONDS + 120) * 1000);
    const rows = report.results.map(({ result, environment }): TrainRow => {
      const extra = [environment.adapter && `adapter ${environment.adapter}`, environment.wasmFlavour, lossNote(result.train)].filter(Boolean).join('; ');
      return { runtime: `Chromium worker`, backend: result.backend, train: result.train.figures, infer: result.infer, params: result.params, note: extra || undefined };
    });
    const failures = report.failures.map((f) => `${f.backend} did not ${f.stage === 'start' ? 'start' : 'finish'}: ${f.detail}`);
    return { rows, failures };
  } finally {
    await harness.close();
  }
}

interface TorchReport {
  torch: string;
  threads: number;
  params: number;
  train: PhaseFigures;
  infer: PhaseFigures;
}

function torchRow(): TrainRow | string {
  const probe = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' });
  if (probe.status !== 0) return 'PyTorch not installed: apt-get install python3-torch to compare';
  console.log(`\nPyTorch CPU (${PYTHON}):`);
  const run = spawnSync(PYTHON, [
    TORCH_SCRIPT, '--size', String(CONFIG.size), '--channels', String(CONFIG.channels),
    '--width', String(CONFIG.widthMultiplier), '--batch', String(CONFIG.batchSize), '--warmup', String(CONFIG.warmupSteps),
    '--train-budget', String(CONFIG.trainBudgetSeconds), '--infer-budget', String(CONFIG.inferBudgetSeconds),
    '--min-steps', String(CONFIG.minSteps), '--max-steps', String(CONFIG.maxSteps),
  ], { encoding: 'utf8', timeout: 600_000 });
  const line = run.stdout.trim().split('\n').at(-1) ?? '';
  if (run.status !== 0 || !line.startsWith('{')) return `PyTorch run failed (exit ${run.status}): ${run.stderr.trim().split('\n').at(-1) ?? ''}`;
  const report = JSON.parse(line) as TorchReport;
  return { runtime: `PyTorch ${report.torch}`, backend: `cpu ×${report.threads}`, train: report.train, infer: report.infer, params: report.params };
}

function fastestTrainer(rows: TrainRow[]): TrainRow | undefined {
  const speed = (o: PhaseOutcome): number => (o.ok ? o.samplesPerSecond : 0);
  return rows.filter((r) => r.train.ok).sort((a, b) => speed(b.train) - speed(a.train))[0];
}

async function main(): Promise<void> {
  const rows: TrainRow[] = [];
  const notes: string[] = [];
  if (!args.includes('--skip-node')) rows.push(...(await nodeRows()));
  let browser: TrainRow[] = [];
  if (!args.includes('--skip-browser')) {
    const outcome = await browserRows();
    browser = outcome.rows;
    rows.push(...browser);
    notes.push(...outcome.failures);
  }
  let torch: TrainRow | undefined;
  if (!args.includes('--skip-torch')) {
    const outcome = torchRow();
    if (typeof outcome === 'string') notes.push(outcome);
    else rows.push((torch = outcome));
  }
  printTrainTable(CONFIG, rows, torch, notes);

  const fastest = fastestTrainer(browser);
  const goal = 'Goal: in-browser training within 2× of PyTorch CPU on the fastest backend';
  if (!fastest || !fastest.train.ok) console.log(`${goal}: no browser backend finished a training step.`);
  else if (!torch || !torch.train.ok) {
    console.log(`${goal}: fastest browser backend ${fastest.backend} at ${fastest.train.samplesPerSecond.toFixed(2)} samples/s; PyTorch not measured (apt-get install python3-torch to compare).`);
  } else {
    const ratio = torch.train.samplesPerSecond / fastest.train.samplesPerSecond;
    console.log(`${goal}: ${fastest.backend} ${fastest.train.samplesPerSecond.toFixed(2)} vs PyTorch ${torch.train.samplesPerSecond.toFixed(2)} samples/s = ${ratio.toFixed(1)}× slower → ${ratio <= 2 ? 'MET' : 'NOT MET'}.`);
  }
}

await main();
