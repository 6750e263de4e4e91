export {
  ageBand, ageBands, DEFAULT_AGE_BAND_EDGES, isRequired, KEPT_ROLES,
  type AgeBandDerivation, type KeyKind, type LabelColumn, type LabelLevel, type LabelRole, type LabelSchema, type LabelValueType,
} from './schema';
export { inferLabelSchema, normaliseName, type ColumnSuggestion, type InferredSchema } from './infer';
export {
  createLabelKeyIndex, normalisePath, originalLookupFromMaps,
  type DatasetItemRef, type KeyResolution, type LabelKeyIndex, type OriginalToPseudonymLookup, type ResolvedKeyKind,
} from './key-index';
export { importLabelsCsv, type LabelImportOptions } from './import';
export type {
  DroppedColumn, ImportedLabels, KeptColumn, LabelImportErrorCode, LabelImportIssue, LabelImportResult,
  LabelImportSummary, LabelRecord, LabelValue,
} from './types';
export { classByItem, labelsByItem } from './lookup';
export { QuickLabelSession, type QuickLabelChange, type QuickLabelOptions } from './quick-label';
export { isMissing, parseEvent, parseNumber } from './values';
