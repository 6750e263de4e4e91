/**
 * The imaging area to keep: the 2D regions of the SequenceOfUltrasoundRegions when the file has
 * usable ones, otherwise an estimate of the scanning sector from a cine loop (the largest
 * connected area whose pixels move). Everything outside it may be masked.
 */
import type { AttributeReader } from '../../dicom/attributes';
import { connectedComponents } from './components';
import type { TemporalRange } from './temporal-range';
import type { Box, KeepArea } from './types';

/** Region Spatial Format values kept: 1 2D, 2 M-mode, 3 spectral (imaging data, not graphics). */
const IMAGING_FORMATS = new Set([1, 2, 3]);

export interface UltrasoundRegionResult {
  boxes: Box[];
  /** Why regions were not used (outside the image, none of imaging type), without PHI. */
  problems: string[];
}

export function ultrasoundRegionBoxes(reader: AttributeReader, columns: number, rows: number): UltrasoundRegionResult {
  const boxes: Box[] = [];
  const problems: string[] = [];
  for (const [index, item] of reader.sequence('SequenceOfUltrasoundRegions').entries()) {
    const format = item.number('RegionSpatialFormat');
    if (format === undefined || !IMAGING_FORMATS.has(format)) continue;
    const x0 = item.number('RegionLocationMinX0');
    const y0 = item.number('RegionLocationMinY0');
    const x1 = item.number('RegionLocationMaxX1');
    const y1 = item.number('RegionLocationMaxY1');
    if (x0 === undefined || y0 === undefined || x1 === undefined || y1 === undefined || x1 < x0 || y1 < y0) {
      problems.push(`ultrasound region ${index + 1} has no usable location`);
      continue;
    }
    // Some scanners write MaxX1 = Columns (one past the last pixel): that much is clipped. A
    // region reaching further was drawn for another matrix (e.g. before the scanner scaled the
    // frame down): clipping it would keep the wrong area, so it is not trusted.
    if (x1 > columns || y1 > rows) {
      problems.push(`ultrasound region ${index + 1} (${x0},${y0})–(${x1},${y1}) lies outside the ${columns}×${rows} image: not used`);
      continue;
    }
    if (x1 === columns || y1 === rows) problems.push(`ultrasound region ${index + 1} ends one pixel past the image: clipped`);
    boxes.push({ x: x0, y: y0, width: Math.min(x1, columns - 1) - x0 + 1, height: Math.min(y1, rows - 1) - y0 + 1 });
  }
  return { boxes, problems };
}

export interface SectorEstimateOptions {
  /** Change over the loop above which a pixel counts as moving. Default 12 (8-bit grey). */
  motion?: number;
  /** Block edge for the coarse search. Default 8. */
  block?: number;
  /** A block is moving when this share of its pixels is. Default 0.2. */
  blockShare?: number;
  /** The sector must cover at least this share of the image. Default 0.05. */
  minShare?: number;
}

/** Bounding box of the largest moving area of a loop, or undefined when nothing large moves. */
export function estimateSector(range: TemporalRange, options: SectorEstimateOptions = {}): Box | undefined {
  const motion = options.motion ?? 12;
  const block = options.block ?? 8;
  const { width, height, min, max } = range;
  const moving = new Uint8Array(width * height);
  for (let i = 0; i < moving.length; i++) moving[i] = max[i]! - min[i]! > motion ? 1 : 0;
  const bw = Math.ceil(width / block);
  const bh = Math.ceil(height / block);
  const blocks = new Uint8Array(bw * bh);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      let count = 0;
      let total = 0;
      for (let y = by * block; y < Math.min(height, (by + 1) * block); y++) {
        for (let x = bx * block; x < Math.min(width, (bx + 1) * block); x++) {
          count += moving[y * width + x]!;
          total++;
        }
      }
      blocks[by * bw + bx] = count >= total * (options.blockShare ?? 0.2) ? 1 : 0;
    }
  }
  const largest = connectedComponents(blocks, bw, bh).sort((a, b) => b.pixels - a.pixels)[0];
  if (!largest) return undefined;
  // Tighten to the moving pixels inside the component's blocks (blocks overshoot by up to 7 px).
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = largest.y * block; y < Math.min(height, (largest.y + largest.height) * block); y++) {
    for (let x = largest.x * block; x < Math.min(width, (largest.x + largest.width) * block); x++) {
      if (moving[y * width + x] === 0 || blocks[Math.floor(y / block) * bw + Math.floor(x / block)] === 0) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  if (x1 < 0) return undefined;
  const box = { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
  return box.width * box.height >= width * height * (options.minShare ?? 0.05) ? box : undefined;
}

/** Regions first; the sector estimate when there are none and a loop was given. */
export function findKeepArea(
  reader: AttributeReader | undefined,
  columns: number,
  rows: number,
  range: TemporalRange | undefined,
  notes: string[],
): KeepArea | undefined {
  if (reader) {
    const regions = ultrasoundRegionBoxes(reader, columns, rows);
    notes.push(...regions.problems);
    if (regions.boxes.length > 0) return { boxes: regions.boxes, source: 'ultrasound-regions' };
  }
  if (range && range.frameCount > 1) {
    const sector = estimateSector(range);
    if (sector) return { boxes: [sector], source: 'sector-estimate' };
    notes.push('no moving scanning sector found in the loop');
  }
  return undefined;
}
