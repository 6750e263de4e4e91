/**
 * Batch-norm statistics for inference, measured once training is done ("precise BN", Wu &
 * Johnson 2021). During training each batch-norm layer keeps an exponential moving average
 * with momentum 0.99, which needs hundreds of steps to forget its initial mean 0 and variance
 * 1; a small clinical dataset gives a few steps per epoch, so after a whole run the averages are
 * still partly the initial values and the model predicts badly in inference mode (poor
 * calibration, a threshold in the wrong place). One pass over the training batches with
 * momentum 1 − 1/k at batch k replaces them by the plain mean of the batches' statistics under
 * the final weights. Only the moving statistics change; no trained weight does.
 */
import * as tf from '@tensorflow/tfjs';
import { throwIfCancelled, type JobOptions } from '../jobs';
import type { Batch } from '../ml/train';

interface MomentumLayer {
  momentum: number;
}

/** Every batch-norm layer, nested models and wrappers (TimeDistributed) included. */
export function batchNormLayers(model: tf.LayersModel): (tf.layers.Layer & MomentumLayer)[] {
  const found: (tf.layers.Layer & MomentumLayer)[] = [];
  const visit = (layer: tf.layers.Layer): void => {
    if (layer.getClassName() === 'BatchNormalization') found.push(layer as tf.layers.Layer & MomentumLayer);
    const nested = layer as unknown as { layers?: tf.layers.Layer[]; layer?: tf.layers.Layer };
    nested.layers?.forEach(visit);
    if (nested.layer) visit(nested.layer);
  };
  model.layers.forEach(visit);
  return [...new Set(found)];
}

/**
 * Recomputes the moving mean and variance of every batch-norm layer from `batches` (the training
 * split, in any order). Batches of one sample are skipped: their variance is zero. Returns the
 * number of batches used; 0 leaves the model as it was.
 */
export async function preciseBatchNormStatistics(model: tf.LayersModel, batches: AsyncIterable<Batch>, options: JobOptions = {}): Promise<number> {
  const layers = batchNormLayers(model);
  if (layers.length === 0) return 0;
  const saved = layers.map((layer) => layer.momentum);
  let used = 0;
  try {
    for await (const batch of batches) {
      try {
        throwIfCancelled(options.signal, 'Measuring the batch-norm statistics');
        if ((batch.x.shape[0] ?? 0) < 2) continue;
        used += 1;
        for (const layer of layers) layer.momentum = 1 - 1 / used;
        tf.tidy(() => {
          model.apply(batch.x, { training: true });
        });
      } finally {
        tf.dispose([batch.x, batch.y]);
      }
    }
  } finally {
    layers.forEach((layer, i) => { layer.momentum = saved[i] as number; });
  }
  return used;
}
