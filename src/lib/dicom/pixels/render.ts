/**
 * A decoded frame to RGBA for a canvas ImageData (and for preprocessing that wants what the
 * viewer shows): modality rescale, VOI window, MONOCHROME1 inversion; colour through colour.ts.
 * Pure: no DOM, so the same function serves the viewer, workers, tests and the CLI.
 */
import { EnclaveError } from '../../jobs';
import { paletteLookup, toDisplayRgb } from './colour';
import { frameAttributes } from './describe';
import { rescaleRange } from './modality';
import { frameStatistics } from './statistics';
import type { DecodedFrame, PaletteColorLut, PixelImageDescription, Rescale, VoiLutFunction, VoiWindow } from './types';
import { minMaxWindow, voiOutput } from './voi';

// RGBA bytes written as one 32-bit word per pixel (several times faster than four byte stores);
// the word's byte order follows the platform's.
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function packRgb(r: number, g: number, b: number): number {
  return LITTLE_ENDIAN ? ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0 : ((r << 24) | (g << 16) | (b << 8) | 255) >>> 0;
}

export interface WindowChoice {
  center: number;
  width: number;
  /** LINEAR unless given. */
  function?: VoiLutFunction;
}

export interface RenderedFrame {
  width: number;
  height: number;
  rgba: Uint8ClampedArray;
  /** The window applied to a grey frame, and where it came from; absent for colour frames. */
  window?: VoiWindow & { source: 'given' | 'file' | 'min-max' };
}

export function renderFrame(
  frame: DecodedFrame,
  description: PixelImageDescription,
  window?: WindowChoice,
  frameIndex = 0,
): RenderedFrame {
  const width = frame.columns;
  const height = frame.rows;
  const pixels = width * height;
  const rgba = new Uint8ClampedArray(pixels * 4);
  const pi = frame.photometricInterpretation;
  if (pi !== 'MONOCHROME1' && pi !== 'MONOCHROME2' && (frame.samplesPerPixel > 1 || pi.startsWith('PALETTE COLOR'))) {
    if (pi.startsWith('PALETTE COLOR')) {
      if (!description.palette) return renderGrey(frame, description, window, frameIndex, rgba, false);
      return { width, height, rgba: renderPalette(frame, description.palette, rgba) };
    }
    const rgb = toDisplayRgb(frame, description);
    const out = new Uint32Array(rgba.buffer);
    for (let p = 0, i = 0; p < pixels; p++, i += 3) out[p] = packRgb(rgb[i]!, rgb[i + 1]!, rgb[i + 2]!);
    return { width, height, rgba };
  }
  if (frame.samplesPerPixel !== 1) {
    throw new EnclaveError('PixelDecodeError', `This frame says ${pi} but has ${frame.samplesPerPixel} samples per pixel, so it cannot be shown.`);
  }
  return renderGrey(frame, description, window, frameIndex, rgba, pi === 'MONOCHROME1');
}

function renderGrey(
  frame: DecodedFrame,
  description: PixelImageDescription,
  given: WindowChoice | undefined,
  frameIndex: number,
  rgba: Uint8ClampedArray,
  invert: boolean,
): RenderedFrame {
  const attributes = frameAttributes(description, frameIndex);
  const rescale: Rescale | undefined = attributes.rescale;
  const data = frame.data;
  const stats = frameStatistics(frame);
  let window: RenderedFrame['window'];
  const fileWindow = attributes.windows[0];
  if (given) window = { center: given.center, width: given.width, function: given.function ?? 'LINEAR', source: 'given' };
  else if (fileWindow) window = { ...fileWindow, source: 'file' };
  else window = { ...minMaxWindow(...rescaleRange(stats.min, stats.max, rescale)), source: 'min-max' };

  const slope = rescale?.slope ?? 1;
  const intercept = rescale?.intercept ?? 0;
  const display = (stored: number): number => {
    const y = Math.round(voiOutput(stored * slope + intercept, window));
    return invert ? 255 - y : y;
  };
  const pixels = data.length;
  const out = new Uint32Array(rgba.buffer);
  // Integer data of modest range: one VOI evaluation per possible value, then a table lookup.
  const span = stats.max - stats.min + 1;
  if ((span <= 65536 && !(data instanceof Uint32Array || data instanceof Int32Array)) || span <= pixels) {
    const lut = new Uint32Array(span);
    for (let v = 0; v < span; v++) {
      const g = display(stats.min + v);
      lut[v] = packRgb(g, g, g);
    }
    const min = stats.min;
    for (let p = 0; p < pixels; p++) out[p] = lut[data[p]! - min]!;
  } else {
    for (let p = 0; p < pixels; p++) {
      const g = display(data[p]!);
      out[p] = packRgb(g, g, g);
    }
  }
  return { width: frame.columns, height: frame.rows, rgba, window };
}

/** Palette colour through one packed-RGBA table over the frame's stored value range. */
function renderPalette(frame: DecodedFrame, palette: PaletteColorLut, rgba: Uint8ClampedArray): Uint8ClampedArray {
  const { min, max } = frameStatistics(frame);
  const lookup = paletteLookup(palette);
  const lut = new Uint32Array(max - min + 1);
  for (let v = min; v <= max; v++) lut[v - min] = packRgb(...lookup(v));
  const out = new Uint32Array(rgba.buffer);
  const data = frame.data;
  for (let p = 0; p < data.length; p++) out[p] = lut[data[p]! - min]!;
  return rgba;
}
