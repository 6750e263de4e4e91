import { describe, expect, it, vi } from 'vitest';
import { MIGRATIONS, latestVersion } from '../../../src/lib/store/migrations';
import type { Migration } from '../../../src/lib/store/migrations';
import { openEnclaveDatabase } from '../../../src/lib/store/open';
import { ProjectRecords } from '../../../src/lib/store/project-records';
import { ProjectsRepository } from '../../../src/lib/store/projects-repository';
import type { StudyRecord } from '../../../src/lib/store/schema';
import { freshFactory, sequentialIds, study } from './helpers';

/** Test-only version 2: a new index on studies, and modality codes upper-cased in place. */
const upperCaseModalities: Migration = {
  version: 2,
  description: 'index studies by modality',
  async migrate({ tx }) {
    const studies = tx.objectStore('studies');
    studies.createIndex('by-modality', 'modality');
    for (let cursor = await studies.openCursor(); cursor; cursor = await cursor.continue()) {
      const record = cursor.value as StudyRecord;
      await cursor.update({ ...record, modality: record.modality.toUpperCase() });
    }
  },
};

/** The real first release's schema: these tests grow it with test-only steps. */
const V1 = MIGRATIONS.slice(0, 1);
const WITH_V2 = [...V1, upperCaseModalities];

/** Opens v1, stores one project with two studies (modality "us" and "mr"), closes. */
async function databaseAtVersion1(factory: IDBFactory): Promise<void> {
  const db = await openEnclaveDatabase({ indexedDB: factory, migrations: V1 });
  const project = await new ProjectsRepository(db, { newId: sequentialIds('p') }).create('Old data');
  await new ProjectRecords(db, 'studies').put(study('s1', project.id, 'us'));
  await new ProjectRecords(db, 'studies').put(study('s2', project.id, 'mr'));
  db.close();
}

describe('schema version 1', () => {
  it('creates every store, each project-owned one with a by-project index', async () => {
    const db = await openEnclaveDatabase({ indexedDB: freshFactory(), migrations: V1 });
    expect(db.version).toBe(1);
    expect([...db.objectStoreNames]).toEqual([
      'artifacts', 'datasets', 'projects', 'pseudonymMaps', 'runs', 'settings', 'studies',
    ]);
    const tx = db.transaction(['studies', 'datasets', 'runs', 'artifacts', 'pseudonymMaps']);
    for (const name of ['studies', 'datasets', 'runs', 'artifacts', 'pseudonymMaps'] as const) {
      expect([...tx.objectStore(name).indexNames]).toEqual(['by-project']);
    }
    expect(tx.objectStore('pseudonymMaps').keyPath).toBe('projectId');
    expect(tx.objectStore('studies').keyPath).toBe('id');
    await tx.done;
  });

  it('rejects a migration list with a gap', async () => {
    const gap = [...V1, { ...upperCaseModalities, version: 3 }];
    expect(() => latestVersion(gap)).toThrow('Database migration number 2 is labelled version 3');
    await expect(openEnclaveDatabase({ indexedDB: freshFactory(), migrations: gap })).rejects.toMatchObject({
      name: 'InvalidInputError',
    });
  });
});

describe('schema version 2', () => {
  it('adds dataset scans and tensor chunks to a version 1 database, keeping its data', async () => {
    const factory = freshFactory();
    await databaseAtVersion1(factory);
    const db = await openEnclaveDatabase({ indexedDB: factory, migrations: MIGRATIONS.slice(0, 2) });
    expect(db.version).toBe(2);
    expect((await new ProjectRecords(db, 'studies').listByProject('p-1')).map((s) => s.id)).toEqual(['s1', 's2']);
    const tx = db.transaction(['datasetScans', 'tensorChunks']);
    for (const name of ['datasetScans', 'tensorChunks'] as const) {
      expect([...tx.objectStore(name).indexNames]).toEqual(['by-dataset', 'by-project']);
    }
    await tx.done;
  });
});

describe('schema version 3', () => {
  it('adds base models (by project) and the shared model download cache to a version 1 database, keeping its data', async () => {
    const factory = freshFactory();
    await databaseAtVersion1(factory);
    const db = await openEnclaveDatabase({ indexedDB: factory });
    expect(db.version).toBe(3);
    expect((await new ProjectRecords(db, 'studies').listByProject('p-1')).map((s) => s.id)).toEqual(['s1', 's2']);
    const tx = db.transaction(['baseModels', 'modelCache']);
    expect([...tx.objectStore('baseModels').indexNames]).toEqual(['by-project']);
    expect(tx.objectStore('modelCache').keyPath).toBe('url');
    await tx.done;
  });
});

