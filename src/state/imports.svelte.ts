import type { SeriesMetadataRow } from '../lib/dicom/metadata';
import type { ImportInput } from '../lib/ingest';
import type { Progress } from '../lib/jobs';
import type { ImportReport, ImportSnapshot, Viewable } from '../lib/workspace/viewables';
import { createIngestClient, inputsFromEntries, inputsFromFiles } from '../bridge/ingest';
import { progressProxy } from '../bridge/worker-client';
import type { NoticesState } from './notices.svelte';

const REFRESH_DURING_IMPORT_MS = 2000;

/**
 * What this tab has imported: the study tree, other scans, skipped files and the metadata
 * table, as the ingest worker reports them. The files themselves stay in the worker as handles.
 */
export class ImportsState {
  snapshot = $state.raw<ImportSnapshot | null>(null);
  viewables = $state.raw<Viewable[]>([]);
  metadata = $state.raw<SeriesMetadataRow[]>([]);
  progress = $state<Progress | undefined>(undefined);
  importing = $state(false);
  lastReport = $state<ImportReport | null>(null);

  readonly client = createIngestClient((message) => this.#notices.error({ name: 'WorkerCrashedError', message: `The import worker stopped: ${message}` }));
  #notices: NoticesState;

  constructor(notices: NoticesState) {
    this.#notices = notices;
  }

  async importEntries(entries: FileSystemEntry[]): Promise<void> {
    await this.#run(() => inputsFromEntries(entries));
  }

  async importFiles(files: File[]): Promise<void> {
    await this.#run(async () => inputsFromFiles(files));
  }

  /** Files the app already holds with their paths, e.g. the bundled sample set. */
  async importInputs(inputs: ImportInput[]): Promise<void> {
    await this.#run(async () => inputs);
  }

  /** Keeps what was already read; the worker stops between two files. */
  async cancel(): Promise<void> {
    await this.client.api.cancel();
  }

  async clear(): Promise<void> {
    await this.client.api.clear();
    await this.refresh();
  }

  async refresh(): Promise<void> {
    const api = this.client.api;
    const [snapshot, viewables, metadata] = await Promise.all([api.snapshot(), api.viewables(), api.metadataTable()]);
    this.snapshot = snapshot;
    this.viewables = viewables;
    this.metadata = metadata;
  }

  async metadataCsv(includeIdentifiers: boolean): Promise<string> {
    return this.client.api.metadataCsv({ includeIdentifiers });
  }

  async #run(collect: () => Promise<ImportInput[]>): Promise<void> {
    if (this.importing) return;
    this.importing = true;
    try {
      const inputs = await collect();
      this.progress = { stage: 'scan', done: 0, total: inputs.length };
      // Show the tree growing during a long import; the worker answers between two files.
      const refresher = setInterval(() => void this.refresh(), REFRESH_DURING_IMPORT_MS);
      try {
        this.lastReport = await this.client.api.add(inputs, progressProxy((p) => (this.progress = p)));
      } finally {
        clearInterval(refresher);
      }
      await this.refresh();
    } catch (error) {
      this.#notices.error(error);
    } finally {
      this.importing = false;
      this.progress = undefined;
    }
  }
}
