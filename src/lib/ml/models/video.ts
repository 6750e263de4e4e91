/**
 * Video networks over clips shaped [frames, height, width, channels].
 * - frame-pool: one 2D network applied to every frame with shared weights (a nested model inside
 *   timeDistributed, which round-trips through the tfjs layers format), then frame features are
 *   averaged, or filtered by a 1D temporal convolution first.
 * - R(2+1)D (Tran et al. 2018): each 3D conv is factorised into a spatial [1,k,k] conv and a
 *   temporal [k,1,1] conv, with residual blocks as in a small ResNet.
 */
import * as tf from '@tensorflow/tfjs';
import type { Backbone2DOptions, ImageShape, VideoFramePoolSpec, VideoR2Plus1DSpec } from './spec';
import { activation, add, batchNorm, conv3dBn, poolToVector, type SeededInit, type Sym } from './layers';
import { mobileNetV2Features } from './mobilenet-v2';
import { resNetSmallFeatures } from './resnet-small';

export const FRAME_BACKBONE_NAME = 'frame_backbone';

/** A 2D network ending in one feature vector per image, as a model of its own. */
export function buildFrameBackbone(input: ImageShape, options: Backbone2DOptions, init: SeededInit): tf.LayersModel {
  const image = tf.input({ shape: input, name: 'frame_input' });
  const map = options.family === 'mobilenet-v2'
    ? mobileNetV2Features(image, options, init)
    : resNetSmallFeatures(image, options, init);
  return tf.model({ inputs: image, outputs: poolToVector(map, 'frame_features'), name: FRAME_BACKBONE_NAME });
}

export function framePoolFeatures(clip: Sym, spec: VideoFramePoolSpec, init: SeededInit): Sym {
  const [, height, width, channels] = spec.input;
  const frameModel = buildFrameBackbone([height, width, channels], spec.backbone, init);
  const frames = tf.layers.timeDistributed({ layer: frameModel, name: 'frames' }).apply(clip) as Sym;
  return temporalFeatures(frames, spec, init);
}

export interface TemporalOptions {
  temporal: 'mean' | 'conv1d';
  temporalKernel?: number;
  temporalFilters?: number;
}

/** Frame features [frames, f] → [frames, f'] through the temporal conv, or unchanged for 'mean'. */
export function temporalFeatures(frames: Sym, options: TemporalOptions, init: SeededInit): Sym {
  if (options.temporal !== 'conv1d') return frames;
  const conv = tf.layers.conv1d({
    name: 'temporal_conv', filters: options.temporalFilters ?? (frames.shape[2] as number), kernelSize: options.temporalKernel ?? 3,
    padding: 'same', useBias: false, kernelInitializer: init.kernel(),
  }).apply(frames) as Sym;
  return activation(batchNorm(conv, 'temporal_conv_bn'), 'relu', 'temporal_conv_relu');
}

/** spatial [1,k,k] then temporal [k,1,1] conv, each with batch norm; ReLU between, `act` after. */
function conv2plus1d(x: Sym, name: string, filters: number, spatialStride: number, act: 'relu' | 'none', init: SeededInit): Sym {
  const spatial = conv3dBn(x, `${name}_spatial`, {
    filters, kernel: [1, 3, 3], strides: [1, spatialStride, spatialStride], act: 'relu',
  }, init);
  return conv3dBn(spatial, `${name}_temporal`, { filters, kernel: [3, 1, 1], act }, init);
}

export function r2plus1dFeatures(clip: Sym, spec: VideoR2Plus1DSpec, init: SeededInit): Sym {
  let x = conv2plus1d(clip, 'stem', spec.baseFilters, 2, 'relu', init);
  let block = 0;
  spec.blocksPerStage.forEach((repeats, stage) => {
    const filters = spec.baseFilters * 2 ** stage;
    for (let i = 0; i < repeats; i++) {
      block += 1;
      const name = `block${block}`;
      const stride = stage > 0 && i === 0 ? 2 : 1;
      const inChannels = x.shape[x.shape.length - 1];
      const residual = conv2plus1d(conv2plus1d(x, `${name}_conv1`, filters, stride, 'relu', init), `${name}_conv2`, filters, 1, 'none', init);
      const shortcut = stride !== 1 || inChannels !== filters
        ? conv3dBn(x, `${name}_shortcut`, { filters, kernel: [1, 1, 1], strides: [1, stride, stride], act: 'none' }, init)
        : x;
      x = activation(add(residual, shortcut, `${name}_add`), 'relu', `${name}_out`);
    }
  });
  return x;
}
