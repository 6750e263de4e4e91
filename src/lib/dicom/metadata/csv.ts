import { toCsv, type CsvCell } from '../../csv';
import { columnValue, METADATA_COLUMNS, type MetadataColumn } from './columns';
import type { SeriesMetadataRow } from './table';

export interface MetadataCsvOptions {
  /** Add series_description. Off by default: descriptions are free text and can hold names. */
  includeSeriesDescription?: boolean;
  /** Add patient_id, study_instance_uid, series_instance_uid, study_date. Off by default: PHI. */
  includeIdentifiers?: boolean;
  /**
   * Default on: this table is made to be opened in a spreadsheet, and its cells come from
   * headers anyone can write (a Manufacturer of "=HYPERLINK(…)" would be a live formula).
   * See src/lib/csv/formula-guard.ts.
   */
  guardFormulas?: boolean;
  /** UTF-8 BOM for Excel. Default off, because pandas and R then read it into the first column name. */
  bom?: boolean;
  delimiter?: string;
}

/** Between the distinct values of a column that varies inside a series. */
export const VARYING_SEPARATOR = ' / ';

export function metadataColumns(options: MetadataCsvOptions = {}): MetadataColumn[] {
  return METADATA_COLUMNS.filter((c) =>
    c.group === 'default'
    || (c.group === 'description' && options.includeSeriesDescription === true)
    || (c.group === 'identifier' && options.includeIdentifiers === true));
}

/**
 * The table as CSV. By default no PHI: no names, IDs, UIDs, dates, times, descriptions,
 * institution, station or serial number (none of them is even read into a default column).
 */
export function metadataTableToCsv(rows: readonly SeriesMetadataRow[], options: MetadataCsvOptions = {}): string {
  const columns = metadataColumns(options);
  const shown = new Set(columns.map((c) => c.id));
  const body = rows.map((row) => columns.map((column): CsvCell => {
    if (column.id === 'varying_columns') return Object.keys(row.varying).filter((id) => shown.has(id)).join(';');
    const distinct = row.varying[column.id];
    if (distinct) return distinct.join(VARYING_SEPARATOR);
    return columnValue(column, row);
  }));
  return toCsv(columns.map((c) => c.id), body, {
    guardFormulas: options.guardFormulas ?? true,
    bom: options.bom ?? false,
    ...(options.delimiter !== undefined && { delimiter: options.delimiter }),
  });
}
