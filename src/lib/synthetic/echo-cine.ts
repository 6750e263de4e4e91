import { drawText, type GrayImage } from './bitmap-font';
import { createRng } from './random';

/**
 * Renders an echo-like cine loop: a fan-shaped B-mode sector with speckle, a dark elliptical
 * left-ventricle cavity inside a brighter myocardial wall, and a burned-in text banner above.
 *
 * The label lives in the motion. The cavity is the mid-slice of an ellipsoid whose axes all
 * scale together, so volume ∝ area^(3/2); its area runs once per loop from end-diastole
 * (frame 0) to end-systole (frame frames/2) and back, with A_ES / A_ED = (1 − EF)^(2/3).
 * Anyone can therefore recover EF = 1 − (A_min / A_max)^(3/2) from dark-pixel counts.
 *
 * Pixel values are chosen so that a simple threshold tells the parts apart: outside the fan
 * is exactly 0, the cavity is 4–18 (ECHO_CAVITY_RANGE), tissue is always above 40, banner
 * text is 235. Only integer maths, sqrt and one cosine per frame run per pixel.
 */

export const ECHO_FRAME = { width: 192, height: 144, frames: 16 } as const;
export const ECHO_SECTOR = { apexX: 96, apexY: 54, radius: 86, halfAngleDegrees: 40 } as const;
export const ECHO_BANNER = { x: 4, y: 3, lineHeight: 17, scale: 2, value: 235 } as const;
export const ECHO_CAVITY_RANGE = { min: 4, max: 18 } as const;
/** Lowest value tissue can take for any site gain; a threshold between the two separates them. */
export const ECHO_TISSUE_MIN = 40;
/** Physical size of a pixel in the sector, in cm (depth 86 px ≈ 13.8 cm). */
export const ECHO_CM_PER_PIXEL = 0.16;

export interface EchoRenderInput {
  ejectionFraction: number;
  imageGain: number;
  bannerLines: readonly string[];
  /** Names the noise stream (e.g. the SOP Instance UID), so every study has its own speckle. */
  noiseKey: string;
}

export interface EchoCine {
  width: number;
  height: number;
  frames: number;
  /** frames × height × width bytes, frame-major. */
  pixels: Uint8Array;
  /** Bounding box of the sector, inclusive, for the SequenceOfUltrasoundRegions. */
  region: { minX: number; minY: number; maxX: number; maxY: number };
  /** Cavity pixels per frame as drawn: the ground truth the pixel-based tests estimate. */
  cavityPixels: number[];
}

const TISSUE_LEVEL = 130;
const WALL_LEVEL = 190;

