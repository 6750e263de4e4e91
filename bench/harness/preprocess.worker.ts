/**
 * ECHO_CLIP_112 on synthetic echo studies in a worker, on the backend the compute engine selects
 * (webgpu first, each candidate gradient-checked against cpu, as in the app). Each study is
 * written as DICOM and decoded back with instanceInput, the dataset builder's own path; the
 * decode is timed apart from the recipe.
 */
import * as tf from '@tensorflow/tfjs';
import codecsWasm from 'dcmjs-codecs/build/dcmjs-native-codecs.wasm?url';
import { configureCodecWasm } from '../../src/lib/dicom/pixels';
import { createComputeEngine } from '../../src/lib/ml/engine';
import { ECHO_CLIP_112 } from '../../src/lib/preprocess/recipe';
import { runRecipe, type ScanInput } from '../../src/lib/preprocess/run';
import { planEchoCohort, writeEchoStudy } from '../../src/lib/synthetic';
import { instanceInput } from '../../src/lib/workspace/dataset-preprocess';
import type { ClipSetFigures, PreprocessWorkerReply, PreprocessWorkerRequest } from './protocol';
import { scannerSized } from './scanner-size';
import { describeEnvironment, onRequest, replier, wasmPreparer, workerNavigator } from './worker-backends';

const reply = replier<PreprocessWorkerReply>();
const log = (line: string): void => reply({ kind: 'log', line });
configureCodecWasm({ url: codecsWasm });

async function timeClips(label: string, scans: ScanInput[], decodeMsPerClip?: number): Promise<ClipSetFigures> {
  const [warm, ...timed] = scans;
  if (!warm || timed.length === 0) throw new Error('Timing needs one warm-up clip and at least one more.');
  let started = performance.now();
  const first = await runRecipe(warm, ECHO_CLIP_112);
  const firstClipMs = performance.now() - started;
  const clipMs: number[] = [];
  let outputFrames = 0;
  for (const scan of timed) {
    started = performance.now();
    const result = await runRecipe(scan, ECHO_CLIP_112);
    clipMs.push(performance.now() - started);
    outputFrames += result.shape[0]!;
  }
  const seconds = clipMs.reduce((a, b) => a + b, 0) / 1000;
  const sorted = [...clipMs].sort((a, b) => a - b);
  const figures: ClipSetFigures = {
    label, clips: timed.length, inputShape: [...warm.shape], outputShape: first.shape,
    inputFrames: timed.reduce((n, scan) => n + scan.shape[0], 0), outputFrames, seconds,
    medianClipMs: sorted[Math.floor(sorted.length / 2)]!, firstClipMs,
    steps: first.steps.map((s) => `${s.op} ${s.shape.join('×')}`).join(' → '),
  };
  if (decodeMsPerClip !== undefined) figures.decodeMsPerClip = decodeMsPerClip;
  log(`${label}: ${(figures.inputFrames / seconds).toFixed(1)} input frames/s, ${(outputFrames / seconds).toFixed(1)} output frames/s`);
  return figures;
}

onRequest<PreprocessWorkerRequest>(async ({ config }) => {
  const engine = createComputeEngine({ tf, gpu: workerNavigator().gpu ?? null, prepare: wasmPreparer });
  let backend: string;
  let attempts: string[] = [];
  try {
    log(`selecting a backend from ${config.order.join(', ')} (gradient self-check against cpu)`);
    const status = await engine.init({ order: config.order });
    attempts = status.attempts.map((a) => `${a.backend}: ${a.outcome} (${a.detail})`);
    backend = status.backend ?? tf.getBackend();
    log(`running on ${backend}`);
  } catch (error) {
    // The engine's message already names every attempt and why it was passed over.
    const detail = error instanceof Error ? error.message : String(error);
    reply({ kind: 'failure', failure: { backend: config.order.join('/'), stage: 'start', detail } });
    return;
  }
  try {
    const cohort = planEchoCohort({ seed: 11, patients: config.clips + 1, echoStudies: config.clips + 1 });
    const scans: ScanInput[] = [];
    let decodeMs = 0;
    for (const plan of cohort.studies) {
      const bytes = writeEchoStudy(plan);
      const started = performance.now();
      scans.push(await instanceInput(bytes));
      decodeMs += performance.now() - started;
    }
    const [frames, rows, columns] = scans[0]!.shape;
    const sets = [await timeClips(`synthetic echo ${columns}×${rows}, ${frames} frames`, scans, decodeMs / scans.length)];
    if (config.upscale > 1) {
      const big = scans.map((scan) => scannerSized(scan, config.upscale, config.loops));
      const [bigFrames, bigRows, bigColumns] = big[0]!.shape;
      sets.push(await timeClips(`scanner-sized ${bigColumns}×${bigRows}, ${bigFrames} frames (×${config.upscale}, ${config.loops} loops)`, big));
    }
    reply({ kind: 'result', backend, attempts, sets, environment: await describeEnvironment() });
  } catch (error) {
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    reply({ kind: 'failure', failure: { backend, stage: 'run', detail } });
  }
});
