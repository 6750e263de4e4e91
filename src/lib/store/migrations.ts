import type { IDBPDatabase, IDBPTransaction } from 'idb';
import { EnclaveError } from '../jobs/errors';

/**
 * Schema history. Each migration takes the database from `version - 1` to `version`; opening runs
 * every migration after the stored version, in order, inside the one upgrade transaction, so a
 * database from any earlier release reaches the current version with its data kept, or (if one
 * step fails) stays exactly as it was.
 *
 * Migrations see the untyped database and spell store names as literals on purpose: a migration
 * is history and must not change when schema.ts changes.
 */

export interface MigrationContext {
  db: IDBPDatabase<unknown>;
  tx: IDBPTransaction<unknown, string[], 'versionchange'>;
  /** The version the database had when this open began; 0 when it is new. */
  fromVersion: number;
}

export interface Migration {
  version: number;
  description: string;
  /**
   * May be async, but must await only requests of `ctx.tx`: awaiting anything else (a timer,
   * fetch, crypto) lets the upgrade transaction commit under it.
   */
  migrate(ctx: MigrationContext): void | Promise<void>;
}

function createVersion1({ db }: MigrationContext): void {
  db.createObjectStore('projects', { keyPath: 'id' });
  db.createObjectStore('settings', { keyPath: 'key' });
  for (const name of ['studies', 'datasets', 'runs', 'artifacts']) {
    db.createObjectStore(name, { keyPath: 'id' }).createIndex('by-project', 'projectId');
  }
  // One encrypted map per project, so the project id is the key.
  db.createObjectStore('pseudonymMaps', { keyPath: 'projectId' }).createIndex(
    'by-project',
    'projectId',
    { unique: true },
  );
}

/** Preprocessed tensors live apart from the dataset record, so listing datasets stays cheap. */
function createVersion2({ db }: MigrationContext): void {
  for (const name of ['datasetScans', 'tensorChunks']) {
    const store = db.createObjectStore(name, { keyPath: 'id' });
    store.createIndex('by-project', 'projectId');
    store.createIndex('by-dataset', 'datasetId');
  }
}

/**
 * Pretrained base models a project can start a run from (their bytes are artifacts), and the
 * download cache of public model files, keyed by URL and shared by all projects: it holds only
 * files anyone can download.
 */
function createVersion3({ db }: MigrationContext): void {
  db.createObjectStore('baseModels', { keyPath: 'id' }).createIndex('by-project', 'projectId');
  db.createObjectStore('modelCache', { keyPath: 'url' });
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'projects, settings and the project-owned stores',
    migrate: createVersion1,
  },
  {
    version: 2,
    description: 'dataset scans and their tensor chunks',
    migrate: createVersion2,
  },
  {
    version: 3,
    description: 'pretrained base models and the public model download cache',
    migrate: createVersion3,
  },
];

/** The list must read 1, 2, 3, … with no gap, so that every step from any version exists. */
export function assertValidMigrations(migrations: readonly Migration[]): void {
  if (migrations.length === 0) {
    throw new EnclaveError('InvalidInputError', 'The list of database migrations is empty.');
  }
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new EnclaveError(
        'InvalidInputError',
        `Database migration number ${index + 1} is labelled version ${migration.version}; ` +
          'migrations must be listed as versions 1, 2, 3, … without gaps.',
      );
    }
  });
}

export function latestVersion(migrations: readonly Migration[]): number {
  assertValidMigrations(migrations);
  return migrations.length;
}

/** Thrown by runMigrations; carries the step that failed so the message can name it. */
export class MigrationFailure extends Error {
  override readonly name = 'MigrationFailure';
  constructor(
    readonly migration: Migration,
    override readonly cause: unknown,
  ) {
    super(`Migration to version ${migration.version} (${migration.description}) failed.`);
  }
}

/** Runs the steps fromVersion+1 … toVersion in order. */
export async function runMigrations(
  migrations: readonly Migration[],
  ctx: MigrationContext,
  toVersion: number,
): Promise<void> {
  for (const migration of migrations) {
    if (migration.version <= ctx.fromVersion || migration.version > toVersion) continue;
    try {
      await migration.migrate(ctx);
    } catch (error) {
      throw new MigrationFailure(migration, error);
    }
  }
}