export function renderEchoCine(input: EchoRenderInput): EchoCine {
  const { width, height, frames } = ECHO_FRAME;
  const rng = createRng(`echo-pixels|${input.noiseKey}`);
  const sector = sectorGeometry();
  // Per-study anatomy: where the ventricle sits and how big it is at end-diastole.
  const cx = ECHO_SECTOR.apexX + rng.int(-4, 4) + 0.5;
  const cy = ECHO_SECTOR.apexY + 46 + rng.int(-3, 3) + 0.5;
  const edA = rng.uniform(12, 15);
  const edB = rng.uniform(18, 21);
  const residual = 1 - input.ejectionFraction / 100;
  const esAreaRatio = Math.cbrt(residual * residual);
  const speckle = speckleTable();

  const pixels = new Uint8Array(width * height * frames);
  const cavityPixels: number[] = [];
  for (let f = 0; f < frames; f++) {
    const phase = (1 - Math.cos((2 * Math.PI * f) / frames)) / 2; // 0 at ED, 1 at ES
    const s = Math.sqrt(1 - (1 - esAreaRatio) * phase);
    const a = edA * s;
    const b = edB * s;
    const wall = 4 + 6 * (1 - s); // the wall thickens as the cavity shrinks
    const ao = a + wall;
    const bo = b + wall;
    const base = f * width * height;
    let cavity = 0;
    for (let y = 0; y < height; y++) {
      let previous = speckle[(rng.next() * speckle.length) | 0] ?? 0;
      for (let x = 0; x < width; x++) {
        const i = y * width + x;
        const attenuation = sector[i] ?? 0;
        if (attenuation === 0) continue; // outside the fan stays exactly 0
        const dx = x + 0.5 - cx;
        const dy = y + 0.5 - cy;
        if ((dx * dx) / (a * a) + (dy * dy) / (b * b) <= 1) {
          pixels[base + i] = ECHO_CAVITY_RANGE.min + ((rng.next() * (ECHO_CAVITY_RANGE.max - ECHO_CAVITY_RANGE.min + 1)) | 0);
          cavity++;
          continue;
        }
        const current = speckle[(rng.next() * speckle.length) | 0] ?? 0;
        const grain = (previous + current) / 2; // lateral smoothing: speckle is wider than tall
        previous = current;
        const level = (dx * dx) / (ao * ao) + (dy * dy) / (bo * bo) <= 1 ? WALL_LEVEL : TISSUE_LEVEL;
        const value = Math.round(input.imageGain * attenuation * level * (0.5 + 0.7 * grain));
        pixels[base + i] = value > 255 ? 255 : value;
      }
    }
    cavityPixels.push(cavity);
    const frame: GrayImage = { width, height, pixels: pixels.subarray(base, base + width * height) };
    input.bannerLines.forEach((line, k) => {
      drawText(frame, line, ECHO_BANNER.x, ECHO_BANNER.y + k * ECHO_BANNER.lineHeight, ECHO_BANNER.scale, ECHO_BANNER.value);
    });
  }
  return { width, height, frames, pixels, region: sectorBounds(sector), cavityPixels };
}

let cachedSector: Float32Array | undefined;

/** Per pixel: 0 outside the fan, else depth attenuation in (0.75, 1]. */
function sectorGeometry(): Float32Array {
  if (cachedSector) return cachedSector;
  const { width, height } = ECHO_FRAME;
  const { apexX, apexY, radius, halfAngleDegrees } = ECHO_SECTOR;
  const tanHalf = Math.tan((halfAngleDegrees * Math.PI) / 180);
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const dx = x + 0.5 - apexX;
      const dy = y + 0.5 - apexY;
      const depth = Math.sqrt(dx * dx + dy * dy);
      if (dy > 0 && depth <= radius && Math.abs(dx) <= dy * tanHalf) {
        out[y * width + x] = 1 - (0.25 * depth) / radius;
      }
    }
  }
  cachedSector = out;
  return out;
}

function sectorBounds(sector: Float32Array): EchoCine['region'] {
  const { width } = ECHO_FRAME;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  sector.forEach((v, i) => {
    if (v === 0) return;
    const x = i % width;
    const y = (i - x) / width;
    minX = Math.min(minX, x); maxX = Math.max(maxX, x);
    minY = Math.min(minY, y); maxY = Math.max(maxY, y);
  });
  return { minX, minY, maxX, maxY };
}

let cachedSpeckle: Float32Array | undefined;

/**
 * 4096 speckle grains in [0, 1]: the amplitude of a complex Gaussian (Rayleigh), each part an
 * Irwin–Hall sum, scaled so the 99th percentile is 1. A table keeps per-pixel cost at one draw.
 */
function speckleTable(): Float32Array {
  if (cachedSpeckle) return cachedSpeckle;
  const rng = createRng('echo-speckle-table|1');
  const table = new Float32Array(4096);
  const gauss = (): number => (rng.next() + rng.next() + rng.next() + rng.next() - 2) * Math.sqrt(3);
  for (let i = 0; i < table.length; i++) {
    const re = gauss();
    const im = gauss();
    table[i] = Math.min(1, Math.sqrt(re * re + im * im) / 3.03);
  }
  cachedSpeckle = table;
  return table;
}
