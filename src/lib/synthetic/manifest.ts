import type { SyntheticModality } from './phi-headers';

/**
 * The index the app fetches (public/sample/manifest.json) to load the bundled sample set.
 * `files[].path` is relative to the manifest's folder; `size` is in bytes. `stamp` names the
 * generator version and options, so the CLI can skip regenerating an identical set.
 */
export type SampleFileKind = 'echo-cine' | 'ct-slice' | 'mr-t1-slice' | 'mr-t2-slice';

export interface SampleManifestFile {
  path: string;
  size: number;
  modality: SyntheticModality;
  kind: SampleFileKind;
  patientId: string;
  studyInstanceUid: string;
  seriesInstanceUid: string;
  sopInstanceUid: string;
}

export interface SampleManifest {
  format: 'enclave-sample-set';
  generatorVersion: number;
  seed: number;
  stamp: string;
  /** Relative path of the labels CSV (one row per echo study). */
  labelsPath: string;
  labelColumns: readonly string[];
  patientCount: number;
  studyCount: number;
  fileCount: number;
  /** Bytes of all DICOM files (without labels and manifest). */
  totalSize: number;
  files: SampleManifestFile[];
}

export const SAMPLE_MANIFEST_FORMAT = 'enclave-sample-set';
