/**
 * Clip-level predictions from per-frame (or per-window) outputs of a cine loop. The default is the
 * mean of the frames' probabilities: one confident outlier frame moves it less than it moves the
 * mean of logits, and it is what EchoNet-style pipelines average. 'mean-logit' averages the
 * logits (log-probabilities for softmax, log-odds for sigmoid) and applies the activation once:
 * the geometric mean of the frames' evidence. Regression outputs are always averaged as they are.
 */
import * as tf from '@tensorflow/tfjs';
import { EnclaveError, throwIfCancelled, type JobOptions } from '../../jobs';
import { detectOutputKind, type OutputKind } from './losses';
import { toProbabilities } from './predict';
import type { LossKind } from './types';

export type ClipAggregation = 'mean-probability' | 'mean-logit';

/** Rows of `x` are frames (or windows) of the clips named in `clipIds`, row for row. */
export interface ClipBatch {
  x: tf.Tensor;
  clipIds: string[];
}

export interface ClipPrediction {
  clipId: string;
  /** Number of frames or windows averaged. */
  segments: number;
  /** Class probabilities, or regression outputs. */
  outputs: number[];
}

export interface PredictClipsOptions extends JobOptions {
  /** The task's loss, which says which activation turns outputs into probabilities. */
  loss: LossKind;
  aggregation?: ClipAggregation;
  outputKind?: OutputKind;
}

const EPSILON = 1e-7;

function toLogits(loss: LossKind, probabilities: number[]): number[] {
  const p = probabilities.map((v) => Math.min(1 - EPSILON, Math.max(EPSILON, v)));
  // log p differs from the softmax logits by a constant per row, which softmax ignores.
  return loss === 'softmax-cross-entropy' ? p.map(Math.log) : p.map((v) => Math.log(v / (1 - v)));
}

function activate(loss: LossKind, logits: number[]): number[] {
  if (loss === 'sigmoid-cross-entropy') return logits.map((z) => 1 / (1 + Math.exp(-z)));
  const top = Math.max(...logits);
  const exps = logits.map((z) => Math.exp(z - top));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

/** Clips in order of first appearance. Disposes each batch's `x` after use. */
export async function predictClips(
  model: tf.LayersModel,
  batches: AsyncIterable<ClipBatch>,
  options: PredictClipsOptions,
): Promise<ClipPrediction[]> {
  const aggregation = options.aggregation ?? 'mean-probability';
  const outputKind = options.outputKind ?? detectOutputKind(model);
  const byLogit = aggregation === 'mean-logit' && options.loss !== 'mean-squared-error';
  const sums = new Map<string, { segments: number; total: number[] }>();
  let rowsDone = 0;
  for await (const batch of batches) {
    let values: Float32Array | Int32Array | Uint8Array;
    let width: number;
    try {
      throwIfCancelled(options.signal, 'Prediction');
      const rows = batch.x.shape[0] ?? 0;
      if (batch.clipIds.length !== rows) {
        throw new EnclaveError('InvalidInputError', `A batch of ${rows} frames came with ${batch.clipIds.length} clip ids; give one clip id per frame.`);
      }
      const probabilities = tf.tidy(() => toProbabilities(options.loss, model.predict(batch.x) as tf.Tensor, outputKind));
      width = probabilities.size / Math.max(1, rows);
      values = await probabilities.data();
      probabilities.dispose();
    } finally {
      batch.x.dispose();
    }
    batch.clipIds.forEach((clipId, i) => {
      const row = Array.from(values.subarray(i * width, (i + 1) * width));
      const contribution = byLogit ? toLogits(options.loss, row) : row;
      const entry = sums.get(clipId) ?? { segments: 0, total: new Array<number>(width).fill(0) };
      entry.segments += 1;
      contribution.forEach((v, k) => { entry.total[k] = (entry.total[k] as number) + v; });
      sums.set(clipId, entry);
    });
    rowsDone += batch.clipIds.length;
    options.onProgress?.({ stage: 'predict', done: rowsDone, total: rowsDone });
  }
  return [...sums].map(([clipId, { segments, total }]) => {
    const mean = total.map((v) => v / segments);
    return { clipId, segments, outputs: byLogit ? activate(options.loss, mean) : mean };
  });
}
