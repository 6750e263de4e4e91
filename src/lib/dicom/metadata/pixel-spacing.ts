import type { AttributeReader } from '../attributes';
import { spatialRegion, type UltrasoundRegion } from './us-regions';
import { functionalGroupItems, round } from './values';

/**
 * Pixel spacing in mm, row spacing (between rows, i.e. vertical) first as in PixelSpacing.
 * PixelSpacing is in the patient; an enhanced image has it in its Pixel Measures functional
 * group; ImagerPixelSpacing (projection radiography) is at the detector, so magnification is
 * not corrected; ultrasound has it per region, in cm. The source says which one a value is.
 */
export type PixelSpacingSource = 'PixelSpacing' | 'PixelMeasuresSequence' | 'ImagerPixelSpacing' | 'SequenceOfUltrasoundRegions';

export interface PixelSpacingValue {
  rowMm: number;
  columnMm: number;
  source: PixelSpacingSource;
}

export function pixelSpacingOf(reader: AttributeReader, regions: readonly UltrasoundRegion[]): PixelSpacingValue | undefined {
  const pair = (values: number[], source: PixelSpacingSource): PixelSpacingValue | undefined => {
    const [row, column] = values;
    return values.length === 2 && row !== undefined && column !== undefined && row > 0 && column > 0
      ? { rowMm: round(row), columnMm: round(column), source }
      : undefined;
  };
  const measures = functionalGroupItems(reader, 'PixelMeasuresSequence')[0];
  const region = spatialRegion(regions);
  return pair(reader.numbers('PixelSpacing'), 'PixelSpacing')
    ?? (measures && pair(measures.numbers('PixelSpacing'), 'PixelMeasuresSequence'))
    ?? pair(reader.numbers('ImagerPixelSpacing'), 'ImagerPixelSpacing')
    ?? (region && pair([Math.abs(region.deltaY ?? 0) * 10, Math.abs(region.deltaX ?? 0) * 10], 'SequenceOfUltrasoundRegions'));
}

/** SliceThickness, else the enhanced Pixel Measures one. */
export function sliceThicknessOf(reader: AttributeReader): number | undefined {
  const v = reader.number('SliceThickness') ?? functionalGroupItems(reader, 'PixelMeasuresSequence')[0]?.number('SliceThickness');
  return v !== undefined && Number.isFinite(v) && v > 0 ? round(v) : undefined;
}
