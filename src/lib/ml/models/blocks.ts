/**
 * Blocks: consecutive layers that belong together (`block3_expand`, `block3_depthwise`…), the
 * unit a person unfreezes ("train the last 2 blocks") and cuts at. Layers inside a nested model
 * (the per-frame backbone of a video model) are listed too, so unfreezing reaches into it.
 *
 * Enclave's own models name layers `stem_…`, `blockN_…`, `top_…`, `temporal_…`, `head_…`.
 * Other models (a downloaded MobileNet) are grouped by the name up to its first number
 * (`conv_dw_3_bn` → `conv_dw_3`); a layer without weights joins the block before it.
 */
import * as tf from '@tensorflow/tfjs';
import { EnclaveError } from '../../jobs';
import { FEATURES_LAYER, HEAD_PREFIX } from './heads';
import { poolToVector, type Sym } from './layers';

type Layer = tf.layers.Layer;

export interface BlockInfo {
  name: string;
  layers: string[];
  params: number;
  trainableParams: number;
  /** Last layer of the block, when it is a top-level layer and so a valid cut point. */
  cutLayer: string | null;
}

export interface ModelDescription {
  name: string;
  inputShape: (number | null)[];
  outputShape: (number | null)[];
  params: number;
  trainableParams: number;
  layerCount: number;
  /** Backbone blocks in order, head excluded. */
  blocks: BlockInfo[];
  head: BlockInfo | null;
}

interface FlatLayer {
  layer: Layer;
  topLevel: boolean;
}

const OWN_GROUP = /^(stem|top|temporal|head|block\d+)_/;

export function blockKeyOf(layerName: string): string {
  const own = OWN_GROUP.exec(layerName);
  if (own?.[1]) return own[1];
  const numbered = /^\D*\d+/.exec(layerName);
  return numbered ? numbered[0] : layerName;
}

function isContainer(layer: Layer): layer is tf.LayersModel {
  return layer instanceof tf.LayersModel;
}

/** The inner layer of a wrapper such as timeDistributed; tfjs does not export the Wrapper class. */
function wrappedLayer(layer: Layer): Layer | undefined {
  const inner = (layer as unknown as { layer?: unknown }).layer;
  return inner instanceof tf.layers.Layer ? inner : undefined;
}

function flattenLayers(model: tf.LayersModel, topLevel = true): FlatLayer[] {
  const flat: FlatLayer[] = [];
  for (const layer of model.layers) {
    if (layer.getClassName() === 'InputLayer') continue;
    const inner = wrappedLayer(layer);
    if (isContainer(layer)) flat.push(...flattenLayers(layer, false));
    else if (inner && isContainer(inner)) flat.push(...flattenLayers(inner, false));
    else flat.push({ layer, topLevel });
  }
  return flat;
}

function paramCount(weights: readonly { shape: (number | null)[] }[]): number {
  return weights.reduce((sum, w) => sum + w.shape.reduce<number>((p, d) => p * (d ?? 0), 1), 0);
}

export function listBlocks(model: tf.LayersModel): BlockInfo[] {
  const blocks: { key: string; members: FlatLayer[] }[] = [];
  for (const entry of flattenLayers(model)) {
    const key = blockKeyOf(entry.layer.name);
    const current = blocks[blocks.length - 1];
    const hasWeights = entry.layer.weights.length > 0;
    if (current && (current.key === key || (!hasWeights && !key.startsWith('head')))) current.members.push(entry);
    else blocks.push({ key, members: [entry] });
  }
  return blocks.map(({ key, members }) => {
    const last = members[members.length - 1];
    return {
      name: key,
      layers: members.map((m) => m.layer.name),
      params: paramCount(members.flatMap((m) => m.layer.weights)),
      trainableParams: paramCount(members.flatMap((m) => m.layer.trainableWeights)),
      cutLayer: last?.topLevel ? last.layer.name : null,
    };
  });
}

function isHeadBlock(block: BlockInfo): boolean {
  return block.name === 'head' || block.layers.every((name) => name.startsWith(HEAD_PREFIX));
}

