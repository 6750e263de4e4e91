/**
 * Prepares a grey frame for tesseract. Burned-in ultrasound text is small and the synthetic
 * banner's bitmap glyphs are blocky; tesseract reads them far better scaled up ×3 with the
 * staircase edges smoothed, as dark text on a white page. Bright text is what is burned in, so
 * pixels at or above `threshold` become text; everything else becomes page.
 */
import type { GreyImage } from './types';

export interface OcrPreprocessOptions {
  /** Upscaling factor (whole number). Default 4 for frames up to 400 px wide, else 3. */
  scale?: number;
  /** Grey level at or above which a (smoothed) pixel is text. Default 100. */
  threshold?: number;
  /** Box blur radius applied after upscaling. Default scale − 1. */
  smooth?: number;
}

export function preprocessForOcr(image: GreyImage, options: OcrPreprocessOptions = {}): GreyImage {
  const scale = ocrScale(image, options.scale);
  const threshold = options.threshold ?? 100;
  const { width, height, data } = image;
  const w = width * scale;
  const h = height * scale;
  // Bilinear upscaling, a box blur as wide as the scale, then the threshold: the blur rounds the
  // blocky glyph corners into strokes before the threshold makes them crisp again.
  const grey = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    const sy = Math.min(height - 1, Math.max(0, (y + 0.5) / scale - 0.5));
    const y0 = Math.floor(sy);
    const y1 = Math.min(height - 1, y0 + 1);
    const fy = sy - y0;
    for (let x = 0; x < w; x++) {
      const sx = Math.min(width - 1, Math.max(0, (x + 0.5) / scale - 0.5));
      const x0 = Math.floor(sx);
      const x1 = Math.min(width - 1, x0 + 1);
      const fx = sx - x0;
      const top = data[y0 * width + x0]! * (1 - fx) + data[y0 * width + x1]! * fx;
      const bottom = data[y1 * width + x0]! * (1 - fx) + data[y1 * width + x1]! * fx;
      grey[y * w + x] = top * (1 - fy) + bottom * fy;
    }
  }
  const smoothed = boxBlur(grey, w, h, options.smooth ?? scale - 1);
  const binary = new Uint8Array(w * h);
  for (let i = 0; i < binary.length; i++) binary[i] = smoothed[i]! >= threshold ? 1 : 0;
  // A 3×3 box blur gives the strokes anti-aliased edges; inverted: text dark, page white.
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let sum = 0;
      let count = 0;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= h) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= w) continue;
          sum += binary[yy * w + xx]!;
          count++;
        }
      }
      out[y * w + x] = 255 - Math.round((255 * sum) / count);
    }
  }
  return { width: w, height: h, data: out };
}

export function ocrScale(image: GreyImage, scale?: number): number {
  return Math.max(1, Math.round(scale ?? (image.width <= 400 ? 4 : 3)));
}

/** Separable box blur of the given radius (0: unchanged). */
function boxBlur(values: Float32Array, w: number, h: number, radius: number): Float32Array {
  if (radius <= 0) return values;
  const across = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let sum = 0;
      let count = 0;
      for (let k = Math.max(0, x - radius); k <= Math.min(w - 1, x + radius); k++, count++) sum += values[y * w + k]!;
      across[y * w + x] = sum / count;
    }
  }
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let sum = 0;
      let count = 0;
      for (let k = Math.max(0, y - radius); k <= Math.min(h - 1, y + radius); k++, count++) sum += across[k * w + x]!;
      out[y * w + x] = sum / count;
    }
  }
  return out;
}

/** Binary PGM (P5): a format tesseract's image reader (leptonica) takes in Node and browser. */
export function encodePgm(image: GreyImage): Uint8Array {
  const header = new TextEncoder().encode(`P5\n${image.width} ${image.height}\n255\n`);
  const out = new Uint8Array(header.length + image.data.length);
  out.set(header, 0);
  out.set(image.data, header.length);
  return out;
}
