import { EnclaveError } from '../jobs/errors';
import { readArtifactBytes } from './artifact-bytes';
import { projectNotFound } from './projects-repository';
import { BY_PROJECT_INDEX } from './schema';
import type { ArtifactRecord, BaseModelRecord, EnclaveDB } from './schema';
import { runRead, runWrite } from './transactions';

/**
 * Pretrained base models of a project. The record (name, source, blocks to cut at) and its bytes
 * (an artifact) are written and deleted together, so a listed model can always be loaded.
 */

export const BASE_MODEL_ARTIFACT_KIND = 'base-model';

export function baseModelArtifactId(baseModelId: string): string {
  return `${baseModelId}/model`;
}

export type NewBaseModel = Omit<BaseModelRecord, 'artifactId' | 'byteLength'>;

export class BaseModelsRepository {
  constructor(private readonly db: EnclaveDB) {}

  /** Stores the record with its zip (model.json + weights.bin); an id already taken is refused. */
  async save(model: NewBaseModel, zip: Uint8Array): Promise<BaseModelRecord> {
    const record: BaseModelRecord = { ...model, artifactId: baseModelArtifactId(model.id), byteLength: zip.byteLength };
    await runWrite(this.db, ['baseModels', 'artifacts', 'projects'], 'Saving the pretrained model', async (tx) => {
      if ((await tx.objectStore('projects').getKey(model.projectId)) === undefined) throw projectNotFound(model.projectId);
      if ((await tx.objectStore('baseModels').getKey(model.id)) !== undefined) {
        throw new EnclaveError('InvalidInputError', `A pretrained model with id ${model.id} already exists; nothing was saved.`);
      }
      const artifact: ArtifactRecord = {
        id: record.artifactId, projectId: model.projectId, createdAt: model.createdAt, kind: BASE_MODEL_ARTIFACT_KIND,
        mediaType: 'application/zip', ownerId: model.id, data: zip, byteLength: zip.byteLength,
      };
      await tx.objectStore('artifacts').put(artifact);
      await tx.objectStore('baseModels').add(record);
    });
    return record;
  }

  async get(id: string): Promise<BaseModelRecord> {
    const found = await runRead(this.db, ['baseModels'], 'Reading the pretrained model', (tx) => tx.store.get(id));
    if (found === undefined) throw baseModelNotFound(id);
    return found;
  }

  /** Oldest first. */
  async listByProject(projectId: string): Promise<BaseModelRecord[]> {
    const models = await runRead(this.db, ['baseModels'], 'Listing the pretrained models', (tx) => tx.store.index(BY_PROJECT_INDEX).getAll(projectId));
    return models.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  }

  async readZip(id: string): Promise<Uint8Array> {
    const record = await this.get(id);
    return readArtifactBytes(this.db, record.artifactId, 'Reading the pretrained model', () => baseModelNotFound(id));
  }

  async delete(id: string): Promise<void> {
    await runWrite(this.db, ['baseModels', 'artifacts'], 'Deleting the pretrained model', async (tx) => {
      if ((await tx.objectStore('baseModels').getKey(id)) === undefined) throw baseModelNotFound(id);
      await tx.objectStore('artifacts').delete(baseModelArtifactId(id));
      await tx.objectStore('baseModels').delete(id);
    });
  }
}

export function baseModelNotFound(id: string): EnclaveError {
  return new EnclaveError('NotFoundError', `No pretrained model with id ${id} is stored in this project; load it again from its files or address.`);
}
