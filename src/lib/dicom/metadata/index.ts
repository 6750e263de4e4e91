export {
  buildMetadataTable, seriesMetadataRow, MAX_VARYING_VALUES, NO_VALUE,
  type MetadataSeriesInput, type SeriesMetadataRow,
} from './table';
export { metadataTableToCsv, metadataColumns, VARYING_SEPARATOR, type MetadataCsvOptions } from './csv';
export { METADATA_COLUMNS, type MetadataColumn, type ColumnGroup } from './columns';
export { readInstanceFacts, type InstanceFacts, type SeriesIdentifiers } from './instance-facts';
export { classifyMr, classifySeries, describeParameters, MR_THRESHOLDS, type MrClassification, type MrWeighting } from './mr-classify';
export { mrParameterSets, isMr, type MrParameters } from './mr-params';
export {
  frameRateOf, frameRateCandidates, ratesAgree, disagreementsText, FRAME_RATE_AGREEMENT,
  type FrameRate, type FrameRateCandidate, type FrameRateSource,
} from './frame-rate';
export { pixelSpacingOf, sliceThicknessOf, type PixelSpacingSource, type PixelSpacingValue } from './pixel-spacing';
export { ultrasoundRegions, regionText, regionsText, spatialRegion, type UltrasoundRegion } from './us-regions';
export { metadataTableFromTree } from './from-tree';
