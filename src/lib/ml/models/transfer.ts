/**
 * Transfer learning from a loaded model (a downloaded MobileNet, an earlier Enclave run): cut it
 * at a chosen layer, put a new head on it, choose how many blocks train; or run the cut 2D
 * network on every frame of a clip.
 */
import * as tf from '@tensorflow/tfjs';
import { EnclaveError } from '../../jobs';
import type { HeadSpec } from './spec';
import { validateHeadSpec } from './spec';
import { embeddingModel, releaseSourceModel, setTrainableBlocks } from './blocks';
import { attachHead, FEATURES_LAYER, headOutput } from './heads';
import { poolToVector, SeededInit, type Sym } from './layers';
import { FRAME_BACKBONE_NAME, temporalFeatures, type TemporalOptions } from './video';

export interface TransferOptions {
  /** Layer to cut at (its output is pooled to a vector if it is a feature map). */
  cutLayer: string;
  head: HeadSpec;
  /** Backbone blocks to train, counted from the cut; 0 trains the head alone. */
  unfreezeLastN: number;
  dropout?: number;
  seed?: number;
}

/**
 * Cut → new head → trainable blocks set. Consumes `source`: its layers past the cut are freed
 * and the returned model owns the rest, so dispose only the returned model afterwards.
 */
export function prepareTransferModel(source: tf.LayersModel, options: TransferOptions): tf.LayersModel {
  validateHeadSpec(options.head);
  const backbone = embeddingModel(source, options.cutLayer);
  const model = attachHead(backbone, options.head, { dropout: options.dropout, seed: options.seed, name: `${source.name}_transfer` });
  releaseSourceModel(source, model);
  setTrainableBlocks(model, options.unfreezeLastN);
  return model;
}

export interface FramePoolOverOptions extends TemporalOptions {
  frames: number;
  head: HeadSpec;
  dropout?: number;
  seed?: number;
}

/**
 * A clip model [frames, h, w, c] that runs `imageBackbone` (e.g. a cut pretrained MobileNet) on
 * every frame with shared weights, then pools over time. Consumes `imageBackbone` like
 * `prepareTransferModel` does: dispose only the returned model.
 */
export function framePoolOver(imageBackbone: tf.LayersModel, options: FramePoolOverOptions): tf.LayersModel {
  validateHeadSpec(options.head);
  const imageShape = imageBackbone.inputs[0]?.shape.slice(1);
  if (imageBackbone.inputs.length !== 1 || !imageShape || imageShape.length !== 3 || imageShape.some((d) => d === null)) {
    throw new EnclaveError('InvalidInputError', 'The per-frame network must take one image of fixed size [height, width, channels].');
  }
  if (!(Number.isInteger(options.frames) && options.frames >= 1)) {
    throw new EnclaveError('InvalidInputError', `The number of frames must be a whole number ≥ 1, not ${options.frames}.`);
  }
  const output = imageBackbone.outputs[0] as Sym;
  const perFrame = output.shape.length > 2
    ? tf.model({ inputs: imageBackbone.inputs, outputs: poolToVector(output, 'frame_features'), name: FRAME_BACKBONE_NAME })
    : imageBackbone;
  const init = new SeededInit(options.seed ?? 1);
  const clip = tf.input({ shape: [options.frames, ...(imageShape as number[])], name: 'input' });
  const frames = tf.layers.timeDistributed({ layer: perFrame, name: 'frames' }).apply(clip) as Sym;
  const x = temporalFeatures(frames, options, init);
  const predictions = headOutput(poolToVector(x, FEATURES_LAYER), options.head, { dropout: options.dropout, init });
  return tf.model({ inputs: clip, outputs: predictions, name: 'frame_pool_transfer' });
}
