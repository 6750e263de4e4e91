import { projectNotFound } from './projects-repository';
import type { AppSettings, EnclaveDB, Project, SettingKey, SettingRecord } from './schema';
import { runRead, runWrite } from './transactions';

/** App-wide key-value settings (the current project, later preferences). */
export class SettingsRepository {
  constructor(private readonly db: EnclaveDB) {}

  /** undefined when the key was never set. */
  async get<K extends SettingKey>(key: K): Promise<AppSettings[K] | undefined> {
    const record = await runRead(this.db, ['settings'], 'Reading a setting', (tx) =>
      tx.store.get(key),
    );
    // The record stored under `key` was written by set(key, …), so its value has K's type.
    return record?.value as AppSettings[K] | undefined;
  }

  async set<K extends SettingKey>(key: K, value: AppSettings[K]): Promise<void> {
    const record: SettingRecord<K> = { key, value };
    await runWrite(this.db, ['settings'], 'Saving a setting', (tx) => tx.store.put(record));
  }

  /** Switches the current project; NotFoundError when it does not exist. null clears it. */
  async setCurrentProject(projectId: string | null): Promise<void> {
    await runWrite(this.db, ['settings', 'projects'], 'Switching project', async (tx) => {
      if (projectId !== null && (await tx.objectStore('projects').getKey(projectId)) === undefined) {
        throw projectNotFound(projectId);
      }
      await tx.objectStore('settings').put({ key: 'currentProjectId', value: projectId });
    });
  }

  /** The current project, or null when none is chosen or it no longer exists. */
  async currentProject(): Promise<Project | null> {
    return runRead(this.db, ['settings', 'projects'], 'Reading the current project', async (tx) => {
      const current = await tx.objectStore('settings').get('currentProjectId');
      if (typeof current?.value !== 'string') return null;
      return (await tx.objectStore('projects').get(current.value)) ?? null;
    });
  }
}
