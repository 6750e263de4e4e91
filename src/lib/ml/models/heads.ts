/**
 * Heads turn a feature vector into predictions: softmax or sigmoid classes, or linear outputs
 * for regression (ejection fraction, for example). The head's layers are always named
 * `head_dropout` and `head_dense`, so a head trained on cached embeddings (quick mode) can have
 * its weights copied onto the same head attached to the backbone.
 */
import * as tf from '@tensorflow/tfjs';
import { EnclaveError } from '../../jobs';
import type { HeadSpec } from './spec';
import { validateHeadSpec } from './spec';
import { poolToVector, SeededInit, type Sym } from './layers';

export const FEATURES_LAYER = 'features';
export const HEAD_DENSE_LAYER = 'head_dense';
export const HEAD_DROPOUT_LAYER = 'head_dropout';
export const HEAD_PREFIX = 'head_';

export function headUnits(head: HeadSpec): number {
  return head.task === 'classification' ? head.classes : head.outputs;
}

export function headOutput(features: Sym, head: HeadSpec, options: { dropout?: number; init: SeededInit }): Sym {
  let x = features;
  if (options.dropout !== undefined && options.dropout > 0) {
    x = tf.layers.dropout({ name: HEAD_DROPOUT_LAYER, rate: options.dropout, seed: options.init.nextSeed() }).apply(x) as Sym;
  }
  return tf.layers.dense({
    name: HEAD_DENSE_LAYER,
    units: headUnits(head),
    activation: head.task === 'classification' ? head.activation : 'linear',
    kernelInitializer: options.init.kernel(),
  }).apply(x) as Sym;
}

export interface AttachHeadOptions {
  dropout?: number;
  /** Seed of the new head's initial weights (default 1). */
  seed?: number;
  /** A model with a `head_dense` layer of matching shape (e.g. a quick-mode head) whose weights to copy. */
  weightsFrom?: tf.LayersModel;
  name?: string;
}

/**
 * A new model: the backbone's input, its output pooled to a vector if it is still a feature map,
 * then the head. The new model shares the backbone's layers (no copy): dispose only one of them,
 * and see `releaseSourceModel` for the layers of a cut model that are left over.
 */
export function attachHead(backbone: tf.LayersModel, head: HeadSpec, options: AttachHeadOptions = {}): tf.LayersModel {
  validateHeadSpec(head);
  const taken = new Set(backbone.layers.map((layer) => layer.name));
  const clash = [HEAD_DENSE_LAYER, HEAD_DROPOUT_LAYER].find((name) => taken.has(name));
  if (clash) {
    throw new EnclaveError('InvalidInputError', `The backbone already has a head (layer "${clash}"); cut it before the head first.`);
  }
  if (backbone.outputs.length !== 1) {
    throw new EnclaveError('InvalidInputError', `The backbone has ${backbone.outputs.length} outputs; a head needs exactly one.`);
  }
  const output = backbone.outputs[0] as Sym;
  const features = output.shape.length > 2
    ? poolToVector(output, taken.has(FEATURES_LAYER) ? `${FEATURES_LAYER}_pool` : FEATURES_LAYER)
    : output;
  const trained = options.weightsFrom ? trainedHeadWeights(options.weightsFrom, features.shape[1] as number, headUnits(head)) : undefined;
  const predictions = headOutput(features, head, { dropout: options.dropout, init: new SeededInit(options.seed ?? 1) });
  const model = tf.model({ inputs: backbone.inputs, outputs: predictions, name: options.name ?? `${backbone.name}_with_head` });
  if (trained) model.getLayer(HEAD_DENSE_LAYER).setWeights(trained);
  return model;
}

/** A head alone over feature vectors of `featureSize`: what quick mode trains on cached embeddings. */
export function buildHeadModel(featureSize: number, head: HeadSpec, options: { dropout?: number; seed?: number } = {}): tf.LayersModel {
  validateHeadSpec(head);
  if (!(Number.isInteger(featureSize) && featureSize > 0)) {
    throw new EnclaveError('InvalidInputError', `The feature size must be a positive whole number, not ${featureSize}.`);
  }
  const input = tf.input({ shape: [featureSize], name: 'embedding' });
  const output = headOutput(input, head, { dropout: options.dropout, init: new SeededInit(options.seed ?? 1) });
  return tf.model({ inputs: input, outputs: output, name: 'quick_head' });
}

/** Checked before any new layer exists, so a refusal leaves nothing to free. */
function trainedHeadWeights(from: tf.LayersModel, featureSize: number, units: number): tf.Tensor[] {
  const source = findLayer(from, HEAD_DENSE_LAYER);
  if (!source) throw new EnclaveError('InvalidInputError', `The model to copy the head from has no "${HEAD_DENSE_LAYER}" layer.`);
  const weights = source.getWeights();
  const shapes = weights.map((w) => `[${w.shape.join(', ')}]`).join(' ');
  if (shapes !== `[${featureSize}, ${units}] [${units}]`) {
    throw new EnclaveError('InvalidInputError', `The trained head has shapes ${shapes}, but this backbone gives ${featureSize} features and the head needs ${units} outputs ([${featureSize}, ${units}] [${units}]).`);
  }
  return weights;
}

function findLayer(model: tf.LayersModel, name: string): tf.layers.Layer | undefined {
  return model.layers.find((layer) => layer.name === name);
}

/**
 * The top-level layer whose output the head reads: FEATURES_LAYER in Enclave's own models, the
 * cut layer (or its pooling, or a wrapper around the cut network) in a transfer model.
 */
export function headInputLayerName(model: tf.LayersModel): string {
  const inboundOf = (layer: tf.layers.Layer): tf.layers.Layer | undefined =>
    (layer as unknown as { inboundNodes: { inboundLayers: tf.layers.Layer[] }[] }).inboundNodes[0]?.inboundLayers[0];
  let layer = inboundOf(model.getLayer(HEAD_DENSE_LAYER));
  if (layer?.name === HEAD_DROPOUT_LAYER) layer = inboundOf(layer);
  if (!layer) throw new EnclaveError('InvalidInputError', `The model "${model.name}" has no layer before its head.`);
  return layer.name;
}
