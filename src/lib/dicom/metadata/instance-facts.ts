import type { AttributeReader } from '../attributes';
import { frameRateOf, type FrameRate } from './frame-rate';
import { isMr, mrParameterSets, type MrParameters } from './mr-params';
import { pixelSpacingOf, sliceThicknessOf, type PixelSpacingValue } from './pixel-spacing';
import { ultrasoundRegions, type UltrasoundRegion } from './us-regions';
import { finite, text } from './values';

/**
 * What the metadata table reads from one instance. A series row is its first instance's
 * facts plus series totals; comparing every instance's facts finds the columns that vary.
 */
export interface InstanceFacts {
  seriesNumber?: number;
  modality?: string;
  manufacturer?: string;
  manufacturerModel?: string;
  rows?: number;
  columns?: number;
  /** NumberOfFrames when the instance has it. */
  numberOfFrames?: number;
  pixelSpacing?: PixelSpacingValue;
  sliceThicknessMm?: number;
  frameRate?: FrameRate;
  ultrasoundRegions: UltrasoundRegion[];
  /** BurnedInAnnotation as written (YES, NO), or "absent". */
  burnedInAnnotation: string;
  /** MR parameter sets (several for a multi-echo enhanced image); empty for other modalities. */
  mr: MrParameters[];
  /** PHI risk: free text that can hold names. Exported only when asked for. */
  seriesDescription?: string;
  /** PHI: exported only when asked for. */
  identifiers: SeriesIdentifiers;
}

export interface SeriesIdentifiers {
  patientId?: string;
  studyInstanceUid?: string;
  seriesInstanceUid?: string;
  studyDate?: string;
}

export function readInstanceFacts(reader: AttributeReader): InstanceFacts {
  const regions = ultrasoundRegions(reader);
  const frames = finite(reader, 'NumberOfFrames');
  const facts: InstanceFacts = {
    ultrasoundRegions: regions,
    burnedInAnnotation: text(reader, 'BurnedInAnnotation')?.toUpperCase() ?? 'absent',
    mr: isMr(reader) ? mrParameterSets(reader) : [],
    identifiers: {},
  };
  assign(facts, 'seriesNumber', finite(reader, 'SeriesNumber'));
  assign(facts, 'modality', text(reader, 'Modality'));
  assign(facts, 'manufacturer', text(reader, 'Manufacturer'));
  assign(facts, 'manufacturerModel', text(reader, 'ManufacturerModelName'));
  assign(facts, 'rows', finite(reader, 'Rows'));
  assign(facts, 'columns', finite(reader, 'Columns'));
  assign(facts, 'numberOfFrames', frames !== undefined && frames >= 1 ? Math.round(frames) : undefined);
  assign(facts, 'pixelSpacing', pixelSpacingOf(reader, regions));
  assign(facts, 'sliceThicknessMm', sliceThicknessOf(reader));
  assign(facts, 'frameRate', frameRateOf(reader));
  assign(facts, 'seriesDescription', text(reader, 'SeriesDescription'));
  assign(facts.identifiers, 'patientId', text(reader, 'PatientID'));
  assign(facts.identifiers, 'studyInstanceUid', text(reader, 'StudyInstanceUID'));
  assign(facts.identifiers, 'seriesInstanceUid', text(reader, 'SeriesInstanceUID'));
  assign(facts.identifiers, 'studyDate', text(reader, 'StudyDate'));
  return facts;
}

/** Sets only defined values, so rows are plain data without `key: undefined` members. */
function assign<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}
