import type { AttributeReader } from '../attributes';

/**
 * The study tree as the UI gets it: plain data (structured-clone safe, so it crosses a worker
 * boundary), patient → study → series → instance. It still holds PHI (names, IDs, UIDs): it is
 * the view of the original files, before de-identification.
 */

export interface TreeInstanceInput {
  /** Unique among the instances given to one builder (e.g. the ingest file id). */
  id: string;
  /** Where the file came from; the last sort key and what the UI shows. Defaults to id. */
  path?: string;
  reader: AttributeReader;
}

export type PatientKeySource = 'PatientID+IssuerOfPatientID' | 'PatientID' | 'PatientName' | 'unknown';

/** What ordered the instances of a series: the first key every instance of it has. */
export type InstanceOrder = 'InstanceNumber' | 'slice position' | 'acquisition time' | 'path';

export type SeriesFlag =
  | 'series-uid-missing' // grouped by SeriesNumber + Modality instead
  | 'duplicate-sop' // an instance shares its SOPInstanceUID with another instance
  | 'mixed-orientation' // more than one ImageOrientationPatient: not one volume
  | 'mixed-size' // more than one Rows × Columns
  | 'missing-positions' // some, not all, instances have a position
  | 'repeated-positions' // several instances at one slice position (time or echo stacks)
  | 'non-uniform-spacing'; // gaps between slice positions differ (missing slices?)

export interface InstanceNode {
  id: string;
  path: string;
  sopInstanceUid?: string;
  sopClassUid?: string;
  instanceNumber?: number;
  /** Position along the series' slice normal, mm (ImagePositionPatient · normal). */
  slicePosition?: number;
  rows?: number;
  columns?: number;
  /** NumberOfFrames, 1 when absent. */
  frames: number;
  /** Another instance has the same SOPInstanceUID. */
  duplicateSop: boolean;
}

export interface SliceSpacing {
  /** Mean gap between consecutive distinct slice positions, mm. */
  mean: number;
  min: number;
  max: number;
  /** All gaps within SPACING_TOLERANCE of each other. */
  uniform: boolean;
}

export interface SeriesGeometry {
  /** The series' ImageOrientationPatient when all instances share one (within tolerance). */
  orientation?: number[];
  /** Unit normal of that orientation (row × column). */
  normal?: number[];
  /** Rows and Columns when all instances agree. */
  rows?: number;
  columns?: number;
  /** From the slice positions, when there are at least two distinct ones along one normal. */
  sliceSpacing?: SliceSpacing;
  /** True when the instances can be stacked into one volume as they are. */
  volumeReady: boolean;
}

export interface SeriesNode {
  /** Unique in the tree: `${studyKey}/${SeriesInstanceUID or fallback}`. */
  key: string;
  seriesInstanceUid?: string;
  seriesNumber?: number;
  modality?: string;
  seriesDescription?: string;
  instanceCount: number;
  /** Sum of frames over the instances. */
  frameCount: number;
  sortedBy: InstanceOrder;
  flags: SeriesFlag[];
  geometry: SeriesGeometry;
  instances: InstanceNode[];
}

export interface StudyNode {
  key: string;
  studyInstanceUid?: string;
  uidMissing: boolean;
  studyDate?: string;
  studyTime?: string;
  studyDescription?: string;
  accessionNumber?: string;
  modalities: string[];
  series: SeriesNode[];
}

export interface PatientNode {
  key: string;
  keySource: PatientKeySource;
  patientId?: string;
  issuerOfPatientId?: string;
  patientName?: string;
  studies: StudyNode[];
}

export type TreeIssue =
  | { kind: 'duplicate-sop'; sopInstanceUid: string; instanceIds: string[] }
  | { kind: 'study-under-several-patients'; studyInstanceUid: string; patientKeys: string[] };

export interface StudyTree {
  patients: PatientNode[];
  instanceCount: number;
  issues: TreeIssue[];
}

/** One series with its readers in tree order: what the metadata table and pipelines read. */
export interface SeriesGroup {
  patient: Omit<PatientNode, 'studies'>;
  study: Omit<StudyNode, 'series'>;
  series: SeriesNode;
  /**
   * 1-based positions, for tables that must not show identifiers: the patient in the tree,
   * the study within its patient, the series within its study.
   */
  patientNo: number;
  studyNo: number;
  seriesNo: number;
  readers: AttributeReader[];
}
