/**
 * The training and inference throughput measurement shared by Node and the browser worker: the
 * same model spec, random data and step counts on whichever tfjs backend is active. Training
 * goes through the project's loop (trainModel over optimizer.minimize, Adam), so the figure is
 * what a person's run would see; inference is model.predict on the same batches.
 *
 * Step counts adapt to a time budget: the last warm-up step's duration decides how many timed
 * steps fit, so a fast backend runs many and a slow one (tfjs cpu: about a minute per step of
 * this model) runs one warm-up and one timed step. Inference runs first so that a backend that
 * cannot train (wasm has no Conv2DBackpropFilter kernel) or is stopped mid-training still
 * reports its inference figures.
 */
import * as tf from '@tensorflow/tfjs';
import { buildModel, type ModelSpec } from '../../src/lib/ml/models';
import { trainModel, type Batch, type TrainConfig, type TrainingData } from '../../src/lib/ml/train';

export interface TrainBenchConfig {
  /** Image side (square) and channels of the MobileNetV2 input. */
  size: number;
  channels: number;
  widthMultiplier: number;
  batchSize: number;
  warmupSteps: number;
  /**
   * Seconds of timed steps to aim for (at least minSteps are run). Warm-up stops early once it
   * has used half of this, so a backend with one-minute steps runs one of each.
   */
  trainBudgetSeconds: number;
  inferBudgetSeconds: number;
  minSteps: number;
  maxSteps: number;
}

export const DEFAULT_TRAIN_BENCH: TrainBenchConfig = {
  size: 64, channels: 1, widthMultiplier: 0.35, batchSize: 16, warmupSteps: 2,
  trainBudgetSeconds: 20, inferBudgetSeconds: 8, minSteps: 1, maxSteps: 40,
};

export interface PhaseFigures {
  ok: true;
  /** Warm-up steps actually run (fewer than asked when one step already took long). */
  warmupSteps: number;
  steps: number;
  samplesPerSecond: number;
  medianStepMs: number;
  /** The first warm-up step: kernel compilation, weight upload and (WebGPU) shader builds. */
  firstStepMs: number;
}

export interface PhaseFailure {
  ok: false;
  detail: string;
}

export type PhaseOutcome = PhaseFigures | PhaseFailure;

export interface TrainPhase {
  figures: PhaseOutcome;
  /** Mean training loss of the warm-up and of the timed epoch: it should fall on random labels too. */
  lossFirst?: number;
  lossLast?: number;
}

export interface TrainBenchSetup {
  backend: string;
  model: string;
  params: number;
  inputShape: number[];
  batchSize: number;
  buildMs: number;
}

export interface TrainBenchResult extends TrainBenchSetup {
  infer: PhaseOutcome;
  train: TrainPhase;
  /** tf.memory().numTensors after the run minus before: 0 when nothing leaked. */
  tensorsLeaked: number;
}

/** Each phase as it finishes, so a run stopped later keeps what it measured. */
export interface TrainBenchListener {
  log?(line: string): void;
  setup?(setup: TrainBenchSetup): void;
  infer?(outcome: PhaseOutcome): void;
}

/** The one model every runtime trains; bench/tools/train-pytorch.py mirrors it layer for layer. */
export function benchModelSpec(config: TrainBenchConfig): ModelSpec {
  return {
    family: 'mobilenet-v2', input: [config.size, config.size, config.channels], widthMultiplier: config.widthMultiplier,
    stages: 7, lastConvFilters: 1280, head: { task: 'classification', classes: 2, activation: 'softmax' }, dropout: 0.2, seed: 1,
  };
}

const POOL = 4;

type BatchSource = (i: number) => Batch;

/** A few distinct random batches, reused in turn: generating data must not be what is timed. */
function randomBatches(config: TrainBenchConfig): BatchSource {
  let state = 12345;
  const random = (): number => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const shape: [number, number, number, number] = [config.batchSize, config.size, config.size, config.channels];
  const perBatch = shape.reduce((a, b) => a * b, 1);
  const xs = Array.from({ length: POOL }, () => Float32Array.from({ length: perBatch }, () => random() * 2 - 1));
  const ys = Array.from({ length: POOL }, () => Int32Array.from({ length: config.batchSize }, () => (random() < 0.5 ? 0 : 1)));
  return (i) => ({ x: tf.tensor4d(xs[i % POOL]!, shape), y: tf.tensor1d(ys[i % POOL]!, 'int32') });
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? Number.NaN : sorted[Math.floor(sorted.length / 2)]!;
}

function stepsForBudget(stepMs: number, budgetSeconds: number, config: TrainBenchConfig): number {
  const fit = Math.floor((budgetSeconds * 1000) / Math.max(stepMs, 1));
  return Math.min(config.maxSteps, Math.max(config.minSteps, fit));
}

