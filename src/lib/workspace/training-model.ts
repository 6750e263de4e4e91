/**
 * The network a run trains: built from its spec, or (`request.base`) a pretrained base model cut
 * at a layer with a new head, run on every frame of a clip or slice of a volume when the dataset
 * is 4D, with only the last N blocks unfrozen. A one-channel dataset feeds a three-channel
 * network through a fixed 1×1 convolution that copies the grey value into each channel, as
 * ImageNet models expect colour.
 */
import * as tf from '@tensorflow/tfjs';
import { EnclaveError } from '../jobs';
import { attachHead, buildModel, embeddingModel, framePoolOver, releaseSourceModel, setTrainableBlocks, type ModelSpec } from '../ml/models';
import type { BaseModelsRepository } from '../store/base-models-repository';
import type { BaseModelRecord } from '../store/schema';
import { loadBaseModel } from './base-models';
import type { TrainRequest } from './training-request';

export interface RunModel {
  model: tf.LayersModel;
  /** The base model the run started from, for the card. */
  base?: BaseModelRecord;
}

/** Builds the run's model; `spec` is the resolved one (input = the dataset's sample shape). */
export async function buildRunModel(request: TrainRequest, spec: ModelSpec, baseModels: BaseModelsRepository | undefined): Promise<RunModel> {
  const base = request.base;
  if (!base) return { model: buildModel(spec) };
  if (!baseModels) throw new EnclaveError('InvalidInputError', 'This run starts from a pretrained model, but no pretrained models are available here.');
  const loaded = await loadBaseModel(baseModels, base.baseModelId);
  try {
    return { model: transferModel(loaded.model, loaded.record, spec, base), base: loaded.record };
  } catch (error) {
    loaded.model.dispose();
    throw error;
  }
}

function transferModel(source: tf.LayersModel, record: BaseModelRecord, spec: ModelSpec, base: NonNullable<TrainRequest['base']>): tf.LayersModel {
  const sample = spec.input as readonly number[];
  const image = sample.length === 3 ? sample : sample.slice(1);
  const grey = checkInputFits(source, image, sample.length === 3 ? 'images' : 'frames', record.name);
  const cut = embeddingModel(source, base.cutLayer);
  releaseSourceModel(source, cut);
  const backbone = grey ? greyToRgb(cut, image) : cut;
  const common = { head: spec.head, dropout: spec.dropout, seed: spec.seed };
  let model: tf.LayersModel;
  if (sample.length === 3) {
    model = attachHead(backbone, spec.head, { ...common, name: `${record.name.replace(/\W+/g, '_')}_transfer` });
  } else {
    const temporal = spec.family === 'video-frame-pool'
      ? { temporal: spec.temporal, temporalKernel: spec.temporalKernel, temporalFilters: spec.temporalFilters }
      : { temporal: 'mean' as const };
    model = framePoolOver(backbone, { ...common, ...temporal, frames: sample[0] as number });
  }
  setTrainableBlocks(model, base.unfreezeLastN);
  // The grey copy is fixed: one block to unfreeze, but never trained.
  if (grey) backbone.getLayer(GREY_LAYER).trainable = false;
  return model;
}

const GREY_LAYER = 'grey_to_rgb';

/**
 * True when a one-channel dataset meets a three-channel model (a fixed copy bridges them); throws
 * a message naming the recipe size that would fit when height or width differ.
 */
function checkInputFits(source: tf.LayersModel, image: readonly number[], what: string, name: string): boolean {
  const takes = source.inputs[0]?.shape.slice(1) ?? [];
  const fits = (i: number) => takes[i] === null || takes[i] === image[i];
  const grey = image[2] === 1 && takes[2] === 3;
  if (source.inputs.length !== 1 || takes.length !== 3 || !fits(0) || !fits(1) || !(fits(2) || grey)) {
    throw new EnclaveError('InvalidInputError', `The pretrained model "${name}" takes images of [${takes.join(', ')}], but this dataset's ${what} are [${image.join(', ')}]; `
      + `build the dataset with a recipe that resizes to ${takes[0]}×${takes[1]}.`);
  }
  return grey;
}

/** [h, w, 1] → a fixed 1×1 convolution of ones → [h, w, 3] → the cut network. */
function greyToRgb(cut: tf.LayersModel, image: readonly number[]): tf.LayersModel {
  const input = tf.input({ shape: [...image], name: 'grey_input' });
  const copy = tf.layers.conv2d({
    name: GREY_LAYER, filters: 3, kernelSize: 1, useBias: false, kernelInitializer: 'ones', trainable: false,
  }).apply(input) as tf.SymbolicTensor;
  const output = cut.apply(copy) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: output, name: `${cut.name}_grey` });
}
