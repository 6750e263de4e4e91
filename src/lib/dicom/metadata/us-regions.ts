import type { AttributeReader } from '../attributes';
import { finite, formatNumber } from './values';

/**
 * The SequenceOfUltrasoundRegions: where on the screen each region (B-mode sector, Doppler
 * strip, ECG trace…) lies and what a pixel measures there. Code tables from PS3.3 C.8.5.5.1.
 */
export interface UltrasoundRegion {
  spatialFormat?: number;
  dataType?: number;
  x0?: number;
  y0?: number;
  x1?: number;
  y1?: number;
  unitsX?: number;
  unitsY?: number;
  deltaX?: number;
  deltaY?: number;
}

const SPATIAL_FORMAT = ['none', '2D', 'M-mode', 'spectral', 'waveform', 'graphics'];
const DATA_TYPE = [
  'none', 'tissue', 'color flow', 'PW Doppler', 'CW Doppler', 'Doppler mean trace', 'Doppler mode trace',
  'Doppler max trace', 'volume trace', 'd(volume)/dt trace', 'ECG trace', 'pulse trace', 'phonocardiogram trace',
  'gray bar', 'color bar', 'integrated backscatter', 'area trace', 'd(area)/dt trace', 'other physiological input',
];
/** ASCII on purpose: the text goes into CSV cells that may be opened without a BOM. */
const UNITS = ['none', '%', 'dB', 'cm', 's', 'Hz', 'dB/s', 'cm/s', 'cm2', 'cm2/s', 'cm3', 'cm3/s', 'deg'];
export const US_UNIT_CM = 3;

export function ultrasoundRegions(reader: AttributeReader): UltrasoundRegion[] {
  return reader.sequence('SequenceOfUltrasoundRegions').map((item) => {
    const region: UltrasoundRegion = {};
    const set = (key: keyof UltrasoundRegion, keyword: string): void => {
      const v = finite(item, keyword);
      if (v !== undefined) region[key] = v;
    };
    set('spatialFormat', 'RegionSpatialFormat');
    set('dataType', 'RegionDataType');
    set('x0', 'RegionLocationMinX0');
    set('y0', 'RegionLocationMinY0');
    set('x1', 'RegionLocationMaxX1');
    set('y1', 'RegionLocationMaxY1');
    set('unitsX', 'PhysicalUnitsXDirection');
    set('unitsY', 'PhysicalUnitsYDirection');
    set('deltaX', 'PhysicalDeltaX');
    set('deltaY', 'PhysicalDeltaY');
    return region;
  });
}

function name(table: readonly string[], code: number | undefined): string {
  if (code === undefined) return '?';
  return table[code] ?? `code ${code}`;
}

/** "2D tissue (16,54)-(175,140) dX 0.16 cm dY 0.16 cm" */
export function regionText(r: UltrasoundRegion): string {
  const n = (v: number | undefined): string => (v === undefined ? '?' : formatNumber(v));
  const delta = (label: string, value: number | undefined, units: number | undefined): string =>
    `${label} ${n(value)} ${name(UNITS, units)}`;
  return `${name(SPATIAL_FORMAT, r.spatialFormat)} ${name(DATA_TYPE, r.dataType)} (${n(r.x0)},${n(r.y0)})-(${n(r.x1)},${n(r.y1)}) `
    + `${delta('dX', r.deltaX, r.unitsX)} ${delta('dY', r.deltaY, r.unitsY)}`;
}

/** All regions of an instance in one cell, " | " between them. */
export function regionsText(regions: readonly UltrasoundRegion[]): string {
  return regions.map(regionText).join(' | ');
}

/**
 * The region whose deltas give the image's pixel spacing: the first 2D region measured in cm
 * both ways, else the first region in cm both ways. A Doppler strip (s × cm/s) never does.
 */
export function spatialRegion(regions: readonly UltrasoundRegion[]): UltrasoundRegion | undefined {
  const inCm = regions.filter((r) => r.unitsX === US_UNIT_CM && r.unitsY === US_UNIT_CM
    && r.deltaX !== undefined && r.deltaY !== undefined && r.deltaX !== 0 && r.deltaY !== 0);
  return inCm.find((r) => r.spatialFormat === 1) ?? inCm[0];
}
