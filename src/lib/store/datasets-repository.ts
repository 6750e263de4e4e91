import { EnclaveError } from '../jobs/errors';
import { projectNotFound } from './projects-repository';
import { BY_DATASET_INDEX, BY_PROJECT_INDEX } from './schema';
import type { DatasetRecord, DatasetScanRecord, EnclaveDB, TensorChunkRecord } from './schema';
import { runRead, runWrite } from './transactions';

/**
 * Datasets and their preprocessed tensors. A scan's record and all its chunks are written in one
 * transaction, so a full disk or a closed tab leaves whole scans only, and every scan written
 * before stays readable. Deleting a dataset removes its scans and chunks in one transaction.
 */

export interface DatasetSize {
  scans: number;
  /** Bytes of stored tensor data (chunks), not counting IndexedDB's own overhead. */
  byteLength: number;
}

export interface StoredScanTensor {
  scan: DatasetScanRecord;
  /** The stored bytes, chunks joined in order. */
  bytes: Uint8Array;
}

const DATASET_STORES = ['datasets', 'datasetScans', 'tensorChunks'] as const;

export function scanRecordId(datasetId: string, scanId: string): string {
  return `${datasetId}/${scanId}`;
}

export function chunkRecordId(datasetId: string, scanId: string, index: number): string {
  return `${datasetId}/${scanId}/${index}`;
}

export class DatasetsRepository {
  constructor(private readonly db: EnclaveDB) {}

  /** Inserts or replaces the dataset record (not its scans). */
  async save(dataset: DatasetRecord): Promise<void> {
    if (!dataset.id || !dataset.projectId) {
      throw new EnclaveError('InvalidInputError', 'A dataset needs an id and a project; nothing was saved.');
    }
    await runWrite(this.db, ['datasets', 'projects'], 'Saving the dataset', async (tx) => {
      if ((await tx.objectStore('projects').getKey(dataset.projectId)) === undefined) throw projectNotFound(dataset.projectId);
      await tx.objectStore('datasets').put(dataset);
    });
  }

  /** Changes some fields of a stored dataset, in one transaction (read, merge, write). */
  async update(id: string, changes: Partial<Omit<DatasetRecord, 'id' | 'projectId'>>): Promise<DatasetRecord> {
    return runWrite(this.db, ['datasets'], 'Updating the dataset', async (tx) => {
      const current = await tx.store.get(id);
      if (current === undefined) throw datasetNotFound(id);
      const next: DatasetRecord = { ...current, ...changes, id: current.id, projectId: current.projectId };
      await tx.store.put(next);
      return next;
    });
  }

  async get(id: string): Promise<DatasetRecord> {
    const found = await runRead(this.db, ['datasets'], 'Reading the dataset', (tx) => tx.store.get(id));
    if (found === undefined) throw datasetNotFound(id);
    return found;
  }

  async listByProject(projectId: string): Promise<DatasetRecord[]> {
    return runRead(this.db, ['datasets'], 'Listing the datasets', (tx) => tx.store.index(BY_PROJECT_INDEX).getAll(projectId));
  }

  /**
   * Stores one scan's tensor: its record and chunks together. Replaces an earlier version of the
   * same scan, chunks included, so a rebuilt scan never mixes old and new bytes.
   */
  async putScan(scan: Omit<DatasetScanRecord, 'id' | 'chunkCount' | 'byteLength'>, chunks: readonly Uint8Array[]): Promise<DatasetScanRecord> {
    const record: DatasetScanRecord = {
      ...scan,
      id: scanRecordId(scan.datasetId, scan.scanId),
      chunkCount: chunks.length,
      byteLength: chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0),
    };
    await runWrite(this.db, DATASET_STORES, 'Saving a preprocessed scan', async (tx) => {
      if ((await tx.objectStore('datasets').getKey(scan.datasetId)) === undefined) throw datasetNotFound(scan.datasetId);
      const scans = tx.objectStore('datasetScans');
      const old = await scans.get(record.id);
      const chunkStore = tx.objectStore('tensorChunks');
      for (let i = chunks.length; i < (old?.chunkCount ?? 0); i++) await chunkStore.delete(chunkRecordId(scan.datasetId, scan.scanId, i));
      await scans.put(record);
      for (const [index, bytes] of chunks.entries()) {
        const chunk: TensorChunkRecord = {
          id: chunkRecordId(scan.datasetId, scan.scanId, index),
          projectId: scan.projectId, datasetId: scan.datasetId, scanId: scan.scanId, index, bytes,
        };
        await chunkStore.put(chunk);
      }
    });
    return record;
  }

  async listScans(datasetId: string): Promise<DatasetScanRecord[]> {
    return runRead(this.db, ['datasetScans'], 'Listing the scans of the dataset', (tx) =>
      tx.store.index(BY_DATASET_INDEX).getAll(datasetId),
    );
  }

  /** One scan's stored bytes; a missing chunk is reported rather than returning a short tensor. */
  async readScan(datasetId: string, scanId: string): Promise<StoredScanTensor> {
    return runRead(this.db, ['datasetScans', 'tensorChunks'], 'Reading a preprocessed scan', async (tx) => {
      const scan = await tx.objectStore('datasetScans').get(scanRecordId(datasetId, scanId));
      if (scan === undefined) throw new EnclaveError('NotFoundError', `Scan ${scanId} is not in this dataset.`);
      const chunkStore = tx.objectStore('tensorChunks');
      const bytes = new Uint8Array(scan.byteLength);
      let offset = 0;
      for (let i = 0; i < scan.chunkCount; i++) {
        const chunk = await chunkStore.get(chunkRecordId(datasetId, scanId, i));
        if (chunk === undefined) {
          throw new EnclaveError('NotFoundError', `Part ${i + 1} of scan ${scanId} is missing from this browser's storage; rebuild the dataset.`);
        }
        const part = chunk.bytes instanceof Uint8Array ? chunk.bytes : new Uint8Array(chunk.bytes);
        bytes.set(part, offset);
        offset += part.byteLength;
      }
      return { scan, bytes };
    });
  }

  async size(datasetId: string): Promise<DatasetSize> {
    const scans = await this.listScans(datasetId);
    return { scans: scans.length, byteLength: scans.reduce((sum, scan) => sum + scan.byteLength, 0) };
  }

  /** Removes the dataset, its scans and their chunks together. */
  async delete(datasetId: string): Promise<void> {
    await runWrite(this.db, DATASET_STORES, 'Deleting the dataset', async (tx) => {
      const datasets = tx.objectStore('datasets');
      if ((await datasets.getKey(datasetId)) === undefined) throw datasetNotFound(datasetId);
      for (const name of ['datasetScans', 'tensorChunks'] as const) {
        const index = tx.objectStore(name).index(BY_DATASET_INDEX);
        for (let cursor = await index.openKeyCursor(datasetId); cursor; cursor = await cursor.continue()) {
          await tx.objectStore(name).delete(cursor.primaryKey);
        }
      }
      await datasets.delete(datasetId);
    });
  }
}

function datasetNotFound(id: string): EnclaveError {
  return new EnclaveError('NotFoundError', `No dataset with id ${id} is stored in this browser; it may have been deleted.`);
}
