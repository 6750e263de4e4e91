import type { AttributeReader } from '../attributes';
import { finite, formatNumber, round } from './values';

/**
 * Frames per second of a cine, from each header that can say it, in order of trust:
 * FrameTime (ms between frames, what the frames were acquired at), FrameTimeVector (the same
 * per frame; its first entry is 0 by definition, so the mean of the others), CineRate and
 * RecommendedDisplayFrameRate (what to play it at, which a device may set differently).
 * The first present wins; the others are kept, and listed when they disagree with it.
 */
export type FrameRateSource = 'FrameTime' | 'FrameTimeVector' | 'CineRate' | 'RecommendedDisplayFrameRate';

export interface FrameRateCandidate {
  source: FrameRateSource;
  fps: number;
}

export interface FrameRate extends FrameRateCandidate {
  /** Every source present, in the order above (the chosen one first). */
  candidates: FrameRateCandidate[];
  /** The candidates that disagree with the chosen rate (see FRAME_RATE_AGREEMENT). */
  disagreements: FrameRateCandidate[];
}

/**
 * CineRate and RecommendedDisplayFrameRate are IS (whole numbers) and FrameTime is DS text
 * rounded by the device, so 1000/51.4 = 19.46 fps written honestly as CineRate 19 is not a
 * disagreement: rates agree within 0.5 fps (integer rounding) plus 1 % (DS rounding).
 */
export const FRAME_RATE_AGREEMENT = { absoluteFps: 0.5, relative: 0.01 } as const;

export function frameRateCandidates(reader: AttributeReader): FrameRateCandidate[] {
  const candidates: FrameRateCandidate[] = [];
  const add = (source: FrameRateSource, fps: number | undefined): void => {
    if (fps !== undefined && Number.isFinite(fps) && fps > 0) candidates.push({ source, fps: round(fps, 3) });
  };
  const frameTime = finite(reader, 'FrameTime');
  if (frameTime !== undefined && frameTime > 0) add('FrameTime', 1000 / frameTime);
  const vector = reader.numbers('FrameTimeVector').slice(1).filter(Number.isFinite);
  if (vector.length > 0) {
    const mean = vector.reduce((s, v) => s + v, 0) / vector.length;
    if (mean > 0) add('FrameTimeVector', 1000 / mean);
  }
  add('CineRate', finite(reader, 'CineRate'));
  add('RecommendedDisplayFrameRate', finite(reader, 'RecommendedDisplayFrameRate'));
  return candidates;
}

export function frameRateOf(reader: AttributeReader): FrameRate | undefined {
  const candidates = frameRateCandidates(reader);
  const chosen = candidates[0];
  if (!chosen) return undefined;
  const disagreements = candidates.slice(1).filter((c) => !ratesAgree(c.fps, chosen.fps));
  return { source: chosen.source, fps: chosen.fps, candidates, disagreements };
}

export function ratesAgree(a: number, b: number): boolean {
  const { absoluteFps, relative } = FRAME_RATE_AGREEMENT;
  return Math.abs(a - b) <= absoluteFps + relative * Math.max(a, b) + 1e-9;
}

/** "CineRate 25 fps; RecommendedDisplayFrameRate 30 fps". */
export function disagreementsText(rate: FrameRate | undefined): string {
  return (rate?.disagreements ?? []).map((c) => `${c.source} ${formatNumber(c.fps)} fps`).join('; ');
}
