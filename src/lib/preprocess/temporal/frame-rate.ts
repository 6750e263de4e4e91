/**
 * Frame-rate resampling of a cine from its real frame times. Target times are t_k = k · 1000 / fps
 * ms from the first frame, for every t_k up to the last frame's time (no extrapolation past
 * it); each takes the two source frames that bracket it, linearly weighted by time, or the
 * nearer of the two (the earlier on a tie).
 */
import { fractionalIndices } from '../volume/linear-axis';

/** Times of each frame from the first, from the header's frame times or its frame rate. */
export function frameTimes(frames: number, frameTimesMs: readonly number[] | undefined, frameRateFps: number | undefined): number[] | undefined {
  if (frameTimesMs && frameTimesMs.length === frames) return frameTimesMs.map((t) => t - frameTimesMs[0]!);
  if (frameRateFps !== undefined && frameRateFps > 0) return Array.from({ length: frames }, (_, i) => (i * 1000) / frameRateFps);
  return undefined;
}

export interface FrameRatePlan {
  /** Fractional source frame index of each output frame. */
  positions: number[];
  timesMs: number[];
}

export function frameRatePlan(sourceTimesMs: readonly number[], fps: number): FrameRatePlan {
  const last = sourceTimesMs[sourceTimesMs.length - 1]! - sourceTimesMs[0]!;
  const stepMs = 1000 / fps;
  // 1e-6 of a frame absorbs rounding: 30 → 15 fps must keep the frame at exactly 2/30 s.
  const count = Math.floor(last / stepMs + 1e-6) + 1;
  const timesMs = Array.from({ length: count }, (_, k) => k * stepMs);
  const relative = sourceTimesMs.map((t) => t - sourceTimesMs[0]!);
  return { positions: fractionalIndices(relative, timesMs), timesMs };
}
