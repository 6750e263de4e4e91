export { toCsv, csvField, csvRecord, UTF8_BOM, type CsvCell, type CsvWriteOptions } from './write';
export {
  parseCsv, parseCsvTable, csvTableObjects,
  type CsvIssue, type CsvIssueKind, type CsvParseOptions, type CsvParseResult, type CsvTable,
} from './parse';
export { guardFormula, unguardFormula, needsFormulaGuard } from './formula-guard';
