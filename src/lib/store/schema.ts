import type { DBSchema, IDBPDatabase, StoreNames } from 'idb';

/**
 * The shape of the "enclave" IndexedDB database at the current schema version. Migrations (see
 * migrations.ts) build it; they work on the untyped database, because a migration written for
 * version 2 must keep working after this file has moved on to version 5.
 *
 * Record fields that no index uses may grow without a migration (IndexedDB stores any
 * structured-clonable value); a new store or index needs a new migration.
 */

export const DATABASE_NAME = 'enclave';

/** A JSON value, for settings that later issues fill (e.g. the de-identification policy). */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

export interface ProjectSettings {
  /** The de-identification policy of the project, as its JSON document. */
  deidPolicy?: JsonValue;
  [key: string]: JsonValue | undefined;
}

export interface Project {
  id: string;
  name: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
  updatedAt: number;
  settings: ProjectSettings;
}

/** App-wide settings, one record per key. Add a key here to make it readable and writable. */
export interface AppSettings {
  currentProjectId: string | null;
}
export type SettingKey = keyof AppSettings;

export interface SettingRecord<K extends SettingKey = SettingKey> {
  key: K;
  value: AppSettings[K];
}

/** Every record a project owns carries its project's id; each such store has a `by-project` index. */
export interface ProjectOwnedRecord {
  projectId: string;
}

/** Bytes as IndexedDB stores them well in every browser. */
export type StoredBytes = Blob | ArrayBuffer | Uint8Array;

/** One de-identified DICOM instance (only de-identified data ever reach IndexedDB). */
export interface StudyRecord extends ProjectOwnedRecord {
  id: string;
  createdAt: number;
  studyInstanceUid: string;
  seriesInstanceUid: string;
  sopInstanceUid: string;
  modality: string;
  /** The de-identified DICOM Part 10 file. */
  file: StoredBytes;
}

export type DatasetStatus = 'building' | 'ready' | 'partial' | 'failed';

export interface DatasetRecord extends ProjectOwnedRecord {
  id: string;
  createdAt: number;
  name: string;
  /** The preprocessing recipe that produced the dataset, as JSON. */
  recipe: JsonValue;
  /** Absent on records written before schema version 2 (treated as 'ready'). */
  status?: DatasetStatus;
  updatedAt?: number;
  /** Why the last build stopped early, in words a person can act on. */
  stopReason?: string;
  /** Labels (already translated to pseudonyms / de-identified keys) and their schema, as JSON. */
  labels?: JsonValue;
  /** Patient-level splits, as JSON. */
  splits?: JsonValue;
}

/** One preprocessed scan of a dataset: where its tensor's chunks are and what they hold. */
export interface DatasetScanRecord extends ProjectOwnedRecord {
  /** `${datasetId}/${scanId}`. */
  id: string;
  datasetId: string;
  scanId: string;
  /** Description of the scan without PHI (pseudonym, de-identified UIDs, output path, modality). */
  facts: { readonly [key: string]: string | number };
  shape: number[];
  /** How the values are stored; `scale`/`offset` map stored values back to float (uint8). */
  dtype: 'float32' | 'float16' | 'uint8';
  scale?: number;
  offset?: number;
  /** Largest absolute difference from the float32 tensor that the storage type introduced. */
  maxAbsError: number;
  /** The storage precision in words, e.g. "float16, max abs error 2.4e-4". */
  precision?: string;
  chunkCount: number;
  byteLength: number;
}

export interface TensorChunkRecord extends ProjectOwnedRecord {
  /** `${datasetId}/${scanId}/${index}`. */
  id: string;
  datasetId: string;
  scanId: string;
  index: number;
  bytes: ArrayBuffer | Uint8Array;
}

export interface RunRecord extends ProjectOwnedRecord {
  id: string;
  createdAt: number;
  name: string;
  datasetId: string | null;
  /**
   * 'running' also describes a run whose page closed mid-epoch: its last checkpoint is kept, so it
   * resumes like a 'cancelled' one. 'failed' and 'cancelled' say why in `reason`.
   */
  status: 'queued' | 'running' | 'finished' | 'failed' | 'cancelled';
  updatedAt?: number;
  /** The whole request that started the run (see src/lib/workspace/training-request.ts). */
  config?: {
    projectId: string;
    datasetId: string;
    runId: string;
    name: string;
    labelColumn: string;
    task: 'classification' | 'regression';
    model: import('../ml/models/spec').ModelSpec;
    train: import('../ml/train/types').TrainConfig;
    quickMode?: boolean;
    /** k-fold splits only: the fold held out for validation (1-based, default 1). */
    validationFold?: number;
    /**
     * Start from a pretrained base model of the project instead of the spec's backbone: cut at
     * `cutLayer`, train the last `unfreezeLastN` blocks (0: the head alone). The spec then gives
     * the head, dropout, seed and, for clips, the temporal pooling.
     */
    base?: { baseModelId: string; cutLayer: string; unfreezeLastN: number };
  };
  /** Why the run failed or stopped: an error name and a message a person can act on. */
  reason?: { name: string; message: string };
  history?: import('../ml/train/types').EpochRecord[];
  /** Where a resumed run continues (0-based epoch and batch), from the stored checkpoint. */
  checkpointPosition?: { epoch: number; batch: number };
  /** Samples per split, unlabelled scans left out, and the class names (classification). */
  data?: {
    samples: Record<string, number>;
    patients: Record<string, number>;
    unlabelled: number;
    classes?: string[];
    classCounts?: number[];
  };
  evaluation?: {
    validation: import('../ml/metrics/report').ClassificationReport | import('../ml/metrics/report').RegressionReport | null;
    test: import('../ml/metrics/report').ClassificationReport | import('../ml/metrics/report').RegressionReport | null;
  };
  /** The tfjs backend that trained the run (webgpu, webgl, wasm or cpu). */
  backend?: string;
  modelArtifactId?: string;
  checkpointArtifactId?: string;
  /** The card of the run's model (kept here too, so listing runs needs no unzip). */
  card?: import('../ml/model-io/model-card').ModelCard;
  /** 'imported': a model zip brought in from a file, with no training behind it here. */
  origin?: 'trained' | 'imported';
}

