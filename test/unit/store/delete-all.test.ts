import { afterEach, describe, expect, it, vi } from 'vitest';
import { deleteAllLocalData } from '../../../src/lib/store/delete-all';
import { latestVersion, MIGRATIONS } from '../../../src/lib/store/migrations';
import { openEnclaveDatabase, resolveIndexedDB } from '../../../src/lib/store/open';
import { ProjectRecords } from '../../../src/lib/store/project-records';
import { ProjectsRepository } from '../../../src/lib/store/projects-repository';
import { SettingsRepository } from '../../../src/lib/store/settings-repository';
import { freshFactory, openFresh, sequentialIds, study } from './helpers';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('deleteAllLocalData', () => {
  it('deletes the database and reports what it held', async () => {
    const { factory, db } = await openFresh();
    const projects = new ProjectsRepository(db, { newId: sequentialIds('p') });
    await projects.create('One');
    await projects.create('Two');
    await new ProjectRecords(db, 'studies').put(study('s1', 'p-1'));
    await new SettingsRepository(db).setCurrentProject('p-2');
    expect(await factory.databases()).toEqual([{ name: 'enclave', version: latestVersion(MIGRATIONS) }]);

    const report = await deleteAllLocalData({ indexedDB: factory, connections: [db] });

    expect(report).toEqual({
      databaseName: 'enclave',
      existed: true,
      recordCounts: { artifacts: 0, baseModels: 0, datasetScans: 0, datasets: 0, modelCache: 0, projects: 2, pseudonymMaps: 0, runs: 0, settings: 1, studies: 1, tensorChunks: 0 },
      totalRecords: 4,
    });
    expect(await factory.databases()).toEqual([]);
    const reopened = await openEnclaveDatabase({ indexedDB: factory });
    expect(await new ProjectsRepository(reopened).list()).toEqual([]);
    expect(await new ProjectRecords(reopened, 'studies').listByProject('p-1')).toEqual([]);
    expect(await new SettingsRepository(reopened).get('currentProjectId')).toBeUndefined();
  });

  it('reports nothing and creates nothing when there is no database', async () => {
    const factory = freshFactory();
    const report = await deleteAllLocalData({ indexedDB: factory });
    expect(report).toEqual({ databaseName: 'enclave', existed: false, recordCounts: {}, totalRecords: 0 });
    expect(await factory.databases()).toEqual([]);
  });

  it('still works where databases() is missing, without creating a database to look', async () => {
    const factory = freshFactory();
    const withoutListing = Object.assign(Object.create(factory) as IDBFactory, { databases: undefined });
    expect((await deleteAllLocalData({ indexedDB: withoutListing })).existed).toBe(false);
    expect(await factory.databases()).toEqual([]);

    const db = await openEnclaveDatabase({ indexedDB: factory });
    await new ProjectsRepository(db).create('Found without a listing');
    const report = await deleteAllLocalData({ indexedDB: withoutListing, connections: [db] });
    expect([report.existed, report.recordCounts.projects, report.totalRecords]).toEqual([true, 1, 1]);
    expect(await factory.databases()).toEqual([]);
  });

  it('deletes even when our own open connection was not handed over (it steps aside)', async () => {
    const factory = freshFactory();
    const onClose = vi.fn();
    const db = await openEnclaveDatabase({ indexedDB: factory, onClose });
    await new ProjectsRepository(db).create('Left open');
    const report = await deleteAllLocalData({ indexedDB: factory });
    expect(report.recordCounts.projects).toBe(1);
    expect(onClose).toHaveBeenCalledWith('versionchange');
    expect(await factory.databases()).toEqual([]);
  });

  it('fails clearly when another tab blocks the deletion, which completes once it closes', async () => {
    const { factory, db } = await openFresh();
    db.close();
    const stubborn = await new Promise<IDBDatabase>((resolve) => {
      factory.open('enclave', latestVersion(MIGRATIONS)).onsuccess = (event) => resolve((event.target as IDBOpenDBRequest).result);
    });

    await expect(deleteAllLocalData({ indexedDB: factory })).rejects.toMatchObject({
      name: 'StorageUnavailableError',
      message:
        "Enclave's local data could not be deleted yet because another tab or window still has Enclave open. " +
        'Close every other Enclave tab: the deletion completes as soon as they are closed. Until then, your ' +
        'data are still on this machine.',
    });
    expect(await factory.databases()).toEqual([{ name: 'enclave', version: latestVersion(MIGRATIONS) }]);

    stubborn.close();
    await vi.waitFor(async () => expect(await factory.databases()).toEqual([]));
  });

  it('says clearly when the browser has no IndexedDB at all', async () => {
    vi.stubGlobal('indexedDB', undefined);
    expect(() => resolveIndexedDB()).toThrow(
      "This browser does not let Enclave use its local database (IndexedDB); some private windows turn it off.",
    );
    await expect(deleteAllLocalData()).rejects.toMatchObject({ name: 'StorageUnavailableError' });
    await expect(openEnclaveDatabase()).rejects.toMatchObject({ name: 'StorageUnavailableError' });
  });
});
