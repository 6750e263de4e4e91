import { EnclaveError } from '../jobs/errors';
import { artifactMissing, readArtifactBytes } from './artifact-bytes';
import { projectNotFound } from './projects-repository';
import { BY_PROJECT_INDEX } from './schema';
import type { ArtifactRecord, EnclaveDB, RunRecord, StoredBytes } from './schema';
import { runRead, runWrite } from './transactions';

/**
 * Training runs and their byte artifacts (the latest checkpoint, the model zip). A run keeps at
 * most one checkpoint: each new one replaces the last in the same transaction that records the
 * run's status, history and position, so the record and the bytes it points at never disagree.
 * A full disk aborts that transaction whole: the previous checkpoint and status stay as they
 * were, and the error is QuotaExceededError with a message saying what to free.
 */

export const CHECKPOINT_ARTIFACT_KIND = 'training-checkpoint';
export const MODEL_ZIP_ARTIFACT_KIND = 'model-zip';

export type RunChanges = Partial<Omit<RunRecord, 'id' | 'projectId' | 'createdAt'>>;

export function checkpointArtifactId(runId: string): string {
  return `${runId}/checkpoint`;
}

export function modelArtifactId(runId: string): string {
  return `${runId}/model`;
}

function byteLengthOf(data: StoredBytes): number {
  return data instanceof Blob ? data.size : data.byteLength;
}

export class RunsRepository {
  constructor(
    private readonly db: EnclaveDB,
    private readonly now: () => number = Date.now,
  ) {}

  /** Adds a new run; an id already taken is refused rather than overwritten. */
  async create(run: RunRecord): Promise<RunRecord> {
    if (!run.id || !run.projectId) {
      throw new EnclaveError('InvalidInputError', 'A run needs an id and a project; nothing was saved.');
    }
    await runWrite(this.db, ['runs', 'projects'], 'Saving the run', async (tx) => {
      if ((await tx.objectStore('projects').getKey(run.projectId)) === undefined) throw projectNotFound(run.projectId);
      if ((await tx.objectStore('runs').getKey(run.id)) !== undefined) {
        throw new EnclaveError('InvalidInputError', `A run with id ${run.id} already exists; start the new run under another id.`);
      }
      await tx.objectStore('runs').add(run);
    });
    return run;
  }

  async get(id: string): Promise<RunRecord> {
    const found = await runRead(this.db, ['runs'], 'Reading the run', (tx) => tx.store.get(id));
    if (found === undefined) throw runNotFound(id);
    return found;
  }

  /** Oldest first. */
  async listByProject(projectId: string): Promise<RunRecord[]> {
    const runs = await runRead(this.db, ['runs'], 'Listing the runs', (tx) => tx.store.index(BY_PROJECT_INDEX).getAll(projectId));
    return runs.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  }

  /** Changes some fields of a stored run in one transaction (read, merge, write). */
  async update(id: string, changes: RunChanges): Promise<RunRecord> {
    return runWrite(this.db, ['runs'], 'Updating the run', async (tx) => {
      const current = await tx.store.get(id);
      if (current === undefined) throw runNotFound(id);
      const next = merge(current, changes, this.now());
      await tx.store.put(next);
      return next;
    });
  }

  /**
   * Replaces the run's checkpoint with `bytes` and applies `changes` to the run, together. If the
   * write fails, the checkpoint before it is still the run's checkpoint.
   */
  async saveCheckpoint(runId: string, bytes: Uint8Array, changes: RunChanges): Promise<RunRecord> {
    return this.putArtifactWithRun(runId, checkpointArtifactId(runId), CHECKPOINT_ARTIFACT_KIND, 'application/octet-stream', bytes, {
      ...changes, checkpointArtifactId: checkpointArtifactId(runId),
    }, 'Saving the training checkpoint');
  }

  /**
   * Stores the run's model zip and applies `changes` (e.g. status 'finished') in one transaction.
   * The checkpoint goes in the same transaction: a finished run is its model.
   */
  async saveModel(runId: string, zip: Uint8Array, changes: RunChanges): Promise<RunRecord> {
    return this.putArtifactWithRun(runId, modelArtifactId(runId), MODEL_ZIP_ARTIFACT_KIND, 'application/zip', zip, {
      ...changes, modelArtifactId: modelArtifactId(runId), checkpointArtifactId: undefined, checkpointPosition: undefined,
    }, 'Saving the trained model', checkpointArtifactId(runId));
  }

  /** The artifact's bytes as a Uint8Array, or NotFoundError naming what is missing. */
  async readArtifact(artifactId: string): Promise<Uint8Array> {
    return readArtifactBytes(this.db, artifactId, 'Reading a run file',
      artifactMissing(`The file ${artifactId} is no longer in this browser's storage; train the run again.`));
  }

  async artifactsOf(runId: string): Promise<Omit<ArtifactRecord, 'data'>[]> {
    const ids = [checkpointArtifactId(runId), modelArtifactId(runId)];
    return runRead(this.db, ['artifacts'], 'Listing the run files', async (tx) => {
      const found = await Promise.all(ids.map((id) => tx.store.get(id)));
      return found.filter((a): a is ArtifactRecord => a !== undefined).map(({ data: _data, ...rest }) => rest);
    });
  }

  /** Removes the run and every artifact it owns, together. */
  async delete(runId: string): Promise<void> {
    await runWrite(this.db, ['runs', 'artifacts'], 'Deleting the run', async (tx) => {
      if ((await tx.objectStore('runs').getKey(runId)) === undefined) throw runNotFound(runId);
      const artifacts = tx.objectStore('artifacts');
      for (const id of [checkpointArtifactId(runId), modelArtifactId(runId)]) await artifacts.delete(id);
      await tx.objectStore('runs').delete(runId);
    });
  }

  private async putArtifactWithRun(
    runId: string, artifactId: string, kind: string, mediaType: string, data: Uint8Array, changes: RunChanges, what: string,
    replacing?: string,
  ): Promise<RunRecord> {
    return runWrite(this.db, ['runs', 'artifacts'], what, async (tx) => {
      const current = await tx.objectStore('runs').get(runId);
      if (current === undefined) throw runNotFound(runId);
      if (replacing !== undefined) await tx.objectStore('artifacts').delete(replacing);
      const time = this.now();
      const artifact: ArtifactRecord = {
        id: artifactId, projectId: current.projectId, createdAt: time, updatedAt: time, kind, mediaType,
        ownerId: runId, data, byteLength: byteLengthOf(data),
      };
      await tx.objectStore('artifacts').put(artifact);
      const next = merge(current, changes, time);
      await tx.objectStore('runs').put(next);
      return next;
    });
  }
}

function merge(current: RunRecord, changes: RunChanges, time: number): RunRecord {
  const next: RunRecord = { ...current, ...changes, id: current.id, projectId: current.projectId, createdAt: current.createdAt, updatedAt: time };
  // A field set to undefined is removed rather than stored as undefined.
  for (const key of Object.keys(next) as (keyof RunRecord)[]) if (next[key] === undefined) delete next[key];
  return next;
}

export function runNotFound(id: string): EnclaveError {
  return new EnclaveError('NotFoundError', `No run with id ${id} is stored in this browser; it may have been deleted.`);
}
