import { QuickLabelSession, classByItem } from '../lib/preprocess/labels';
import { quickLabelsDocument } from '../lib/workspace/dataset-quick-labels';
import type { DatasetsState } from './datasets.svelte';
import type { EngineState } from './engine.svelte';
import type { NoticesState } from './notices.svelte';

export interface ShownFrame {
  op: string;
  frame: number;
  frames: number;
  rows: number;
  columns: number;
  channels: number;
  data: Float32Array;
}

/**
 * Keyboard labelling of the selected dataset's scans: 1–9 set a class and move on, arrows move,
 * Backspace clears, z undoes. The scan shown is the stored tensor, as a model will see it.
 */
export class QuickLabelState {
  session = $state.raw<QuickLabelSession | null>(null);
  /** Bumped on every change, since the session object itself stays the same. */
  version = $state(0);
  frame = $state.raw<ShownFrame | null>(null);
  column = $state('label');
  classesText = $state('normal, reduced');
  #datasets: DatasetsState;
  #engine: EngineState;
  #notices: NoticesState;

  constructor(datasets: DatasetsState, engine: EngineState, notices: NoticesState) {
    this.#datasets = datasets;
    this.#engine = engine;
    this.#notices = notices;
  }

  async start(): Promise<void> {
    try {
      const classes = this.classesText.split(',').map((c) => c.trim()).filter(Boolean);
      const existing = this.#datasets.labelsOf(this.#datasets.selected);
      const initial = existing?.labels.columns.some((c) => c.name === this.column) ? classByItem(existing.labels, this.column) : undefined;
      this.session = new QuickLabelSession({ itemIds: this.#datasets.scans.map((s) => s.scanId), classes, initial });
      this.version++;
      await this.#show();
    } catch (error) {
      this.#notices.error(error);
    }
  }

  /** Returns whether the key was used, so the view only swallows the keys it handles. */
  press(key: string): boolean {
    const session = this.session;
    if (!session) return false;
    const handled = key === 'z' ? session.undo() : session.press(key);
    if (handled) {
      this.version++;
      void this.#show();
    }
    return handled;
  }

  async save(): Promise<void> {
    const session = this.session;
    if (!session) return;
    await this.#datasets.saveLabels(quickLabelsDocument(this.column, session.classes, session.snapshot(), this.#datasets.scans));
    this.session = null;
    this.frame = null;
  }

  async #show(): Promise<void> {
    const datasetId = this.#datasets.selectedId;
    const itemId = this.session?.currentItemId;
    if (!datasetId || !itemId) return;
    try {
      this.frame = await this.#engine.client.api.scanFrame(datasetId, itemId);
    } catch (error) {
      this.#notices.error(error);
    }
  }
}