function failure(error: unknown): PhaseFailure {
  return { ok: false, detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
}

export async function runTrainBench(config: TrainBenchConfig, listener: TrainBenchListener = {}): Promise<TrainBenchResult> {
  const log = listener.log ?? (() => undefined);
  const tensorsBefore = tf.memory().numTensors;
  const built = performance.now();
  const model = buildModel(benchModelSpec(config));
  const setup: TrainBenchSetup = {
    backend: tf.getBackend(), model: `MobileNetV2 α=${config.widthMultiplier}`, params: model.countParams(),
    inputShape: [config.batchSize, config.size, config.size, config.channels], batchSize: config.batchSize,
    buildMs: performance.now() - built,
  };
  listener.setup?.(setup);
  const batchAt = randomBatches(config);
  const infer = await timeInference(model, batchAt, config, log).catch(failure);
  listener.infer?.(infer);
  const train = await timeTraining(model, batchAt, config, log).catch((error: unknown): TrainPhase => ({ figures: failure(error) }));
  model.dispose();
  return { ...setup, infer, train, tensorsLeaked: tf.memory().numTensors - tensorsBefore };
}

async function timeTraining(model: tf.LayersModel, batchAt: BatchSource, config: TrainBenchConfig, log: (line: string) => void): Promise<TrainPhase> {
  // Per-step wall time: from handing the batch to the loop to the loop reporting it trained.
  const stepMs: [number[], number[]] = [[], []];
  let yieldedAt = 0;
  let timedSteps = config.minSteps;
  const data: TrainingData = {
    trainCount: config.batchSize * config.warmupSteps,
    validationCount: 0,
    async *train({ epoch }) {
      if (epoch === 1) {
        timedSteps = stepsForBudget(stepMs[0].at(-1) ?? 1, config.trainBudgetSeconds, config);
        log(`training warm-up took ${stepMs[0].map((ms) => ms.toFixed(0)).join(', ')} ms; timing ${timedSteps} steps`);
      }
      const count = epoch === 0 ? config.warmupSteps : timedSteps;
      for (let i = 0; i < count; i++) {
        if (epoch === 0 && i > 0 && sum(stepMs[0]) > (config.trainBudgetSeconds * 1000) / 2) break;
        yieldedAt = performance.now();
        yield batchAt(i);
      }
    },
  };
  const trainConfig: TrainConfig = {
    optimizer: 'adam', learningRate: 1e-3, schedule: { kind: 'constant' }, epochs: 2,
    batchSize: config.batchSize, loss: 'softmax-cross-entropy', seed: 1,
  };
  let epochIndex = 0;
  const result = await trainModel(model, data, trainConfig, {
    onProgress: (progress) => {
      if (progress.stage === 'batch') stepMs[epochIndex === 0 ? 0 : 1].push(performance.now() - yieldedAt);
      if (progress.stage === 'epoch') epochIndex = progress.done;
    },
  });
  const [warm, timed] = result.history;
  const figures: PhaseFigures = {
    ok: true,
    warmupSteps: stepMs[0].length,
    steps: stepMs[1].length,
    // The loop's own figure for the timed epoch: what the app shows a person.
    samplesPerSecond: timed?.samplesPerSecond ?? Number.NaN,
    medianStepMs: median(stepMs[1]),
    firstStepMs: stepMs[0][0] ?? Number.NaN,
  };
  log(`training: ${figures.samplesPerSecond.toFixed(2)} samples/s over ${figures.steps} steps`);
  return { figures, lossFirst: warm?.trainLoss, lossLast: timed?.trainLoss };
}

async function timeInference(model: tf.LayersModel, batchAt: BatchSource, config: TrainBenchConfig, log: (line: string) => void): Promise<PhaseFigures> {
  const once = async (i: number): Promise<number> => {
    const batch = batchAt(i);
    const started = performance.now();
    const output = model.predict(batch.x) as tf.Tensor;
    try {
      await output.data(); // waits for the GPU; dataSync would block a WebGPU worker
      return performance.now() - started;
    } finally {
      tf.dispose([output, batch.x, batch.y]);
    }
  };
  const warmMs: number[] = [];
  for (let i = 0; i < config.warmupSteps; i++) {
    if (i > 0 && sum(warmMs) > (config.inferBudgetSeconds * 1000) / 2) break;
    warmMs.push(await once(i));
  }
  log(`inference warm-up took ${warmMs.map((ms) => ms.toFixed(0)).join(', ')} ms`);
  const steps = stepsForBudget(warmMs.at(-1) ?? 1, config.inferBudgetSeconds, config);
  const timedMs: number[] = [];
  for (let i = 0; i < steps; i++) timedMs.push(await once(i));
  const samplesPerSecond = (steps * config.batchSize) / (sum(timedMs) / 1000);
  log(`inference: ${samplesPerSecond.toFixed(1)} samples/s over ${steps} batches`);
  return { ok: true, warmupSteps: warmMs.length, steps, samplesPerSecond, medianStepMs: median(timedMs), firstStepMs: warmMs[0] ?? Number.NaN };
}
