import { minMaxWindow, renderFrame, voiOutput, type RenderedFrame, type WindowChoice } from '../dicom/pixels';
import type { ViewerFrame } from './viewables';

/**
 * Turns what the worker sent into pixels for a canvas, with the window the person chose. Runs
 * on the main thread: windowing one frame costs about a millisecond, so dragging window/level
 * stays live without a round trip to the worker.
 */
export function renderViewerFrame(frame: ViewerFrame, window?: WindowChoice): RenderedFrame {
  switch (frame.kind) {
    case 'dicom':
      return renderFrame(frame.decoded, frame.description, window, frame.frameInInstance);
    case 'rgba':
      return { width: frame.width, height: frame.height, rgba: frame.rgba };
    case 'scalar':
      return renderScalar(frame.width, frame.height, frame.values, window);
  }
}

function renderScalar(width: number, height: number, values: Float32Array, window?: WindowChoice): RenderedFrame {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const chosen = window ? { ...window, function: window.function ?? 'LINEAR' } : minMaxWindow(min, max);
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let p = 0; p < values.length; p++) {
    const grey = voiOutput(values[p]!, chosen);
    rgba[p * 4] = grey;
    rgba[p * 4 + 1] = grey;
    rgba[p * 4 + 2] = grey;
    rgba[p * 4 + 3] = 255;
  }
  return { width, height, rgba, window: { ...chosen, source: window ? 'given' : 'min-max' } };
}
