/**
 * Copies tesseract.js's worker, its WebAssembly cores and the English trained data from
 * node_modules into public/ocr/, so the app serves OCR itself: the CSP allows no CDN, and
 * tesseract asks for a folder of cores (it picks relaxed-SIMD, SIMD or plain by the CPU) and a
 * folder holding `eng.traineddata.gz`, which Vite's hashed asset names cannot give.
 *
 *   npx tsx src/cli/copy-ocr-assets.ts [public/ocr]
 */
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';

const target = process.argv[2] ?? 'public/ocr';
const require = createRequire(import.meta.url);
const tesseractDist = dirname(require.resolve('tesseract.js/dist/worker.min.js'));
const core = dirname(require.resolve('tesseract.js-core/package.json'));
const eng = dirname(require.resolve('@tesseract.js-data/eng/package.json'));

export const OCR_ASSETS: readonly string[] = [
  join(tesseractDist, 'worker.min.js'),
  join(core, 'tesseract-core-lstm.wasm.js'),
  join(core, 'tesseract-core-simd-lstm.wasm.js'),
  join(core, 'tesseract-core-relaxedsimd-lstm.wasm.js'),
  join(eng, '4.0.0_best_int', 'eng.traineddata.gz'),
];

mkdirSync(target, { recursive: true });
let copied = 0;
let bytes = 0;
for (const source of OCR_ASSETS) {
  const destination = join(target, basename(source));
  const size = statSync(source).size;
  bytes += size;
  if (existsSync(destination) && statSync(destination).size === size) continue;
  copyFileSync(source, destination);
  copied++;
}
console.log(`copy-ocr-assets: ${OCR_ASSETS.length} files (${(bytes / 1e6).toFixed(1)} MB) in ${target}, ${copied} copied`);
