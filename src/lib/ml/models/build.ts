/** One entry point from a validated `ModelSpec` to an untrained tfjs layers model. */
import * as tf from '@tensorflow/tfjs';
import type { BackboneSpec, ModelSpec } from './spec';
import { validateModelSpec } from './spec';
import { poolToVector, SeededInit, type Sym } from './layers';
import { FEATURES_LAYER, headOutput } from './heads';
import { mobileNetV2Features } from './mobilenet-v2';
import { resNetSmallFeatures } from './resnet-small';
import { framePoolFeatures, r2plus1dFeatures } from './video';
import { volumeCnn3dFeatures } from './volume-cnn3d';

export const INPUT_LAYER = 'input';

/**
 * input → backbone → `features` (one vector per sample) → head. Throws InvalidInputError for a
 * spec that does not validate. The same spec (seed included) always gives the same weights.
 */
export function buildModel(spec: ModelSpec): tf.LayersModel {
  validateModelSpec(spec);
  const init = new SeededInit(spec.seed);
  const input = tf.input({ shape: [...spec.input], name: INPUT_LAYER });
  const features = poolToVector(backboneFeatures(input, spec, init), FEATURES_LAYER);
  const output = headOutput(features, spec.head, { dropout: spec.dropout, init });
  return tf.model({ inputs: input, outputs: output, name: spec.family.replace(/-/g, '_') });
}

function backboneFeatures(input: Sym, spec: BackboneSpec, init: SeededInit): Sym {
  switch (spec.family) {
    case 'mobilenet-v2': return mobileNetV2Features(input, spec, init);
    case 'resnet-small': return resNetSmallFeatures(input, spec, init);
    case 'video-frame-pool': return framePoolFeatures(input, spec, init);
    case 'video-r2plus1d': return r2plus1dFeatures(input, spec, init);
    case 'volume-cnn3d': return volumeCnn3dFeatures(input, spec, init);
  }
}
