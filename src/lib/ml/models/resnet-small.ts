/**
 * A small ResNet of basic blocks (He et al. 2016): a strided 3×3 stem, then stages whose filters
 * double and resolution halves, each block numbered block1… in order.
 */
import type { ResNetSmallOptions } from './spec';
import { activation, add, conv2dBn, type SeededInit, type Sym } from './layers';

export function resNetSmallFeatures(input: Sym, options: ResNetSmallOptions, init: SeededInit): Sym {
  let x = conv2dBn(input, 'stem_conv', { filters: options.baseFilters, kernel: 3, strides: 2, act: 'relu' }, init);
  let block = 0;
  options.blocksPerStage.forEach((repeats, stage) => {
    const filters = options.baseFilters * 2 ** stage;
    for (let i = 0; i < repeats; i++) {
      block += 1;
      x = basicBlock(x, `block${block}`, filters, stage > 0 && i === 0 ? 2 : 1, init);
    }
  });
  return x;
}

function basicBlock(input: Sym, name: string, filters: number, strides: number, init: SeededInit): Sym {
  const inChannels = input.shape[input.shape.length - 1];
  let x = conv2dBn(input, `${name}_conv1`, { filters, kernel: 3, strides, act: 'relu' }, init);
  x = conv2dBn(x, `${name}_conv2`, { filters, kernel: 3, act: 'none' }, init);
  const shortcut = strides !== 1 || inChannels !== filters
    ? conv2dBn(input, `${name}_shortcut`, { filters, kernel: 1, strides, act: 'none' }, init)
    : input;
  return activation(add(x, shortcut, `${name}_add`), 'relu', `${name}_out`);
}
