import type { EnclaveDB, Project, ProjectSettings, PseudonymMapRecord } from '../lib/store/schema';
import { openEnclaveDatabase } from '../lib/store/open';
import { ProjectsRepository } from '../lib/store/projects-repository';
import { SettingsRepository } from '../lib/store/settings-repository';
import { ProjectRecords } from '../lib/store/project-records';
import { toPseudonymMapRecord, type EncryptedEnvelope } from '../lib/deid/crypto';
import type { NoticesState } from './notices.svelte';
import { EnclaveError } from '../lib/jobs';

/**
 * The researcher's projects and which one is open. Every change is written to IndexedDB first
 * and only then shown, so what the screen says is what is saved; a failed write (a full quota,
 * say) leaves both the screen and the database as they were and says why.
 */
export class ProjectsState {
  list = $state<Project[]>([]);
  currentId = $state<string | null>(null);
  ready = $state(false);
  current = $derived(this.list.find((project) => project.id === this.currentId) ?? null);

  #db: EnclaveDB | undefined;
  #notices: NoticesState;

  constructor(notices: NoticesState) {
    this.#notices = notices;
  }

  async open(): Promise<void> {
    try {
      this.#db = await openEnclaveDatabase({
        onClose: (reason) => {
          this.#db = undefined;
          if (reason === 'versionchange') {
            this.#notices.info('Reload needed', 'A newer Enclave opened in another tab and upgraded the local database. Reload this page to go on.');
          }
        },
      });
      await this.#reload();
    } catch (error) {
      this.#notices.error(error);
    } finally {
      this.ready = true;
    }
  }

  /** Closes the connection so that the database can be deleted. */
  close(): void {
    this.#db?.close();
    this.#db = undefined;
    this.list = [];
    this.currentId = null;
  }

  async create(name: string): Promise<Project | null> {
    return this.#guard(async (projects, settings) => {
      const project = await projects.create(name);
      await settings.setCurrentProject(project.id);
      await this.#reload();
      return project;
    });
  }

  async rename(id: string, name: string): Promise<void> {
    await this.#guard(async (projects) => {
      await projects.rename(id, name);
      await this.#reload();
    });
  }

  /** Merges settings into the current project (e.g. its de-identification policy). */
  async saveSettings(patch: ProjectSettings): Promise<boolean> {
    const id = this.currentId;
    if (!id) return false;
    const saved = await this.#guard(async (projects) => {
      await projects.updateSettings(id, patch);
      await this.#reload();
      return true;
    });
    return saved === true;
  }

  /**
   * Keeps the current project's original→pseudonym map, already encrypted with the person's
   * passphrase: only ciphertext reaches IndexedDB.
   */
  async savePseudonymMap(envelope: EncryptedEnvelope): Promise<boolean> {
    const id = this.currentId;
    if (!id) return false;
    const saved = await this.#guard(async () => {
      await new ProjectRecords(this.#requireDb(), 'pseudonymMaps').put(toPseudonymMapRecord(envelope, id));
      return true;
    });
    return saved === true;
  }

  /** The current project's encrypted pseudonym map (ciphertext and KDF parameters only), or null. */
  async pseudonymMap(): Promise<PseudonymMapRecord | null> {
    const id = this.currentId;
    if (!id) return null;
    const records = await this.#guard(() => new ProjectRecords(this.#requireDb(), 'pseudonymMaps').listByProject(id));
    return records?.[0] ?? null;
  }

  async switchTo(id: string): Promise<void> {
    await this.#guard(async (_, settings) => {
      await settings.setCurrentProject(id);
      await this.#reload();
    });
  }

  async remove(id: string): Promise<void> {
    await this.#guard(async (projects, settings) => {
      await projects.delete(id);
      const remaining = await projects.list();
      if ((await settings.currentProject()) === null && remaining[0]) await settings.setCurrentProject(remaining[0].id);
      await this.#reload();
    });
  }

  async #reload(): Promise<void> {
    const db = this.#requireDb();
    const [projects, current] = await Promise.all([new ProjectsRepository(db).list(), new SettingsRepository(db).currentProject()]);
    this.list = projects;
    this.currentId = current?.id ?? null;
  }

  async #guard<T>(action: (projects: ProjectsRepository, settings: SettingsRepository) => Promise<T>): Promise<T | null> {
    try {
      const db = this.#requireDb();
      return await action(new ProjectsRepository(db), new SettingsRepository(db));
    } catch (error) {
      this.#notices.error(error);
      return null;
    }
  }

  #requireDb(): EnclaveDB {
    if (!this.#db) throw new EnclaveError('StorageUnavailableError', 'The local database is closed. Reload the page to open it again.');
    return this.#db;
  }
}
