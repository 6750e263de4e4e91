import { EnclaveError } from '../jobs/errors';
import { PROJECT_OWNED_STORES, BY_PROJECT_INDEX } from './schema';
import type { EnclaveDB, Project, ProjectOwnedStoreName, ProjectSettings } from './schema';
import { runRead, runWrite } from './transactions';

export interface RepositoryClock {
  /** Milliseconds since the epoch; tests pass a fixed clock. */
  now?: () => number;
  newId?: () => string;
}

export interface ProjectDeletion {
  project: Project;
  /** How many records of each project-owned store went with the project. */
  deletedRecords: Record<ProjectOwnedStoreName, number>;
}

export const MAX_PROJECT_NAME_LENGTH = 120;

/** Trims the name; rejects an empty or overlong one with InvalidInputError. */
export function validateProjectName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') {
    throw new EnclaveError('InvalidInputError', 'A project needs a name; type at least one letter.');
  }
  if (trimmed.length > MAX_PROJECT_NAME_LENGTH) {
    throw new EnclaveError(
      'InvalidInputError',
      `A project name may have at most ${MAX_PROJECT_NAME_LENGTH} characters; this one has ${trimmed.length}.`,
    );
  }
  return trimmed;
}

export function projectNotFound(id: string): EnclaveError {
  return new EnclaveError(
    'NotFoundError',
    `No project with id ${id} is stored in this browser; it may have been deleted in another tab.`,
  );
}

export class ProjectsRepository {
  private readonly now: () => number;
  private readonly newId: () => string;

  constructor(
    private readonly db: EnclaveDB,
    clock: RepositoryClock = {},
  ) {
    this.now = clock.now ?? Date.now;
    this.newId = clock.newId ?? (() => crypto.randomUUID());
  }

  async create(name: string, settings: ProjectSettings = {}): Promise<Project> {
    const time = this.now();
    const project: Project = {
      id: this.newId(),
      name: validateProjectName(name),
      createdAt: time,
      updatedAt: time,
      settings,
    };
    // add (not put): a clashing id must fail rather than overwrite another project.
    await runWrite(this.db, ['projects'], 'Creating the project', (tx) => tx.store.add(project));
    return project;
  }

  /** Most recently changed first. */
  async list(): Promise<Project[]> {
    const projects = await runRead(this.db, ['projects'], 'Listing projects', (tx) =>
      tx.store.getAll(),
    );
    return projects.sort((a, b) => b.updatedAt - a.updatedAt || a.name.localeCompare(b.name));
  }

  async get(id: string): Promise<Project> {
    const project = await runRead(this.db, ['projects'], 'Reading the project', (tx) =>
      tx.store.get(id),
    );
    if (project === undefined) throw projectNotFound(id);
    return project;
  }

  async rename(id: string, name: string): Promise<Project> {
    const newName = validateProjectName(name);
    return this.update(id, 'Renaming the project', (project) => ({ ...project, name: newName }));
  }

  /** Merges `patch` into the project's settings (a key set to undefined is removed). */
  async updateSettings(id: string, patch: ProjectSettings): Promise<Project> {
    return this.update(id, 'Saving the project settings', (project) => {
      const settings: ProjectSettings = { ...project.settings, ...patch };
      for (const key of Object.keys(settings)) if (settings[key] === undefined) delete settings[key];
      return { ...project, settings };
    });
  }

  /**
   * Deletes the project and every record it owns, in every project-owned store, in one
   * transaction: either all of it goes or, on any failure, nothing does. Clears the current
   * project setting when it pointed at this project.
   */
  async delete(id: string): Promise<ProjectDeletion> {
    const stores = ['projects', 'settings', ...PROJECT_OWNED_STORES] as const;
    return runWrite(this.db, stores, 'Deleting the project', async (tx) => {
      const project = await tx.objectStore('projects').get(id);
      if (project === undefined) throw projectNotFound(id);
      const deletedRecords = {} as Record<ProjectOwnedStoreName, number>;
      for (const storeName of PROJECT_OWNED_STORES) {
        const store = tx.objectStore(storeName);
        const keys = await store.index(BY_PROJECT_INDEX).getAllKeys(id);
        await Promise.all(keys.map((key) => store.delete(key)));
        deletedRecords[storeName] = keys.length;
      }
      await tx.objectStore('projects').delete(id);
      const settings = tx.objectStore('settings');
      const current = await settings.get('currentProjectId');
      if (current?.value === id) await settings.put({ key: 'currentProjectId', value: null });
      return { project, deletedRecords };
    });
  }

  /** Read, change and write back in one transaction, so concurrent edits cannot interleave. */
  private update(id: string, what: string, change: (project: Project) => Project): Promise<Project> {
    return runWrite(this.db, ['projects'], what, async (tx) => {
      const project = await tx.store.get(id);
      if (project === undefined) throw projectNotFound(id);
      const updated: Project = { ...change(project), id, updatedAt: this.now() };
      await tx.store.put(updated);
      return updated;
    });
  }
}
