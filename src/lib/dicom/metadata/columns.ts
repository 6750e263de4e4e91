import type { CsvCell } from '../../csv';
import { disagreementsText } from './frame-rate';
import type { InstanceFacts } from './instance-facts';
import type { MrParameters } from './mr-params';
import type { SeriesMetadataRow } from './table';
import { regionsText } from './us-regions';
import { distinct, formatNumber } from './values';

/**
 * The columns of the metadata table, in CSV order. `instance` columns are read per instance
 * (and a series whose instances disagree lists the distinct values); `series` columns are
 * totals or verdicts over the series. `group` decides what an export may show: the default
 * columns carry no PHI; descriptions and identifiers appear only when asked for.
 */
export type ColumnGroup = 'default' | 'description' | 'identifier';

export type MetadataColumn =
  | { id: string; group: ColumnGroup; scope: 'instance'; value: (f: InstanceFacts) => CsvCell }
  | { id: string; group: ColumnGroup; scope: 'series'; value: (r: SeriesMetadataRow) => CsvCell };

const mr = (get: (p: MrParameters) => number | string | undefined) => (f: InstanceFacts): CsvCell =>
  distinct(f.mr.map((p) => {
    const v = get(p);
    return typeof v === 'number' ? formatNumber(v) : v ?? '';
  })).join(' / ');

const instance = (id: string, value: (f: InstanceFacts) => CsvCell, group: ColumnGroup = 'default'): MetadataColumn =>
  ({ id, group, scope: 'instance', value });
const series = (id: string, value: (r: SeriesMetadataRow) => CsvCell): MetadataColumn =>
  ({ id, group: 'default', scope: 'series', value });

export const METADATA_COLUMNS: readonly MetadataColumn[] = [
  series('patient_no', (r) => r.patientNo),
  series('study_no', (r) => r.studyNo),
  series('series_no', (r) => r.seriesNo),
  instance('series_number', (f) => formatNumber(f.seriesNumber)),
  instance('modality', (f) => f.modality),
  instance('manufacturer', (f) => f.manufacturer),
  instance('manufacturer_model', (f) => f.manufacturerModel),
  series('instances', (r) => r.instances),
  series('frames', (r) => r.frames),
  series('frames_source', (r) => r.framesSource),
  instance('rows', (f) => formatNumber(f.rows)),
  instance('columns', (f) => formatNumber(f.columns)),
  instance('pixel_spacing_row_mm', (f) => formatNumber(f.pixelSpacing?.rowMm)),
  instance('pixel_spacing_col_mm', (f) => formatNumber(f.pixelSpacing?.columnMm)),
  instance('pixel_spacing_source', (f) => f.pixelSpacing?.source),
  instance('slice_thickness_mm', (f) => formatNumber(f.sliceThicknessMm)),
  instance('frame_rate_fps', (f) => formatNumber(f.frameRate?.fps)),
  instance('frame_rate_source', (f) => f.frameRate?.source),
  instance('frame_rate_disagreements', (f) => disagreementsText(f.frameRate)),
  instance('us_region_count', (f) => (f.ultrasoundRegions.length > 0 ? String(f.ultrasoundRegions.length) : '')),
  instance('us_regions', (f) => regionsText(f.ultrasoundRegions)),
  instance('burned_in_annotation', (f) => f.burnedInAnnotation),
  instance('mr_scanning_sequence', mr((p) => p.scanningSequence.join('\\'))),
  instance('mr_sequence_variant', mr((p) => p.sequenceVariant.join('\\'))),
  instance('mr_repetition_time_ms', mr((p) => p.repetitionTimeMs)),
  instance('mr_echo_time_ms', mr((p) => p.echoTimeMs)),
  instance('mr_inversion_time_ms', mr((p) => p.inversionTimeMs)),
  instance('mr_flip_angle_deg', mr((p) => p.flipAngleDeg)),
  instance('mr_diffusion_b_value', mr((p) => p.diffusionBValue)),
  instance('mr_field_strength_t', mr((p) => p.magneticFieldStrengthT)),
  instance('mr_parameters_source', mr((p) => p.source)),
  series('mr_weighting', (r) => r.mrWeighting?.weighting),
  series('mr_weighting_reason', (r) => r.mrWeighting?.reason),
  series('varying_columns', () => ''), // filled by the CSV writer with the columns it shows
  instance('series_description', (f) => f.seriesDescription, 'description'),
  instance('patient_id', (f) => f.identifiers.patientId, 'identifier'),
  instance('study_instance_uid', (f) => f.identifiers.studyInstanceUid, 'identifier'),
  instance('series_instance_uid', (f) => f.identifiers.seriesInstanceUid, 'identifier'),
  instance('study_date', (f) => f.identifiers.studyDate, 'identifier'),
];

/** The same cell text for a value whether it came from the row or from one instance. */
export function cellText(value: CsvCell): string {
  return value === undefined || value === null ? '' : String(value);
}

/** A column's value for a row (a row is also its first instance's facts). */
export function columnValue(column: MetadataColumn, row: SeriesMetadataRow): CsvCell {
  return column.scope === 'instance' ? column.value(row) : column.value(row);
}