describe('migrations', () => {
  it('takes a version 1 database to version 2, keeping and transforming its data', async () => {
    const factory = freshFactory();
    await databaseAtVersion1(factory);

    const db = await openEnclaveDatabase({ indexedDB: factory, migrations: WITH_V2 });

    expect(db.version).toBe(2);
    expect((await new ProjectsRepository(db).list()).map((p) => p.name)).toEqual(['Old data']);
    const studies = await new ProjectRecords(db, 'studies').listByProject('p-1');
    expect(studies.map((s) => [s.id, s.modality, s.sopInstanceUid])).toEqual([
      ['s1', 'US', '2.25.3.s1'],
      ['s2', 'MR', '2.25.3.s2'],
    ]);
    // The new index exists and indexes the transformed values.
    const byModality = db.transaction('studies').store.index('by-modality' as 'by-project');
    expect((await byModality.getAll('MR')).map((s) => s.id)).toEqual(['s2']);
  });

  it('runs every step from an empty database, passing the starting version', async () => {
    const seen: number[] = [];
    const spy: Migration = { version: 2, description: 'spy', migrate: ({ fromVersion }) => void seen.push(fromVersion) };
    const db = await openEnclaveDatabase({ indexedDB: freshFactory(), migrations: [...V1, spy] });
    expect(db.version).toBe(2);
    expect(seen).toEqual([0]);
    expect(db.objectStoreNames.contains('projects')).toBe(true);
  });

  it('rolls the whole upgrade back when a step fails after it started writing', async () => {
    const factory = freshFactory();
    await databaseAtVersion1(factory);
    const broken: Migration = {
      version: 2,
      description: 'a step that fails half way',
      async migrate(ctx) {
        await upperCaseModalities.migrate(ctx);
        throw new Error('unexpected record shape');
      },
    };

    await expect(openEnclaveDatabase({ indexedDB: factory, migrations: [...V1, broken] })).rejects.toMatchObject({
      name: 'StorageUnavailableError',
      message:
        "Upgrading Enclave's local data to version 2 (a step that fails half way) failed: unexpected record shape. " +
        'Nothing was changed; your data are as the previous version of Enclave left them. Reload to try again, ' +
        'or use an Enclave release that matches your data.',
    });

    const db = await openEnclaveDatabase({ indexedDB: factory, migrations: V1 });
    expect(db.version).toBe(1);
    const studies = await new ProjectRecords(db, 'studies').listByProject('p-1');
    expect(studies.map((s) => s.modality)).toEqual(['us', 'mr']);
    expect([...db.transaction('studies').store.indexNames]).toEqual(['by-project']);
  });

  it('refuses clearly to open an older version over a newer database', async () => {
    const factory = freshFactory();
    (await openEnclaveDatabase({ indexedDB: factory, migrations: WITH_V2 })).close();
    await expect(openEnclaveDatabase({ indexedDB: factory, migrations: V1 })).rejects.toMatchObject({
      name: 'StorageUnavailableError',
      message:
        'This browser holds Enclave data saved by a newer version of Enclave than this page, which reads up to ' +
        'database version 1. Reload the page (or close old tabs) to get the newest Enclave. Your data were not changed.',
    });
  });
});

describe('connections held by other tabs', () => {
  it('closes an old connection when a newer version asks (blocking), and says so', async () => {
    const factory = freshFactory();
    const onClose = vi.fn();
    const oldTab = await openEnclaveDatabase({ indexedDB: factory, onClose, migrations: V1 });
    await new ProjectsRepository(oldTab, { newId: sequentialIds('p') }).create('Shared');

    const newTab = await openEnclaveDatabase({ indexedDB: factory, migrations: WITH_V2 });

    expect(newTab.version).toBe(2);
    expect(onClose).toHaveBeenCalledExactlyOnceWith('versionchange');
    await expect(new ProjectsRepository(oldTab).list()).rejects.toMatchObject({
      name: 'StorageUnavailableError',
      message:
        "Listing projects failed: the connection to Enclave's local database was closed, usually because a " +
        'newer version of Enclave opened in another tab. Reload this page to continue.',
    });
    expect((await new ProjectsRepository(newTab).get('p-1')).name).toBe('Shared');
  });

  it('fails with StorageUnavailableError when an old connection does not step aside (blocked)', async () => {
    const factory = freshFactory();
    (await openEnclaveDatabase({ indexedDB: factory, migrations: V1 })).close();
    // A tab running code that ignores versionchange.
    const stubborn = await new Promise<IDBDatabase>((resolve) => {
      factory.open('enclave', 1).onsuccess = (event) => resolve((event.target as IDBOpenDBRequest).result);
    });

    await expect(openEnclaveDatabase({ indexedDB: factory, migrations: WITH_V2 })).rejects.toMatchObject({
      name: 'StorageUnavailableError',
      message:
        'Enclave cannot upgrade its local database (version 1 to 2) because another tab or window still has an ' +
        'older Enclave open. Close or reload the other Enclave tabs, then reload this page. Nothing was changed.',
    });

    // Once the other tab goes, the queued upgrade to 2 still finishes, and the connection it
    // yields late is closed rather than leaked: a leaked one would block the upgrade to 3.
    stubborn.close();
    await vi.waitFor(async () => expect(await factory.databases()).toEqual([{ name: 'enclave', version: 2 }]));
    const noop: Migration = { version: 3, description: 'nothing', migrate: () => undefined };
    const db = await openEnclaveDatabase({ indexedDB: factory, migrations: [...WITH_V2, noop] });
    expect(db.version).toBe(3);
  });
});