export function describeModel(model: tf.LayersModel): ModelDescription {
  const all = listBlocks(model);
  const head = all.find(isHeadBlock) ?? null;
  return {
    name: model.name,
    inputShape: [...(model.inputs[0]?.shape ?? [])],
    outputShape: [...(model.outputs[0]?.shape ?? [])],
    params: model.countParams(),
    trainableParams: paramCount(model.trainableWeights),
    layerCount: flattenLayers(model).length,
    blocks: all.filter((block) => !isHeadBlock(block)),
    head,
  };
}

/**
 * Freezes the backbone except its last `unfreezeLastN` blocks; the head always trains.
 * 0 trains the head alone (a linear probe); Infinity trains everything. Call it before
 * `model.compile`: tfjs collects the trainable weights when compiling.
 * A frozen batch norm runs in inference mode (moving statistics used, not updated), as in
 * Keras: tfjs alone would keep normalising with batch statistics and drift the pretrained ones.
 */
export function setTrainableBlocks(model: tf.LayersModel, unfreezeLastN: number): { frozen: number; trainable: number } {
  if (!(unfreezeLastN >= 0) || (Number.isFinite(unfreezeLastN) && !Number.isInteger(unfreezeLastN))) {
    throw new EnclaveError('InvalidInputError', `The number of blocks to unfreeze must be a whole number ≥ 0, not ${unfreezeLastN}.`);
  }
  // Make every weight trainable first: a container's or wrapper's own flag overrides its layers'.
  model.trainable = true;
  for (const layer of model.layers) layer.trainable = true;
  const backbone = listBlocks(model).filter((block) => !isHeadBlock(block));
  const layersByName = new Map(flattenLayers(model).map(({ layer }) => [layer.name, layer]));
  const firstTrainable = Math.max(0, backbone.length - unfreezeLastN);
  backbone.forEach((block, index) => {
    for (const name of block.layers) {
      const layer = layersByName.get(name);
      if (!layer) continue;
      layer.trainable = index >= firstTrainable;
      keepFrozenBatchNormInInference(layer);
    }
  });
  return { frozen: firstTrainable, trainable: backbone.length - firstTrainable };
}

const PATCHED = new WeakSet<Layer>();

/** Per instance, so the saved class name stays 'BatchNormalization' and the format standard. */
function keepFrozenBatchNormInInference(layer: Layer): void {
  if (layer.getClassName() !== 'BatchNormalization' || PATCHED.has(layer)) return;
  const call = layer.call.bind(layer);
  layer.call = (inputs, kwargs) => call(inputs, layer.trainable ? kwargs : { ...kwargs, training: false });
  PATCHED.add(layer);
}

/**
 * The model from its input to `layerName` (default: the pooled `features`), pooled to one vector
 * per sample if that layer still outputs a feature map. Shares weights with `model`.
 */
export function embeddingModel(model: tf.LayersModel, layerName = FEATURES_LAYER): tf.LayersModel {
  const layer = model.layers.find((l) => l.name === layerName);
  if (!layer) {
    const names = model.layers.map((l) => l.name);
    const hint = names.length > 8 ? `${names.slice(-8).join(', ')}…` : names.join(', ');
    throw new EnclaveError('InvalidInputError', `The model has no top-level layer "${layerName}"; its last layers are ${hint}.`);
  }
  let output = layer.output;
  if (Array.isArray(output)) {
    throw new EnclaveError('InvalidInputError', `Layer "${layerName}" has several outputs; choose a layer with one.`);
  }
  if (output.shape.length > 2) {
    const taken = new Set(model.layers.map((l) => l.name));
    output = poolToVector(output as Sym, taken.has(FEATURES_LAYER) ? `${layerName}_pool` : FEATURES_LAYER);
  }
  return tf.model({ inputs: model.inputs, outputs: output, name: `${model.name}_to_${layerName}` });
}

/**
 * A model derived by cutting (`embeddingModel`, `attachHead`, `framePoolOver`) shares the
 * source's layers and so owns them: disposing the derived model frees them. The source's other
 * layers (the part cut off) are freed here; afterwards dispose only `derived`, never `source`.
 */
export function releaseSourceModel(source: tf.LayersModel, derived: tf.LayersModel): number {
  const kept = new Set<Layer>(flattenLayers(derived).map(({ layer }) => layer));
  let disposed = 0;
  for (const layer of source.layers) {
    if (!kept.has(layer) && layer.getClassName() !== 'InputLayer') disposed += layer.dispose().numDisposedVariables;
  }
  return disposed;
}
