import { readStorageStatus, requestPersistentStorage, type StorageStatus } from '../lib/store/storage-status';
import { deleteAllLocalData, type DeleteAllLocalDataReport } from '../lib/store/delete-all';
import type { NoticesState } from './notices.svelte';
import type { ProjectsState } from './projects.svelte';

/** Quota, persistence, and the "Delete all local data" action. */
export class StorageState {
  status = $state<StorageStatus | null>(null);
  lastDeletion = $state<DeleteAllLocalDataReport | null>(null);
  #notices: NoticesState;
  #projects: ProjectsState;

  constructor(notices: NoticesState, projects: ProjectsState) {
    this.#notices = notices;
    this.#projects = projects;
  }

  async refresh(): Promise<void> {
    this.status = await readStorageStatus();
  }

  async persist(): Promise<void> {
    const granted = await requestPersistentStorage();
    if (granted === false) {
      this.#notices.info('Persistent storage not granted', 'The browser may clear Enclave data when the disk runs low. Chromium grants it more readily to installed or bookmarked sites.');
    }
    await this.refresh();
  }

  /**
   * Closes our connection, deletes the whole database, then opens a fresh empty one. The app's
   * offline copy (code and sample data, nothing of the person's) stays in Cache Storage.
   */
  async deleteAll(): Promise<void> {
    try {
      this.#projects.close();
      this.lastDeletion = await deleteAllLocalData();
      this.#notices.info('Local data deleted', `Removed ${this.lastDeletion.totalRecords} records from this browser's database.`);
    } catch (error) {
      this.#notices.error(error);
    } finally {
      await this.#projects.open();
      await this.refresh();
    }
  }
}
