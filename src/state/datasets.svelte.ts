import * as Comlink from 'comlink';
import type { Progress } from '../lib/jobs';
import { BUILTIN_RECIPES, type PreprocessRecipe } from '../lib/preprocess/recipe';
import type { PreviewFrame } from '../lib/preprocess/run';
import type { DatasetItemRef, ImportedLabels, LabelImportSummary, LabelSchema } from '../lib/preprocess/labels';
import type { DatasetRecord, DatasetScanRecord } from '../lib/store/schema';
import type { BuildDatasetReport } from '../lib/workspace/dataset-build';
import type { DatasetLabelImport } from '../lib/workspace/dataset-labels';
import type { DirectoryLike } from '../lib/workspace/deid-folder';
import { jsonFileText, labelsJson, labelsMetadataCsv, type ExportItem } from '../lib/dataset/exports';
import type { SplitName } from '../lib/preprocess/splits';
import { progressProxy } from '../bridge/worker-client';
import type { EngineState } from './engine.svelte';
import type { ImportsState } from './imports.svelte';
import type { NoticesState } from './notices.svelte';
import type { ProjectsState } from './projects.svelte';
import { splitsDocument, type SplitRequest, type SplitsDocument } from '../lib/workspace/dataset-splits';

export interface DatasetListEntry {
  record: DatasetRecord;
  size: { scans: number; byteLength: number };
}

export interface RecipePreview {
  scanId: string;
  scans: number;
  frames: PreviewFrame[];
}

/** What a dataset keeps of an import: the translated labels, the mapping used, and the summary. */
export interface LabelsDocument {
  schema: LabelSchema;
  labels: ImportedLabels;
  summary: LabelImportSummary;
}

/**
 * The dataset step: a recipe (JSON, from a built-in start), the build in the compute worker fed
 * by the ingest worker's de-identified outputs over a MessageChannel, and per dataset its
 * labels, patient-level splits and export. Datasets live in IndexedDB and survive a reload.
 */
export class DatasetsState {
  recipeJson = $state(JSON.stringify(BUILTIN_RECIPES[0], null, 2));
  modalities = $state('');
  list = $state.raw<DatasetListEntry[]>([]);
  selectedId = $state<string | null>(null);
  scans = $state.raw<DatasetScanRecord[]>([]);
  progress = $state<Progress | undefined>(undefined);
  building = $state(false);
  lastBuild = $state.raw<BuildDatasetReport | null>(null);
  lastLabelImport = $state.raw<DatasetLabelImport | null>(null);
  preview = $state.raw<RecipePreview | null>(null);
  previewing = $state(false);
  selected = $derived(this.list.find((d) => d.record.id === this.selectedId) ?? null);
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

  useBuiltin(recipe: PreprocessRecipe): void {
    this.recipeJson = JSON.stringify(recipe, null, 2);
  }

  async refresh(): Promise<void> {
    const projectId = this.#projects.currentId;
    if (!projectId) return;
    try {
      this.list = await this.#compute.listDatasets(projectId);
      if (this.selectedId && !this.list.some((d) => d.record.id === this.selectedId)) this.selectedId = null;
      this.selectedId ??= this.list.at(-1)?.record.id ?? null;
      this.scans = this.selectedId ? await this.#compute.datasetScans(this.selectedId) : [];
    } catch (error) {
      this.#notices.error(error);
    }
  }

  async select(id: string): Promise<void> {
    this.selectedId = id;
    this.lastLabelImport = null;
    await this.refresh();
  }

