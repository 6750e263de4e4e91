/**
 * The Modality LUT stage as rescale slope and intercept (PS3.3 C.11.1): stored values to
 * modality values (HU for CT), per frame for enhanced multi-frame images.
 */
import { frameAttributes } from './describe';
import type { DecodedFrame, PixelImageDescription, Rescale, StoredValues } from './types';

export interface ModalityValues {
  /** The stored values themselves when there is no rescale; Int32 when slope and intercept are whole; else Float32. */
  values: StoredValues | Int32Array | Float32Array;
  rescale?: Rescale;
}

export function modalityValues(frame: DecodedFrame, description: PixelImageDescription, frameIndex = 0): ModalityValues {
  const rescale = frameAttributes(description, frameIndex).rescale;
  // Colour and palette samples have no modality values; a rescale there would be meaningless.
  if (!rescale || frame.samplesPerPixel !== 1 || description.photometricInterpretation.startsWith('PALETTE')) return { values: frame.data };
  const { slope, intercept } = rescale;
  if (slope === 1 && intercept === 0) return { values: frame.data, rescale };
  const data = frame.data;
  // Int32 only where it cannot overflow: |stored| < 2^16, |slope| < 2^14, |intercept| < 2^30.
  const whole =
    Number.isInteger(slope) && Number.isInteger(intercept) && frame.bitsStored <= 16 && Math.abs(slope) < 2 ** 14 && Math.abs(intercept) < 2 ** 30;
  const values = whole ? new Int32Array(data.length) : new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) values[i] = data[i]! * slope + intercept;
  return { values, rescale };
}

/** Modality value range of stored values in [min, max] (a negative slope swaps the ends). */
export function rescaleRange(min: number, max: number, rescale: Rescale | undefined): [number, number] {
  if (!rescale) return [min, max];
  const a = min * rescale.slope + rescale.intercept;
  const b = max * rescale.slope + rescale.intercept;
  return a <= b ? [a, b] : [b, a];
}
