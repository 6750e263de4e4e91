/**
 * What the runner carries from step to step: the pixels as one [frames, rows, columns,
 * channels] float32 tensor, plus the header facts that the steps change as they go (spacing,
 * frame times, where the ultrasound regions now lie, which source frame each frame came from).
 */
import * as tf from '@tensorflow/tfjs';
import { frameTimes } from '../temporal/frame-rate';
import { scanData, type ScanInput, type ScanPhotometric, type ScanRegion, type ScanRescale, type ScanWindow } from './scan-input';

export interface ScanState {
  tensor: tf.Tensor4D;
  photometric: ScanPhotometric;
  /** One rescale for the scan or one per frame; undefined when the scan has none. */
  rescale?: ScanRescale[];
  rescaled: boolean;
  windows: ScanWindow[];
  pixelSpacingMm?: [number, number];
  /** Position of each slice along the normal, when known. */
  slicePositionsMm?: number[];
  /** Time of each frame from the first, when known. */
  frameTimesMs?: number[];
  regions: ScanRegion[];
  /** Fractional source frame index of each frame (−1 for a frame of padding). */
  sourceFrames: number[];
}

/** What a step hands back: its output tensor and the facts it changed. */
export type StepResult = Partial<Omit<ScanState, 'tensor'>> & { tensor: tf.Tensor4D; note?: string };

export function initialState(scan: ScanInput): ScanState {
  const [frames, rows, columns, samples] = scan.shape;
  const tensor = tf.tensor4d(scanData(scan), [frames, rows, columns, samples], 'float32');
  const state: ScanState = {
    tensor,
    photometric: scan.photometric,
    rescaled: false,
    windows: scan.windows ?? [],
    regions: scan.ultrasoundRegions?.map((r) => ({ ...r })) ?? [],
    sourceFrames: Array.from({ length: frames }, (_, i) => i),
  };
  if (scan.rescale) state.rescale = Array.isArray(scan.rescale) ? scan.rescale : [scan.rescale];
  if (scan.pixelSpacingMm) state.pixelSpacingMm = [...scan.pixelSpacingMm];
  const positions = scan.slicePositionsMm
    ?? (scan.sliceSpacingMm !== undefined ? Array.from({ length: frames }, (_, i) => i * scan.sliceSpacingMm!) : undefined);
  if (positions) state.slicePositionsMm = [...positions];
  const times = frameTimes(frames, scan.frameTimesMs, scan.frameRateFps);
  if (times) state.frameTimesMs = times;
  return state;
}

/** Source frame of each output frame when frames are resampled at fractional `positions`. */
export function composeSourceFrames(sourceFrames: readonly number[], positions: readonly number[]): number[] {
  return positions.map((p) => {
    if (p < 0) return -1;
    const i = Math.min(sourceFrames.length - 1, Math.floor(p));
    const next = Math.min(sourceFrames.length - 1, i + 1);
    const a = sourceFrames[i]!;
    const b = sourceFrames[next]!;
    return a < 0 || b < 0 ? a : a + (b - a) * (p - i);
  });
}
