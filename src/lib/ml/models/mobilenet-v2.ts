/**
 * MobileNetV2 (Sandler et al. 2018) with Keras's layout and width rounding, so its filter counts
 * match the published networks at the same width. Inverted residual blocks are numbered
 * block1…block17 across the seven stages; `stages` keeps only the first few for small inputs.
 */
import * as tf from '@tensorflow/tfjs';
import type { MobileNetV2Options } from './spec';
import { activation, add, batchNorm, conv2dBn, makeDivisible, type SeededInit, type Sym } from './layers';

/** expansion t, output channels c, repeats n, first stride s (the paper's table 2). */
const STAGES: readonly [t: number, c: number, n: number, s: number][] = [
  [1, 16, 1, 1], [6, 24, 2, 2], [6, 32, 3, 2], [6, 64, 4, 2], [6, 96, 3, 1], [6, 160, 3, 2], [6, 320, 1, 1],
];

/** The feature map after the last 1×1 conv, before pooling. */
export function mobileNetV2Features(input: Sym, options: MobileNetV2Options, init: SeededInit): Sym {
  const alpha = options.widthMultiplier;
  const stageCount = options.stages ?? STAGES.length;
  let x = conv2dBn(input, 'stem_conv', { filters: makeDivisible(32 * alpha), kernel: 3, strides: 2, act: 'relu6' }, init);
  let block = 0;
  for (const [expansion, channels, repeats, firstStride] of STAGES.slice(0, stageCount)) {
    for (let i = 0; i < repeats; i++) {
      block += 1;
      x = invertedResidual(x, `block${block}`, {
        expansion, filters: makeDivisible(channels * alpha), strides: i === 0 ? firstStride : 1,
      }, init);
    }
  }
  const lastFilters = options.lastConvFilters ?? (alpha > 1 ? makeDivisible(1280 * alpha) : 1280);
  return conv2dBn(x, 'top_conv', { filters: lastFilters, kernel: 1, act: 'relu6' }, init);
}

interface InvertedResidualOptions {
  expansion: number;
  filters: number;
  strides: number;
}

function invertedResidual(input: Sym, name: string, options: InvertedResidualOptions, init: SeededInit): Sym {
  const inChannels = input.shape[input.shape.length - 1] as number;
  let x = input;
  if (options.expansion !== 1) {
    x = conv2dBn(x, `${name}_expand`, { filters: inChannels * options.expansion, kernel: 1, act: 'relu6' }, init);
  }
  x = tf.layers.depthwiseConv2d({
    name: `${name}_depthwise`, kernelSize: 3, strides: options.strides, padding: 'same', useBias: false,
    depthwiseInitializer: init.kernel(),
  }).apply(x) as Sym;
  x = activation(batchNorm(x, `${name}_depthwise_bn`), 'relu6', `${name}_depthwise_relu`);
  // The projection is linear: a ReLU on the narrow bottleneck would destroy information.
  x = conv2dBn(x, `${name}_project`, { filters: options.filters, kernel: 1, act: 'none' }, init);
  return inChannels === options.filters && options.strides === 1 ? add(input, x, `${name}_add`) : x;
}
