import type { AttributeReader } from '../attributes';
import { cellText, METADATA_COLUMNS } from './columns';
import { readInstanceFacts, type InstanceFacts } from './instance-facts';
import { classifySeries, type MrClassification } from './mr-classify';

/** One row per series: see columns.ts for what each column holds. */
export interface SeriesMetadataRow extends InstanceFacts {
  /**
   * 1-based positions that tell rows apart without identifiers: the patient in the study tree,
   * the study within its patient, the series within its study (see SeriesGroup).
   */
  patientNo: number;
  studyNo: number;
  seriesNo: number;
  instances: number;
  /** Sum of NumberOfFrames (an instance without it counts 1) if any instance has it, else the instance count. */
  frames: number;
  framesSource: 'sum of NumberOfFrames' | 'instance count';
  /** MR series only: the contrast and why. */
  mrWeighting?: MrClassification;
  /**
   * Columns whose value differs between instances: their distinct cell texts in order of
   * appearance, NO_VALUE for an empty one, at most MAX_VARYING_VALUES then "… n more".
   */
  varying: Record<string, string[]>;
}

export interface MetadataSeriesInput {
  /** The series' instances, in order (the study tree's seriesGroups() gives them so). */
  readers: readonly AttributeReader[];
  patientNo?: number;
  studyNo?: number;
  seriesNo?: number;
}

export const MAX_VARYING_VALUES = 12;
/** Stands for an empty cell among the distinct values of a varying column (a bare "" reads as a typo). */
export const NO_VALUE = '(none)';

export function seriesMetadataRow(input: MetadataSeriesInput, index = 0): SeriesMetadataRow {
  const facts = input.readers.map(readInstanceFacts);
  const first = facts[0] ?? readInstanceFacts(emptyReader);
  const multiFrame = facts.some((f) => f.numberOfFrames !== undefined);
  const row: SeriesMetadataRow = {
    ...first,
    patientNo: input.patientNo ?? 1,
    studyNo: input.studyNo ?? 1,
    seriesNo: input.seriesNo ?? index + 1,
    instances: facts.length,
    frames: multiFrame ? facts.reduce((sum, f) => sum + (f.numberOfFrames ?? 1), 0) : facts.length,
    framesSource: multiFrame ? 'sum of NumberOfFrames' : 'instance count',
    varying: varyingColumns(facts),
  };
  const mr = classifySeries(facts.flatMap((f) => f.mr));
  if (mr) row.mrWeighting = mr;
  return row;
}

export function buildMetadataTable(series: Iterable<MetadataSeriesInput>): SeriesMetadataRow[] {
  return [...series].map((s, k) => seriesMetadataRow(s, k));
}

function varyingColumns(facts: readonly InstanceFacts[]): Record<string, string[]> {
  const varying: Record<string, string[]> = {};
  if (facts.length < 2) return varying;
  for (const column of METADATA_COLUMNS) {
    if (column.scope !== 'instance') continue;
    const seen = new Set<string>();
    for (const f of facts) seen.add(cellText(column.value(f)));
    if (seen.size < 2) continue;
    const values = [...seen].map((v) => (v === '' ? NO_VALUE : v));
    varying[column.id] = values.length > MAX_VARYING_VALUES
      ? [...values.slice(0, MAX_VARYING_VALUES), `… ${values.length - MAX_VARYING_VALUES} more`]
      : values;
  }
  return varying;
}

/** Stands in for a series without instances, so the row still has every field. */
const emptyReader: AttributeReader = {
  has: () => false,
  string: () => undefined,
  strings: () => [],
  number: () => undefined,
  numbers: () => [],
  sequence: () => [],
  bytes: () => undefined,
};
