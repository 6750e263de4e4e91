/**
 * An 8-bit grey view of a decoded frame, what detection and OCR look at: the viewer's own
 * rendering (rescale, window, palette, YBR to RGB) reduced to luminance (BT.601 weights).
 */
import { renderFrame, type DecodedFrame, type PixelImageDescription } from '../../dicom/pixels';
import type { GreyImage } from './types';

export function greyView(frame: DecodedFrame, description: PixelImageDescription, frameIndex = 0): GreyImage {
  const { width, height, rgba } = renderFrame(frame, description, undefined, frameIndex);
  const data = new Uint8Array(width * height);
  for (let p = 0, i = 0; p < data.length; p++, i += 4) {
    data[p] = (rgba[i]! * 77 + rgba[i + 1]! * 150 + rgba[i + 2]! * 29) >> 8;
  }
  return { width, height, data };
}
