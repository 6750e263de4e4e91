import { EnclaveError } from '../jobs/errors';
import { projectNotFound } from './projects-repository';
import { toCiphertextOnlyRecord } from './pseudonym-map-record';
import { BY_PROJECT_INDEX } from './schema';
import type { IndexKey } from 'idb';
import type { EnclaveDB, EnclaveSchema, OwnedRecordOf, ProjectOwnedStoreName } from './schema';
import { runRead, runWrite } from './transactions';

/**
 * put / get / listByProject / delete for any project-owned store (studies, datasets, runs,
 * artifacts, pseudonymMaps). Later features build their repositories on this rather than
 * touching IndexedDB themselves, so every write is one transaction with quota errors mapped.
 */

type ProjectKey<N extends ProjectOwnedStoreName> = IndexKey<EnclaveSchema, N, typeof BY_PROJECT_INDEX>;
type Validator<N extends ProjectOwnedStoreName> = (record: OwnedRecordOf<N>) => OwnedRecordOf<N>;

function requireString(record: object, field: string, storeName: string): void {
  const value: unknown = (record as Record<string, unknown>)[field];
  if (typeof value !== 'string' || value === '') {
    throw new EnclaveError(
      'InvalidInputError',
      `A record for "${storeName}" needs a non-empty text "${field}"; nothing was saved.`,
    );
  }
}

const VALIDATORS: { [N in ProjectOwnedStoreName]?: Validator<N> } = {
  pseudonymMaps: toCiphertextOnlyRecord,
};

/** What to call a store's records in messages a person reads. */
const RECORD_NOUNS: Record<ProjectOwnedStoreName, string> = {
  studies: 'study instance',
  datasets: 'dataset',
  runs: 'run',
  artifacts: 'file',
  pseudonymMaps: 'pseudonym map',
  datasetScans: 'dataset scan',
  tensorChunks: 'tensor chunk',
  baseModels: 'pretrained model',
};

export class ProjectRecords<N extends ProjectOwnedStoreName> {
  private readonly noun: string;

  constructor(
    private readonly db: EnclaveDB,
    readonly storeName: N,
  ) {
    this.noun = RECORD_NOUNS[storeName];
  }

  /**
   * Inserts or replaces the record. Fails with NotFoundError when its project does not exist
   * (checked in the same transaction, so a record cannot outlive a project deleted meanwhile).
   */
  async put(record: OwnedRecordOf<N>): Promise<void> {
    const checked = this.validate(record);
    await runWrite(this.db, [this.storeName, 'projects'], `Saving the ${this.noun}`, async (tx) => {
      const projectKey = await tx.objectStore('projects').getKey(checked.projectId);
      if (projectKey === undefined) throw projectNotFound(checked.projectId);
      await tx.objectStore(this.storeName).put(checked);
    });
  }

  /** `key` is the record's id (for pseudonymMaps, its project id). */
  async get(key: string): Promise<OwnedRecordOf<N>> {
    const record = await runRead(this.db, [this.storeName], `Reading the ${this.noun}`, (tx) =>
      tx.objectStore(this.storeName).get(key),
    );
    if (record === undefined) throw this.notFound(key);
    return record;
  }

  /** In key order. */
  async listByProject(projectId: string): Promise<OwnedRecordOf<N>[]> {
    return runRead(this.db, [this.storeName], `Listing the ${this.noun} records`, (tx) =>
      // Every owned store's by-project key is a string; TS cannot resolve that for a generic N.
      tx.objectStore(this.storeName).index(BY_PROJECT_INDEX).getAll(projectId as ProjectKey<N>),
    );
  }

  async delete(key: string): Promise<void> {
    await runWrite(this.db, [this.storeName], `Deleting the ${this.noun}`, async (tx) => {
      const store = tx.objectStore(this.storeName);
      if ((await store.getKey(key)) === undefined) throw this.notFound(key);
      await store.delete(key);
    });
  }

  private validate(record: OwnedRecordOf<N>): OwnedRecordOf<N> {
    requireString(record, 'projectId', this.storeName);
    if (this.storeName !== 'pseudonymMaps') requireString(record, 'id', this.storeName);
    const validator = VALIDATORS[this.storeName] as Validator<N> | undefined;
    return validator === undefined ? record : validator(record);
  }

  private notFound(key: string): EnclaveError {
    return new EnclaveError(
      'NotFoundError',
      `No ${this.noun} with key ${key} is stored in this browser; it may have been deleted.`,
    );
  }
}
