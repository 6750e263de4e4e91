/**
 * What the harness pages, their workers and the Node drivers exchange. The page writes the
 * final report as JSON into `#results` and sets `data-state` ('done' or 'failed'); the driver
 * waits for that attribute, never for console text.
 */
import type { PhaseOutcome, TrainBenchConfig, TrainBenchResult, TrainBenchSetup } from '../tools/train-run';

/** Why a backend gave no figures: it did not start, or it failed or hung during the run. */
export interface BackendFailure {
  backend: string;
  stage: 'start' | 'run' | 'timeout';
  detail: string;
}

export interface WorkerEnvironment {
  userAgent: string;
  hardwareConcurrency: number;
  tfjsVersion: string;
  /** WebGPU adapter as `vendor/architecture`, when the backend is webgpu. */
  adapter?: string;
  /** wasm: which build ran (SIMD or plain, single-threaded). */
  wasmFlavour?: string;
}

export type TrainWorkerRequest = { backend: string; config: TrainBenchConfig };
export type TrainWorkerReply =
  | { kind: 'log'; line: string }
  | { kind: 'setup'; setup: TrainBenchSetup; environment: WorkerEnvironment }
  | { kind: 'infer'; outcome: PhaseOutcome }
  | { kind: 'result'; result: TrainBenchResult; environment: WorkerEnvironment }
  | { kind: 'failure'; failure: BackendFailure };

export interface TrainHarnessReport {
  /** One per backend that started; a run stopped by the timeout keeps its inference figures. */
  results: { result: TrainBenchResult; environment: WorkerEnvironment }[];
  failures: BackendFailure[];
}

export interface PreprocessBenchConfig {
  /** Synthetic echo studies to time (after one warm-up clip). */
  clips: number;
  /** Also time scanner-sized clips: each synthetic cine upscaled by this factor (0: skip). */
  upscale: number;
  /** Loops of the synthetic one-beat cine in the scanner-sized clip. */
  loops: number;
  /** Backend order for the compute engine; its first backend that passes the self-check runs. */
  order: string[];
}

export interface ClipSetFigures {
  label: string;
  clips: number;
  inputShape: number[];
  outputShape: number[];
  inputFrames: number;
  outputFrames: number;
  seconds: number;
  medianClipMs: number;
  firstClipMs: number;
  /** DICOM parse and pixel decode per clip (instanceInput), outside the timed recipe. */
  decodeMsPerClip?: number;
  steps: string;
}

export type PreprocessWorkerRequest = { config: PreprocessBenchConfig };
export type PreprocessWorkerReply =
  | { kind: 'log'; line: string }
  | { kind: 'result'; backend: string; attempts: string[]; sets: ClipSetFigures[]; environment: WorkerEnvironment }
  | { kind: 'failure'; failure: BackendFailure };

export interface PreprocessRun {
  order: string[];
  backend: string | null;
  attempts: string[];
  sets: ClipSetFigures[];
  environment: WorkerEnvironment | null;
  failure?: BackendFailure;
}

/** One run per backend order, each in a fresh worker. */
export interface PreprocessHarnessReport {
  runs: PreprocessRun[];
}
