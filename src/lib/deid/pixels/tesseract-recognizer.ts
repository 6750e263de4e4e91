/**
 * tesseract.js 7 as a TextRecognizer. Nothing is fetched from a CDN: in Node the English
 * trained data is read from @tesseract.js-data/eng in node_modules; in a browser the app must
 * pass URLs on its own origin for all three files (see TesseractSources). The package is loaded
 * on first use, so code that never OCRs never pays for it.
 */
import { EnclaveError } from '../../jobs';
import { encodePgm, ocrScale, preprocessForOcr, type OcrPreprocessOptions } from './ocr-preprocess';
import type { GreyImage, OcrWord, TextRecognizer } from './types';

/**
 * Browser: the app serves (copies to its public folder, or Vite `?url` imports)
 *  - workerPath: node_modules/tesseract.js/dist/worker.min.js
 *  - corePath: a folder URL holding node_modules/tesseract.js-core/tesseract-core-lstm.wasm.js,
 *    tesseract-core-simd-lstm.wasm.js and tesseract-core-relaxedsimd-lstm.wasm.js (tesseract
 *    picks one by the CPU's SIMD support; the .wasm.js files embed their wasm)
 *  - langPath: a folder URL holding node_modules/@tesseract.js-data/eng/4.0.0_best_int/eng.traineddata.gz
 * workerBlobURL is false so the worker is created from workerPath itself ('self'), not a blob.
 */
export interface TesseractSources {
  workerPath?: string;
  corePath?: string;
  langPath?: string;
}

export interface TesseractRecognizerOptions extends TesseractSources, OcrPreprocessOptions {
  /** Words below this confidence (0–100) are dropped. Default 30. */
  minConfidence?: number;
  /**
   * Words taller than this share of the frame height (at least 24 px) are dropped: burned-in
   * text is small, and tesseract reads round anatomy (a ventricle ring) as a giant "O". Default 0.1.
   */
  maxWordHeight?: number;
}

export interface TesseractRecognizer extends TextRecognizer {
  terminate(): Promise<void>;
}

interface Bbox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
interface TesseractWord {
  text: string;
  confidence: number;
  bbox: Bbox;
}
interface TesseractPage {
  blocks: { paragraphs: { lines: { words: TesseractWord[] }[] }[] }[] | null;
}
interface TesseractWorker {
  setParameters(params: Record<string, string>): Promise<unknown>;
  recognize(image: Uint8Array, options: Record<string, never>, output: { blocks: boolean; text: boolean }): Promise<{ data: TesseractPage }>;
  terminate(): Promise<unknown>;
}
type CreateWorker = (langs: string, oem: number, options: Record<string, unknown>) => Promise<TesseractWorker>;

async function importCreateWorker(): Promise<CreateWorker> {
  const namespace = (await import('tesseract.js')) as unknown as { createWorker?: CreateWorker; default?: { createWorker?: CreateWorker } };
  const create = namespace.createWorker ?? namespace.default?.createWorker;
  if (!create) throw new Error('tesseract.js did not export createWorker');
  return create;
}

function isNode(): boolean {
  const proc = (globalThis as { process?: { versions?: { node?: unknown } } }).process;
  return typeof proc?.versions?.node === 'string';
}

/** Node only: the folder of the packaged English data (specifiers in variables: see wasm-source.ts). */
async function nodeLangPath(): Promise<string> {
  const moduleSpecifier = 'node:module';
  const pathSpecifier = 'node:path';
  const { createRequire } = (await import(/* @vite-ignore */ moduleSpecifier)) as { createRequire(from: string): { resolve(r: string): string } };
  const { dirname, join } = (await import(/* @vite-ignore */ pathSpecifier)) as { dirname(p: string): string; join(...p: string[]): string };
  return join(dirname(createRequire(import.meta.url).resolve('@tesseract.js-data/eng/package.json')), '4.0.0_best_int');
}

export async function createTesseractRecognizer(options: TesseractRecognizerOptions = {}): Promise<TesseractRecognizer> {
  const node = isNode();
  if (!node && (!options.workerPath || !options.corePath || !options.langPath)) {
    throw new EnclaveError(
      'InvalidInputError',
      'OCR needs the app to serve tesseract.js itself: pass workerPath, corePath and langPath URLs (no files are fetched from other sites).',
    );
  }
  const workerOptions: Record<string, unknown> = {
    langPath: options.langPath ?? (await nodeLangPath()),
    gzip: true,
    cacheMethod: 'none', // no copy of the trained data in the working folder or IndexedDB
    workerBlobURL: false,
  };
  if (options.workerPath) workerOptions.workerPath = options.workerPath;
  if (options.corePath) workerOptions.corePath = options.corePath;
  const createWorker = await importCreateWorker();
  const worker = await createWorker('eng', 1 /* OEM LSTM_ONLY: the best_int data has no legacy model */, workerOptions);
  // Sparse text: overlays are scattered words and numbers, not paragraphs.
  await worker.setParameters({ tessedit_pageseg_mode: '11' });
  const minConfidence = options.minConfidence ?? 30;
  return {
    async recognize(image: GreyImage): Promise<OcrWord[]> {
      const scale = ocrScale(image, options.scale);
      const prepared = preprocessForOcr(image, { scale, threshold: options.threshold, smooth: options.smooth });
      const { data } = await worker.recognize(encodePgm(prepared), {}, { blocks: true, text: false });
      const tallest = Math.max(24, image.height * (options.maxWordHeight ?? 0.1));
      return wordsOf(data, scale).filter((w) => w.confidence >= minConfidence && w.height <= tallest && /[\p{L}\p{N}]/u.test(w.text));
    },
    async terminate(): Promise<void> {
      await worker.terminate();
    },
  };
}

function wordsOf(page: TesseractPage, scale: number): OcrWord[] {
  const words: OcrWord[] = [];
  for (const block of page.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        for (const w of line.words) {
          const x = Math.floor(w.bbox.x0 / scale);
          const y = Math.floor(w.bbox.y0 / scale);
          words.push({
            text: w.text,
            confidence: w.confidence,
            x,
            y,
            width: Math.ceil(w.bbox.x1 / scale) - x,
            height: Math.ceil(w.bbox.y1 / scale) - y,
          });
        }
      }
    }
  }
  return words;
}
