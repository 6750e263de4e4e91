/** Evaluation of a trained model on one split (validation or test), batches in, report out. */
import type * as tf from '@tensorflow/tfjs';
import { EnclaveError, type JobOptions } from '../../jobs';
import { classificationReport, regressionReport, type BootstrapOptions, type ClassificationReport, type RegressionReport } from '../metrics';
import { argmaxRows } from '../metrics/classification';
import { detectOutputKind, type OutputKind } from './losses';
import { collectPredictions } from './predict';
import type { Batch, LossKind } from './types';

export interface EvaluateOptions extends JobOptions {
  loss: LossKind;
  /** Class names (classification); for one sigmoid output: [negative, positive]. */
  classes?: string[];
  threshold?: number;
  bootstrap?: BootstrapOptions;
  calibrationBins?: number;
  outputKind?: OutputKind;
  itemCount?: number;
}

export async function evaluateModel(
  model: tf.LayersModel,
  batches: AsyncIterable<Batch>,
  options: EvaluateOptions,
): Promise<ClassificationReport | RegressionReport> {
  const predictions = await collectPredictions(model, batches, {
    loss: options.loss,
    outputKind: options.outputKind ?? detectOutputKind(model),
    signal: options.signal,
    onProgress: options.onProgress,
    itemCount: options.itemCount,
  });
  if (options.loss === 'mean-squared-error') return regressionReport(predictions.outputs, predictions.targets, predictions.itemIds);
  const width = predictions.outputs[0]?.length ?? 0;
  if (options.loss === 'sigmoid-cross-entropy' && width > 1) {
    throw new EnclaveError('InvalidInputError', `Evaluation of ${width} independent (multi-label) outputs is not supported yet; evaluate one label at a time.`);
  }
  const labels = width === 1 ? predictions.targets.map((row) => row[0] as number) : argmaxRows(predictions.targets);
  const classes = options.classes ?? (width === 1 ? ['negative', 'positive'] : Array.from({ length: width }, (_, k) => `class ${k}`));
  return classificationReport({
    probabilities: predictions.outputs,
    labels,
    itemIds: predictions.itemIds,
    classes,
    threshold: options.threshold,
    bootstrap: options.bootstrap,
    calibrationBins: options.calibrationBins,
  });
}
