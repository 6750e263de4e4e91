/**
 * The verification pass: OCR the masked output and warn about every word still legible. The
 * warning carries the box and confidence, never the text (it may be PHI); `length` says how
 * long the word is, so the review screen can tell a stray "I" from a name.
 */
import { spreadFrames } from './plan';
import type { Box, GreyImage, TextRecognizer } from './types';

export interface LegibleTextWarning extends Box {
  frame: number;
  confidence: number;
  length: number;
}

export interface VerifyOptions {
  /** Frames read, spread over the loop (default 1). */
  frames?: number;
  /** Words shorter than this (letters and digits) are ignored as noise (default 2). */
  minLength?: number;
  /**
   * Words below this confidence (default 50) or height in pixels (default 5) are ignored:
   * tesseract reads speckle as 2-letter words at 30–45% confidence and 4 px high.
   */
  minConfidence?: number;
  minHeight?: number;
}

export async function verifyMasked(
  frames: readonly GreyImage[],
  recognizer: TextRecognizer,
  options: VerifyOptions = {},
): Promise<LegibleTextWarning[]> {
  const warnings: LegibleTextWarning[] = [];
  for (const index of spreadFrames(frames.length, options.frames ?? 1)) {
    for (const word of await recognizer.recognize(frames[index]!)) {
      const length = word.text.replace(/[^\p{L}\p{N}]/gu, '').length;
      if (length < (options.minLength ?? 2)) continue;
      if (word.confidence < (options.minConfidence ?? 50) || word.height < (options.minHeight ?? 5)) continue;
      warnings.push({ frame: index, x: word.x, y: word.y, width: word.width, height: word.height, confidence: word.confidence, length });
    }
  }
  return warnings;
}
