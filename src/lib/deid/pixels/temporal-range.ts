/**
 * Per-pixel lowest and highest value over the frames of a cine loop: the one pass over all
 * frames that both static-overlay detection and the moving-sector estimate read from.
 */
import { EnclaveError } from '../../jobs';
import type { GreyImage } from './types';

export interface TemporalRange {
  width: number;
  height: number;
  frameCount: number;
  min: Uint8Array;
  max: Uint8Array;
}

export function temporalRange(frames: readonly GreyImage[]): TemporalRange {
  const first = frames[0];
  if (!first) throw new EnclaveError('InvalidInputError', 'No frames were given to look for burned-in text.');
  const { width, height } = first;
  const min = first.data.slice(0, width * height);
  const max = min.slice();
  const n = width * height;
  for (let f = 1; f < frames.length; f++) {
    const frame = frames[f]!;
    if (frame.width !== width || frame.height !== height) {
      throw new EnclaveError('InvalidInputError', `Frame ${f + 1} is ${frame.width}×${frame.height} where frame 1 is ${width}×${height}.`);
    }
    const data = frame.data;
    for (let i = 0; i < n; i++) {
      const v = data[i]!;
      if (v < min[i]!) min[i] = v;
      else if (v > max[i]!) max[i] = v;
    }
  }
  return { width, height, frameCount: frames.length, min, max };
}