/**
 * A pretrained network a run can start from: a tfjs layers model loaded from dropped files or
 * downloaded from an address. Its bytes (model.json and one weights file, zipped) are the
 * artifact `artifactId`; the record holds what choosing a cut layer needs, so listing is cheap.
 */
export interface BaseModelRecord extends ProjectOwnedRecord {
  id: string;
  createdAt: number;
  name: string;
  source:
    | { kind: 'files'; fileNames: string[] }
    | { kind: 'url'; url: string }
    | { kind: 'catalogue'; url: string; catalogueId: string; licence: string };
  /** describeModel() of the loaded network: input shape, parameter count, blocks and cut layers. */
  description: import('../ml/models/blocks').ModelDescription;
  artifactId: string;
  byteLength: number;
}

/** One downloaded public model file (model.json or a weight shard), so it is fetched once. */
export interface ModelCacheRecord {
  url: string;
  bytes: ArrayBuffer | Uint8Array;
  storedAt: number;
}

/** A blob the project owns: model weights, tensors of a dataset, exported files. */
export interface ArtifactRecord extends ProjectOwnedRecord {
  id: string;
  createdAt: number;
  kind: string;
  mediaType: string;
  /** The run or dataset the artifact belongs to, if any. */
  ownerId: string | null;
  data: StoredBytes;
  /** Bytes of `data`, so a listing can show sizes without reading the blob. */
  byteLength?: number;
  updatedAt?: number;
}

/**
 * The only PHI that may persist: the map original → pseudonym, encrypted with a key derived from
 * the person's passphrase (AES-GCM). Only ciphertext and the parameters needed to decrypt it with
 * the passphrase are stored; no field may hold clear text (pseudonym-map-record.ts enforces it).
 */
export interface PseudonymMapRecord extends ProjectOwnedRecord {
  ciphertext: ArrayBuffer | Uint8Array;
  salt: ArrayBuffer | Uint8Array;
  iv: ArrayBuffer | Uint8Array;
  kdf: { name: 'PBKDF2'; hash: 'SHA-256' | 'SHA-384' | 'SHA-512'; iterations: number };
  updatedAt: number;
}

interface OwnedStore<V> {
  key: string;
  value: V;
  indexes: { 'by-project': string };
}

interface DatasetOwnedStore<V> {
  key: string;
  value: V;
  indexes: { 'by-project': string; 'by-dataset': string };
}

export interface EnclaveSchema extends DBSchema {
  projects: { key: string; value: Project };
  settings: { key: string; value: SettingRecord };
  studies: OwnedStore<StudyRecord>;
  datasets: OwnedStore<DatasetRecord>;
  runs: OwnedStore<RunRecord>;
  artifacts: OwnedStore<ArtifactRecord>;
  /** Keyed by projectId: one map per project. */
  pseudonymMaps: OwnedStore<PseudonymMapRecord>;
  datasetScans: DatasetOwnedStore<DatasetScanRecord>;
  tensorChunks: DatasetOwnedStore<TensorChunkRecord>;
  baseModels: OwnedStore<BaseModelRecord>;
  /** Keyed by URL; not project-owned (public files only). */
  modelCache: { key: string; value: ModelCacheRecord };
}

export type EnclaveDB = IDBPDatabase<EnclaveSchema>;

/** Stores whose records belong to one project and go when the project goes. */
export const PROJECT_OWNED_STORES = [
  'studies',
  'datasets',
  'runs',
  'artifacts',
  'pseudonymMaps',
  'datasetScans',
  'tensorChunks',
  'baseModels',
] as const satisfies readonly StoreNames<EnclaveSchema>[];

export type ProjectOwnedStoreName = (typeof PROJECT_OWNED_STORES)[number];

export type OwnedRecordOf<N extends ProjectOwnedStoreName> = EnclaveSchema[N]['value'];

export const BY_PROJECT_INDEX = 'by-project' as const;
export const BY_DATASET_INDEX = 'by-dataset' as const;
