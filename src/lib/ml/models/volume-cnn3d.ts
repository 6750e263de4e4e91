/**
 * A small 3D CNN for volumes [depth, height, width, channels]: per stage one 3×3×3 conv with
 * batch norm and ReLU, then 2×2×2 max pooling (except after the last stage). 'same' pooling
 * keeps thin volumes (a few slices) valid.
 */
import * as tf from '@tensorflow/tfjs';
import type { VolumeCnn3DSpec } from './spec';
import { conv3dBn, type SeededInit, type Sym } from './layers';

export function volumeCnn3dFeatures(volume: Sym, spec: VolumeCnn3DSpec, init: SeededInit): Sym {
  let x = volume;
  spec.filtersPerStage.forEach((filters, stage) => {
    const name = `block${stage + 1}`;
    x = conv3dBn(x, `${name}_conv`, { filters, kernel: [3, 3, 3], act: 'relu' }, init);
    if (stage < spec.filtersPerStage.length - 1) {
      x = tf.layers.maxPooling3d({ name: `${name}_pool`, poolSize: 2, strides: 2, padding: 'same' }).apply(x) as Sym;
    }
  });
  return x;
}
