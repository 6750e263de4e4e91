/**
 * Preprocessing benchmark in the browser: ECHO_CLIP_112 (grayscale, resample to 25 fps, 32
 * frames, crop the sector, resize to 112×112 with padding, z-score) through runRecipe in a
 * dedicated worker, on the backend the compute engine selects (webgpu first, gradient-checked
 * against cpu), over synthetic echo studies from src/lib/synthetic written as DICOM and decoded
 * back with the dataset builder's instanceInput. A second set upscales and loops the same clips
 * to a scanner-like size. Prints input and output frames/s; nothing passes or fails.
 *
 *   npx tsx bench/preprocess-browser.ts [--clips 4] [--upscale 4] [--loops 3] [--backends wasm,cpu] [--timeout 600]
 *
 * Without --backends, one run with the engine's own order (webgpu, webgl, wasm, cpu); with it,
 * one run per named backend, each forced.
 */
import type { PreprocessHarnessReport, PreprocessRun } from './harness/protocol';
import { openHarness } from './tools/harness-browser';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const CLIPS = Number(option('--clips') ?? 4);
const UPSCALE = Number(option('--upscale') ?? 4);
const LOOPS = Number(option('--loops') ?? 3);
const TIMEOUT_SECONDS = Number(option('--timeout') ?? 600);
const named = option('--backends');
const ORDERS = named ? named.split(',').filter(Boolean).map((b) => [b]) : [['webgpu', 'webgl', 'wasm', 'cpu']];

const COLUMNS: [string, number][] = [
  ['clip set', 48], ['backend', 8], ['input', 15], ['in frames/s', 12], ['out frames/s', 13], ['clips/s', 8], ['clip ms', 8], ['1st clip ms', 12],
];

function row(values: string[]): string {
  return values.map((v, i) => (i < 2 ? v.padEnd(COLUMNS[i]![1]) : v.padStart(COLUMNS[i]![1]))).join(' ');
}

function printRun(run: PreprocessRun): void {
  for (const set of run.sets) {
    console.log(row([
      set.label, run.backend ?? '?', `${set.clips}×${set.inputShape.join('×')}`,
      (set.inputFrames / set.seconds).toFixed(1), (set.outputFrames / set.seconds).toFixed(1), (set.clips / set.seconds).toFixed(2),
      set.medianClipMs.toFixed(0), set.firstClipMs.toFixed(0),
    ]));
  }
}

async function main(): Promise<void> {
  const harness = await openHarness();
  let report: PreprocessHarnessReport;
  try {
    console.log(`Chromium ${harness.browserVersion}, ECHO_CLIP_112 in a dedicated worker, ${CLIPS} timed clips per set after one warm-up clip:`);
    report = await harness.run<PreprocessHarnessReport>('preprocess', {
      orders: ORDERS, timeoutSeconds: TIMEOUT_SECONDS, bench: { clips: CLIPS, upscale: UPSCALE, loops: LOOPS },
    }, (ORDERS.length * TIMEOUT_SECONDS + 120) * 1000);
  } finally {
    await harness.close();
  }
  console.log(`\n${row(COLUMNS.map(([title]) => title))}`);
  console.log('-'.repeat(COLUMNS.reduce((n, [, w]) => n + w + 1, -1)));
  report.runs.forEach(printRun);
  console.log();
  for (const run of report.runs) {
    if (run.failure) console.log(`  • ${run.order.join('/')}: did not ${run.failure.stage === 'start' ? 'start' : 'finish'}: ${run.failure.detail}`);
    for (const attempt of run.attempts) console.log(`  • backend selection ${attempt}`);
    if (run.environment?.adapter) console.log(`  • WebGPU adapter ${run.environment.adapter}, ${run.environment.hardwareConcurrency} logical CPUs`);
    const first = run.sets[0];
    if (first) {
      console.log(`  • steps: ${first.steps}`);
      if (first.decodeMsPerClip !== undefined) console.log(`  • DICOM parse + decode (instanceInput), not in the figures above: ${first.decodeMsPerClip.toFixed(1)} ms per clip`);
    }
  }
  console.log('  • input frames/s: source frames consumed; output frames/s: 32-frame 112×112 clip frames produced (padding included).');
}

await main();