  async build(name: string): Promise<void> {
    const projectId = this.#projects.currentId;
    if (this.building) return;
    if (!projectId) {
      // Datasets belong to a project; a silent no-op here left people clicking a button that did nothing.
      this.#notices.error({ name: 'InvalidInputError', message: 'Create or choose a project first (top of the page): a dataset is saved in a project.' });
      return;
    }
    this.building = true;
    this.lastBuild = null;
    const channel = new MessageChannel();
    try {
      await this.#imports.client.api.connectDeidOutputs(Comlink.transfer(channel.port1, [channel.port1]));
      const datasetId = `dataset-${crypto.randomUUID()}`;
      const modalities = this.modalities.split(/[\s,]+/).filter(Boolean);
      this.lastBuild = await this.#compute.buildDataset(
        { projectId, datasetId, name: name.trim() || 'Dataset', recipeJson: this.recipeJson, modalities },
        Comlink.transfer(channel.port2, [channel.port2]),
        progressProxy((p) => (this.progress = p)),
      );
      this.selectedId = datasetId;
    } catch (error) {
      this.#notices.error(error);
    } finally {
      this.building = false;
      this.progress = undefined;
      await this.refresh();
    }
  }

  async cancel(): Promise<void> {
    await this.#compute.cancelDatasetBuild();
  }

  /** Runs the recipe on one scan of the current outputs and keeps one frame after each step. */
  async previewRecipe(scanIndex: number, frameIndex: number): Promise<void> {
    if (this.previewing) return;
    this.previewing = true;
    const channel = new MessageChannel();
    try {
      await this.#imports.client.api.connectDeidOutputs(Comlink.transfer(channel.port1, [channel.port1]));
      const modalities = this.modalities.split(/[\s,]+/).filter(Boolean);
      this.preview = await this.#compute.previewRecipe(this.recipeJson, Comlink.transfer(channel.port2, [channel.port2]), { scanIndex, frameIndex, modalities });
    } catch (error) {
      this.preview = null;
      this.#notices.error(error);
    } finally {
      this.previewing = false;
    }
  }

  async remove(id: string): Promise<void> {
    try {
      await this.#compute.deleteDataset(id);
      if (this.selectedId === id) this.selectedId = null;
    } catch (error) {
      this.#notices.error(error);
    }
    await this.refresh();
  }

  /** Imports labels for the selected dataset: all or nothing; a failure lists every bad row. */
  async importLabels(csvText: string, schema?: LabelSchema): Promise<void> {
    const id = this.selectedId;
    if (!id) return;
    try {
      const items: DatasetItemRef[] = this.scans.map((scan) => ({
        itemId: scan.scanId,
        patientPseudonym: String(scan.facts.pseudonym ?? ''),
        studyUid: String(scan.facts.studyInstanceUid ?? ''),
        filePaths: [String(scan.facts.file ?? '')],
      }));
      const outcome = await this.#imports.client.api.importDatasetLabels(csvText, items, schema);
      this.lastLabelImport = outcome;
      if (outcome.result.ok) await this.saveLabels({ schema: outcome.schema, labels: outcome.result.labels, summary: outcome.result.summary });
    } catch (error) {
      this.#notices.error(error);
    }
  }

  /** Replaces the selected dataset's labels (from a CSV import or the quick-label view). */
  async saveLabels(document: LabelsDocument): Promise<void> {
    const id = this.selectedId;
    if (!id) return;
    try {
      await this.#compute.saveDatasetAnnotations(id, { labels: document });
      await this.refresh();
    } catch (error) {
      this.#notices.error(error);
    }
  }

  labelsOf(entry: DatasetListEntry | null): LabelsDocument | null {
    return (entry?.record.labels as unknown as LabelsDocument | undefined) ?? null;
  }

  splitsOf(entry: DatasetListEntry | null): SplitsDocument | null {
    return (entry?.record.splits as unknown as SplitsDocument | undefined) ?? null;
  }

  async makeSplits(request: SplitRequest): Promise<void> {
    const id = this.selectedId;
    if (!id) return;
    try {
      const document = splitsDocument(this.scans, this.labelsOf(this.selected), request);
      await this.#compute.saveDatasetAnnotations(id, { splits: document });
      await this.refresh();
    } catch (error) {
      this.#notices.error(error);
    }
  }

  /** The same export written into a folder (File System Access API); the number of files, or null. */
  async exportToFolder(folder: DirectoryLike, options: { mp4: boolean; layout: 'auto' | 'per-scan' | 'stacked' }): Promise<number | null> {
    const entry = this.selected;
    if (!entry) return null;
    try {
      const extraFiles = exportAnnotations(this.scans, this.labelsOf(entry), this.splitsOf(entry));
      const written = await this.#compute.exportDatasetToFolder(entry.record.id, folder, { ...options, extraFiles }, progressProxy((p) => (this.progress = p)));
      return written.files;
    } catch (error) {
      this.#notices.error(error);
      return null;
    } finally {
      this.progress = undefined;
    }
  }

  async exportZip(options: { mp4: boolean; layout: 'auto' | 'per-scan' | 'stacked' }): Promise<Blob | null> {
    const entry = this.selected;
    if (!entry) return null;
    try {
      const extraFiles = exportAnnotations(this.scans, this.labelsOf(entry), this.splitsOf(entry));
      return await this.#compute.exportDataset(entry.record.id, { ...options, extraFiles }, progressProxy((p) => (this.progress = p)));
    } catch (error) {
      this.#notices.error(error);
      return null;
    } finally {
      this.progress = undefined;
    }
  }
}

/** labels.csv (one row per scan: split, labels, modality), labels.json and splits.json. */
function exportAnnotations(scans: readonly DatasetScanRecord[], labels: LabelsDocument | null, splits: SplitsDocument | null): Record<string, string> {
  const items: ExportItem[] = scans.map((scan) => ({
    itemId: scan.scanId,
    patientPseudonym: String(scan.facts.pseudonym ?? ''),
    studyUid: String(scan.facts.studyInstanceUid ?? ''),
    metadata: { modality: String(scan.facts.modality ?? ''), shape: scan.shape.join('x') },
  }));
  const splitOf = splits?.splits ? new Map(Object.entries(splits.assignment) as [string, SplitName][]) : undefined;
  const files: Record<string, string> = {
    'labels.csv': labelsMetadataCsv({ items, labels: labels?.labels, metadataColumns: ['modality', 'shape'], splitOf }),
  };
  if (labels) files['labels.json'] = jsonFileText(labelsJson({ items, labels: labels.labels }));
  if (splits) files['splits.json'] = jsonFileText(splits);
  return files;
}
