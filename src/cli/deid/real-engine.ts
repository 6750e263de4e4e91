import { createDeidEngine, type DeidEngine } from '../../lib/deid/pipeline';
import { createTesseractRecognizer } from '../../lib/deid/pixels';
import type { CliEngineOptions } from './engine';

/**
 * The engine the site runs, for the CLI: pixels cleaned where the policy says so (imaging area,
 * static overlay, region rules, and OCR with tesseract.js unless --no-ocr), header
 * de-identified, Part 10 written. tesseract.js starts on the first image that needs it; if it
 * cannot start, cleaning goes on without OCR (the file's notes say so).
 */
export function createEngine(options: CliEngineOptions = { ocr: true }): DeidEngine {
  return createDeidEngine({
    mask: { strategy: 'both', ocr: options.ocr },
    ...(options.ocr ? { recognizer: () => createTesseractRecognizer() } : {}),
  });
}
