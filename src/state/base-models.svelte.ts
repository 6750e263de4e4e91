import * as Comlink from 'comlink';
import type { Progress } from '../lib/jobs';
import type { BaseModelRecord } from '../lib/store/schema';
import type { DownloadOutcome, DownloadRequest } from '../lib/workspace/base-models';
import { progressProxy } from '../bridge/worker-client';
import type { EngineState } from './engine.svelte';
import type { NoticesState } from './notices.svelte';
import type { ProjectsState } from './projects.svelte';

/**
 * Pretrained base models of the current project, kept by the compute worker in IndexedDB. A
 * download happens only from `download`, which the panel calls after the person confirmed the
 * text that names what is fetched and from where.
 */
export class BaseModelsState {
  list = $state.raw<BaseModelRecord[]>([]);
  busy = $state(false);
  progress = $state<Progress | undefined>(undefined);
  lastDownload = $state.raw<DownloadOutcome | null>(null);
  #engine: EngineState;
  #projects: ProjectsState;
  #notices: NoticesState;

  constructor(engine: EngineState, projects: ProjectsState, notices: NoticesState) {
    this.#engine = engine;
    this.#projects = projects;
    this.#notices = notices;
  }

  get #compute() {
    return this.#engine.client.api;
  }

  async refresh(): Promise<void> {
    const projectId = this.#projects.currentId;
    if (!projectId) return;
    try {
      this.list = await this.#compute.listBaseModels(projectId);
    } catch (error) {
      this.#notices.error(error);
    }
  }

  /** model.json and its weight files, picked as files or as a folder. */
  async importFiles(files: readonly File[]): Promise<void> {
    await this.#run(async (projectId) => {
      const named = await Promise.all(files.map(async (file) => ({
        name: file.webkitRelativePath || file.name, bytes: new Uint8Array(await file.arrayBuffer()),
      })));
      await this.#compute.importBaseModelFiles(projectId, Comlink.transfer(named, named.map((f) => f.bytes.buffer)));
    });
  }

  async download(request: DownloadRequest): Promise<void> {
    await this.#run(async (projectId) => {
      // A plain copy: the request may be a reactive proxy, which postMessage cannot clone.
      this.lastDownload = await this.#compute.downloadBaseModel(projectId, $state.snapshot(request), progressProxy((p) => (this.progress = p)));
    });
  }

  async remove(id: string): Promise<void> {
    await this.#run(() => this.#compute.deleteBaseModel(id));
  }

  async #run(job: (projectId: string) => Promise<void>): Promise<void> {
    const projectId = this.#projects.currentId;
    if (this.busy) return;
    if (!projectId) {
      this.#notices.error({ name: 'InvalidInputError', message: 'Create or choose a project first: pretrained models are kept in a project.' });
      return;
    }
    this.busy = true;
    try {
      await job(projectId);
    } catch (error) {
      this.#notices.error(error);
    } finally {
      this.busy = false;
      this.progress = undefined;
      await this.refresh();
    }
  }
}
