/**
 * Running a model over batches to plain numbers: per-item outputs as probabilities (classification)
 * or values (regression), with targets, item ids and the unweighted loss. Used for the validation
 * metrics of each epoch and for the evaluation of the validation and test splits.
 */
import * as tf from '@tensorflow/tfjs';
import { throwIfCancelled, type JobOptions } from '../../jobs';
import { batchLoss, targetsLike, type OutputKind } from './losses';
import type { Batch, LossKind } from './types';

export interface Predictions {
  /** Row i: the item's probabilities (softmax or sigmoid applied) or regression outputs. */
  outputs: number[][];
  /** Row i: the item's targets in the same layout (one-hot for softmax classification). */
  targets: number[][];
  itemIds: string[];
  /** Mean unweighted loss over the items. */
  loss: number;
}

export interface PredictOptions extends JobOptions {
  loss: LossKind;
  outputKind: OutputKind;
  /** Number of items the batches hold, for progress. */
  itemCount?: number;
}

/** Model output to probabilities: the activation the loss assumes, unless the model applied it. */
export function toProbabilities(loss: LossKind, output: tf.Tensor, outputKind: OutputKind): tf.Tensor {
  if (outputKind === 'probabilities' || loss === 'mean-squared-error') return output.clone();
  return loss === 'softmax-cross-entropy' ? tf.softmax(output) : tf.sigmoid(output);
}

function rows(values: ArrayLike<number>, width: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < values.length; i += width) out.push(Array.from({ length: width }, (_, k) => values[i + k] as number));
  return out;
}

/**
 * Disposes each batch after use. `options.onProgress` reports stage 'predict' per batch; the
 * signal is checked between batches (throws CancelledError).
 */
export async function collectPredictions(model: tf.LayersModel, batches: AsyncIterable<Batch>, options: PredictOptions): Promise<Predictions> {
  const result: Predictions = { outputs: [], targets: [], itemIds: [], loss: Number.NaN };
  let lossSum = 0;
  for await (const batch of batches) {
    try {
      throwIfCancelled(options.signal, 'Prediction');
      const [probabilities, targets, loss] = tf.tidy(() => {
        const output = model.apply(batch.x, { training: false }) as tf.Tensor;
        return [
          toProbabilities(options.loss, output, options.outputKind),
          targetsLike(options.loss, output, batch.y),
          batchLoss(options.loss, output, batch.y, options.outputKind),
        ] as const;
      });
      const size = batch.x.shape[0] ?? 0;
      const width = probabilities.size / Math.max(1, size);
      const [p, t, l] = await Promise.all([probabilities.data(), targets.data(), loss.data()]);
      tf.dispose([probabilities, targets, loss]);
      const start = result.itemIds.length;
      result.outputs.push(...rows(p, width));
      result.targets.push(...rows(t, width));
      result.itemIds.push(...(batch.itemIds ?? Array.from({ length: size }, (_, i) => String(start + i))));
      lossSum += (l[0] as number) * size;
    } finally {
      tf.dispose([batch.x, batch.y]);
    }
    options.onProgress?.({ stage: 'predict', done: result.itemIds.length, total: Math.max(options.itemCount ?? 0, result.itemIds.length) });
  }
  if (result.itemIds.length > 0) result.loss = lossSum / result.itemIds.length;
  return result;
}
