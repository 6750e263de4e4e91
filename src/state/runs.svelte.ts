import * as Comlink from 'comlink';
import type { Progress } from '../lib/jobs';
import type { EpochRecord } from '../lib/ml/train/types';
import type { RunRecord } from '../lib/store/schema';
import type { TrainRequest } from '../lib/workspace/training-request';
import type { InferenceReport } from '../lib/workspace/inference-job';
import { listenerProxy, progressProxy } from '../bridge/worker-client';
import type { EngineState } from './engine.svelte';
import type { ImportsState } from './imports.svelte';
import type { NoticesState } from './notices.svelte';
import type { ProjectsState } from './projects.svelte';

/**
 * Training runs, their evaluation and inference, all in the compute worker. Runs live in
 * IndexedDB with their checkpoint, so a run stopped by a cancel or a closed tab resumes.
 */
export class RunsState {
  list = $state.raw<RunRecord[]>([]);
  selectedId = $state<string | null>(null);
  /** The epochs of the run training now, as they arrive (the stored history after it ends). */
  liveHistory = $state.raw<EpochRecord[]>([]);
  liveRunId = $state<string | null>(null);
  progress = $state<Progress | undefined>(undefined);
  inference = $state.raw<InferenceReport | null>(null);
  inferring = $state(false);
  selected = $derived(this.list.find((r) => r.id === this.selectedId) ?? null);
  #imports: ImportsState;
  #engine: EngineState;
  #projects: ProjectsState;
  #notices: NoticesState;

  constructor(imports: ImportsState, engine: EngineState, projects: ProjectsState, notices: NoticesState) {
    this.#imports = imports;
    this.#engine = engine;
    this.#projects = projects;
    this.#notices = notices;
  }

  get #compute() {
    return this.#engine.client.api;
  }

  get training(): boolean {
    return this.liveRunId !== null;
  }

  async refresh(): Promise<void> {
    const projectId = this.#projects.currentId;
    if (!projectId) return;
    try {
      this.list = (await this.#compute.listRuns(projectId)).sort((a, b) => a.createdAt - b.createdAt);
      if (this.selectedId && !this.list.some((r) => r.id === this.selectedId)) this.selectedId = null;
      this.selectedId ??= this.list.at(-1)?.id ?? null;
    } catch (error) {
      this.#notices.error(error);
    }
  }

  /** Starts a run from the form's request (everything but the ids, which are made here). */
  async start(request: Omit<TrainRequest, 'projectId' | 'runId'>): Promise<void> {
    const projectId = this.#projects.currentId;
    if (!projectId || this.training) return;
    const runId = `run-${crypto.randomUUID()}`;
    await this.#track(runId, () => this.#compute.startRun({ ...request, projectId, runId }, ...this.#listeners()));
  }

  /** Continues a cancelled (or interrupted) run from its last checkpoint. */
  async resume(runId: string): Promise<void> {
    if (this.training) return;
    const stored = this.list.find((r) => r.id === runId);
    this.liveHistory = stored?.history ?? [];
    await this.#track(runId, () => this.#compute.resumeRun(runId, ...this.#listeners()), false);
  }

  /** For checks the form makes itself (a spec that is not JSON). */
  reportError(error: { name: string; message: string }): void {
    this.#notices.error(error);
  }

  async cancel(): Promise<void> {
    await this.#compute.cancelRun();
  }

  async remove(runId: string): Promise<void> {
    try {
      await this.#compute.deleteRun(runId);
    } catch (error) {
      this.#notices.error(error);
    }
    await this.refresh();
  }

  async exportModel(runId: string): Promise<Blob | null> {
    try {
      return await this.#compute.exportRunModel(runId);
    } catch (error) {
      this.#notices.error(error);
      return null;
    }
  }

  async importModel(file: File): Promise<void> {
    const projectId = this.#projects.currentId;
    if (!projectId) return;
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const run = await this.#compute.importRunModel(Comlink.transfer(bytes, [bytes.buffer]), projectId, file.name.replace(/\.zip$/i, ''));
      this.selectedId = run.id;
    } catch (error) {
      this.#notices.error(error);
    }
    await this.refresh();
  }

  /** Predicts on the current de-identified outputs with the run's model and its dataset's recipe. */
  async infer(runId: string): Promise<void> {
    if (this.inferring) return;
    this.inferring = true;
    this.inference = null;
    const channel = new MessageChannel();
    try {
      await this.#imports.client.api.connectDeidOutputs(Comlink.transfer(channel.port1, [channel.port1]));
      this.inference = await this.#compute.inferWithRun(runId, Comlink.transfer(channel.port2, [channel.port2]), progressProxy((p) => (this.progress = p)));
    } catch (error) {
      this.#notices.error(error);
    } finally {
      this.inferring = false;
      this.progress = undefined;
    }
  }

  #listeners(): [ReturnType<typeof progressProxy>, (record: EpochRecord) => void] {
    return [
      progressProxy((p) => (this.progress = p)),
      listenerProxy((record: EpochRecord) => (this.liveHistory = [...this.liveHistory, record])),
    ];
  }

  async #track(runId: string, job: () => Promise<RunRecord>, fresh = true): Promise<void> {
    this.liveRunId = runId;
    if (fresh) this.liveHistory = [];
    this.selectedId = runId;
    try {
      const run = await job();
      if (run.status === 'failed' && run.reason) this.#notices.error(run.reason);
    } catch (error) {
      this.#notices.error(error);
    } finally {
      this.liveRunId = null;
      this.progress = undefined;
      await this.refresh();
    }
  }
}
