/**
 * Training losses on per-sample terms, so class weights scale each sample. A model may end in
 * softmax/sigmoid (the heads of src/lib/ml/models do) or output logits; logits use the stable
 * log-sum-exp forms, probabilities are clipped to [ε, 1 − ε] as Keras does.
 */
import * as tf from '@tensorflow/tfjs';
import { EnclaveError } from '../../jobs';
import type { LossKind, TrainConfig } from './types';

export type OutputKind = 'probabilities' | 'logits';

const EPSILON = 1e-7;

/** 'probabilities' when the model's last layer applies softmax or sigmoid, else 'logits'. */
export function detectOutputKind(model: tf.LayersModel): OutputKind {
  const last = model.layers[model.layers.length - 1];
  const activation = last?.getConfig().activation;
  return activation === 'softmax' || activation === 'sigmoid' ? 'probabilities' : 'logits';
}

/** Targets in the shape of the output: class indices become one-hot, [b] becomes [b, 1]. */
export function targetsLike(kind: LossKind, output: tf.Tensor, y: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const classes = output.shape[output.shape.length - 1] ?? 1;
    if (kind === 'softmax-cross-entropy' && y.rank === 1) return tf.oneHot(y.toInt(), classes).toFloat();
    if (y.size !== output.size) {
      throw new EnclaveError('InvalidInputError', `The labels have shape [${y.shape}] but the model outputs [${output.shape}]; check the head matches the task.`);
    }
    return y.toFloat().reshape(output.shape);
  });
}

/** One loss value per sample, shape [b]. */
export function perSampleLoss(kind: LossKind, output: tf.Tensor, targets: tf.Tensor, outputKind: OutputKind): tf.Tensor1D {
  return tf.tidy(() => {
    const lastAxis = output.rank - 1;
    const flat = (t: tf.Tensor): tf.Tensor2D => t.reshape([output.shape[0] ?? -1, -1]) as tf.Tensor2D;
    switch (kind) {
      case 'softmax-cross-entropy': {
        const logProbabilities = outputKind === 'logits'
          ? tf.logSoftmax(output, lastAxis)
          : tf.log(tf.clipByValue(output, EPSILON, 1 - EPSILON));
        return tf.neg(tf.sum(tf.mul(targets, logProbabilities), lastAxis)) as tf.Tensor1D;
      }
      case 'sigmoid-cross-entropy': {
        const z = flat(output);
        const y = flat(targets);
        const terms = outputKind === 'logits'
          // max(z, 0) − z·y + log(1 + e^(−|z|)): no overflow for large |z|.
          ? tf.add(tf.sub(tf.relu(z), tf.mul(z, y)), tf.log1p(tf.exp(tf.neg(tf.abs(z)))))
          : (() => {
            const p = tf.clipByValue(z, EPSILON, 1 - EPSILON);
            return tf.neg(tf.add(tf.mul(y, tf.log(p)), tf.mul(tf.sub(1, y), tf.log(tf.sub(1, p)))));
          })();
        return tf.mean(terms, 1) as tf.Tensor1D;
      }
      case 'mean-squared-error':
        return tf.mean(tf.squaredDifference(flat(output), flat(targets)), 1) as tf.Tensor1D;
    }
  });
}

/** Each sample's weight from its class: shape [b]. */
export function sampleWeights(kind: LossKind, targets: tf.Tensor, classWeights: readonly number[]): tf.Tensor1D {
  return tf.tidy(() => {
    const classes = targets.shape[targets.shape.length - 1] ?? 1;
    if (kind === 'softmax-cross-entropy') {
      if (classWeights.length !== classes) {
        throw new EnclaveError('InvalidInputError', `There are ${classWeights.length} class weights for ${classes} classes; give one weight per class.`);
      }
      return tf.sum(tf.mul(targets, tf.tensor1d([...classWeights])), -1) as tf.Tensor1D;
    }
    if (kind === 'sigmoid-cross-entropy' && targets.size === (targets.shape[0] ?? 0)) {
      if (classWeights.length !== 2) {
        throw new EnclaveError('InvalidInputError', `A single sigmoid output needs two class weights [negative, positive], not ${classWeights.length}.`);
      }
      const y = targets.reshape([-1]);
      const [negative, positive] = classWeights as [number, number];
      return tf.add(tf.mul(y, positive), tf.mul(tf.sub(1, y), negative)) as tf.Tensor1D;
    }
    throw new EnclaveError('InvalidInputError', 'Class weights apply to single-label classification (softmax, or one sigmoid output); remove them for this task.');
  });
}

/**
 * The batch loss: Σ wᵢ·lᵢ / b, Keras's "sum over batch size" reduction, so weights of mean 1
 * (as 'balanced' gives over the whole split) leave the scale of the loss, and of the steps, unchanged.
 */
export function batchLoss(
  kind: LossKind,
  output: tf.Tensor,
  y: tf.Tensor,
  outputKind: OutputKind,
  classWeights?: readonly number[],
): tf.Scalar {
  return tf.tidy(() => {
    const targets = targetsLike(kind, output, y);
    const losses = perSampleLoss(kind, output, targets, outputKind);
    if (classWeights === undefined) return tf.mean(losses) as tf.Scalar;
    return tf.div(tf.sum(tf.mul(losses, sampleWeights(kind, targets, classWeights))), losses.shape[0]) as tf.Scalar;
  });
}

/** n / (K · n_k), scikit-learn's 'balanced' rule; a class with no samples gets weight 0. */
export function balancedClassWeights(classCounts: readonly number[]): number[] {
  const total = classCounts.reduce((a, b) => a + b, 0);
  return classCounts.map((count) => (count > 0 ? total / (classCounts.length * count) : 0));
}

export function resolveClassWeights(config: Pick<TrainConfig, 'classWeights'>, classCounts?: readonly number[]): number[] | undefined {
  if (config.classWeights === undefined) return undefined;
  if (config.classWeights !== 'balanced') return [...config.classWeights];
  if (classCounts === undefined || classCounts.length === 0) {
    throw new EnclaveError('InvalidInputError', "Balanced class weights need the number of training samples per class; give classCounts with the data, or set the weights by hand.");
  }
  return balancedClassWeights(classCounts);
}
