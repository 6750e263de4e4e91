import { describe, expect, it } from 'vitest';
import { ECHO_BANNER, ECHO_FRAME, echoBannerLines, planEchoCohort, renderEchoStudy } from '../../../src/lib/synthetic';
import { hasTool, runOnFile } from '../dicom/write/external-tools';

/**
 * The banner must be readable by a real OCR engine, because the de-identification step will
 * look for burned-in text with one (tesseract.js in the app). Debian's tesseract CLI stands in
 * for it here; the test skips, saying so, when the CLI is absent.
 */
/**
 * The banner as a PGM for tesseract: dark text on white, enlarged 4× with bilinear
 * interpolation and a 5×5 box blur. Blocky pixel fonts OCR badly as they are; smoothing them
 * is what an OCR step in the app would do too.
 */
function bannerAsPgm(pixels: Uint8Array, width: number, height: number): Uint8Array {
  const zoom = 4;
  const w = width * zoom;
  const h = height * zoom;
  const at = (x: number, y: number) => 255 - (pixels[Math.min(height - 1, y) * width + Math.min(width - 1, x)] ?? 0);
  const big = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const sx = Math.max(0, (x + 0.5) / zoom - 0.5), sy = Math.max(0, (y + 0.5) / zoom - 0.5);
      const x0 = Math.floor(sx), y0 = Math.floor(sy), fx = sx - x0, fy = sy - y0;
      big[y * w + x] = (at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx) * (1 - fy) + (at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx) * fy;
    }
  }
  const blurred = boxBlur(boxBlur(big, w, h, 1, 0), w, h, 0, 1);
  const header = new TextEncoder().encode(`P5\n${w} ${h}\n255\n`);
  const out = new Uint8Array(header.length + w * h);
  out.set(header);
  blurred.forEach((v, i) => (out[header.length + i] = Math.round(v)));
  return out;
}

function boxBlur(src: Float32Array, w: number, h: number, dx: number, dy: number): Float32Array {
  const out = new Float32Array(src.length);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let sum = 0;
      for (let k = -2; k <= 2; k++) {
        const xx = Math.min(w - 1, Math.max(0, x + k * dx)), yy = Math.min(h - 1, Math.max(0, y + k * dy));
        sum += src[yy * w + xx] ?? 0;
      }
      out[y * w + x] = sum / 5;
    }
  }
  return out;
}

describe('burned-in banner OCR', () => {
  it.skipIf(!hasTool('tesseract'))('tesseract reads the fake name, ID and date of several studies', () => {
    const studies = planEchoCohort({ seed: 3, patients: 6, echoStudies: 6 }).studies;
    for (const study of studies) {
      const cine = renderEchoStudy(study);
      const bottom = ECHO_BANNER.y + 3 * ECHO_BANNER.lineHeight;
      const image = bannerAsPgm(cine.pixels.subarray(0, ECHO_FRAME.width * bottom), ECHO_FRAME.width, bottom);
      // runOnFile appends the image path, which sh passes to tesseract as "$0".
      const run = runOnFile('sh', ['-c', 'tesseract "$0" stdout --psm 6 2>/dev/null'], image, 'banner.pgm');
      const text = run.output.replace(/\s+/g, ' ');
      const [name, id, date] = echoBannerLines(study);
      expect(text, text).toContain(id);
      expect(text, text).toContain(date);
      expect(text, text).toContain(name!.split(', ')[1]);
    }
  });
});
