/**
 * The dataset worker's api: build a dataset from the de-identified outputs the ingest worker
 * serves over a MessagePort, list and delete datasets, and export one as a zip. The worker file
 * supplies what only a browser has (the port wrapper, the tfjs backend, WebCodecs).
 */
import { EnclaveError, type ProgressCallback } from '../jobs';
import { validateRecipe, type ScanKind } from '../preprocess/recipe';
import { previewRecipe, type ScanInput } from '../preprocess/run';
import { DatasetsRepository, type EnclaveDB } from '../store';
import { buildDataset, type BuildDatasetReport, type DeidOutputSource, type ScanPreprocessor } from './dataset-build';
import { decodeFromStorage } from '../dataset/storage-codec';
import { datasetExportEntries, exportDatasetZip, type DatasetExportOptions } from './dataset-export';
import { writeEntriesToDirectory, type DirectoryLike } from './deid-folder';
import { planScans, type PlannedScan } from './dataset-plan';

export interface DatasetApiDeps {
  openDatabase: () => Promise<EnclaveDB>;
  /** Makes the tfjs backend ready (selects it once); the recipe's tensor steps need it. */
  ready: () => Promise<unknown>;
  connect: (port: MessagePort) => DeidOutputSource;
  preprocess: ScanPreprocessor;
  /** The recipe input of a planned scan (decode, order slices), for the step-by-step preview. */
  scanInput: (scan: PlannedScan, read: (path: string) => Promise<Uint8Array>, kind: ScanKind) => Promise<ScanInput>;
  encodeMp4?: DatasetExportOptions['encodeMp4'];
  /** Marks buffers to transfer with a return value (Comlink.transfer in the worker). */
  transfer: <T>(value: T, buffers: Transferable[]) => T;
}

export interface BuildRequestMessage {
  projectId: string;
  datasetId: string;
  name: string;
  /** The recipe as JSON text: validated here, where it runs. */
  recipeJson: string;
  modalities?: string[];
}

export function createDatasetApi(deps: DatasetApiDeps) {
  let repository: Promise<DatasetsRepository> | undefined;
  const datasets = () => (repository ??= deps.openDatabase().then((db) => new DatasetsRepository(db)));
  let building: AbortController | undefined;
  let exporting: AbortController | undefined;

  return {
    /** Builds and stores a dataset; cancelDatasetBuild() stops it between scans, keeping what is stored. */
    async buildDataset(request: BuildRequestMessage, port: MessagePort, onProgress?: ProgressCallback): Promise<BuildDatasetReport> {
      const recipe = validateRecipe(parseJson(request.recipeJson));
      await deps.ready();
      building = new AbortController();
      try {
        return await buildDataset(
          { projectId: request.projectId, datasetId: request.datasetId, name: request.name, recipe, modalities: request.modalities },
          { source: deps.connect(port), repository: await datasets(), preprocess: deps.preprocess },
          { signal: building.signal, onProgress },
        );
      } finally {
        building = undefined;
        port.close();
      }
    },
    async cancelDatasetBuild() {
      building?.abort();
    },
    /** How many scans a recipe would make of the current outputs, before building. */
    async planDataset(recipeJson: string, port: MessagePort, modalities: string[] = []) {
      const recipe = validateRecipe(parseJson(recipeJson));
      try {
        const plan = planScans(await deps.connect(port).items(), recipe.kind, modalities);
        return { scans: plan.length, modalities: [...new Set(plan.map((s) => s.facts.modality))] };
      } finally {
        port.close();
      }
    },
    /**
     * One frame after each step of the recipe, on the `scanIndex`-th scan the recipe would make
     * of the current outputs: the recipe editor's preview. Frames are transferred, not copied.
     */
    async previewRecipe(recipeJson: string, port: MessagePort, options: { scanIndex?: number; frameIndex?: number; modalities?: string[] } = {}) {
      const recipe = validateRecipe(parseJson(recipeJson));
      await deps.ready();
      try {
        const source = deps.connect(port);
        const plan = planScans(await source.items(), recipe.kind, options.modalities ?? []);
        const scan = plan[options.scanIndex ?? 0];
        if (!scan) throw new EnclaveError('NotFoundError', `There is no scan ${(options.scanIndex ?? 0) + 1} for this ${recipe.kind} recipe (${plan.length} in all).`);
        const frames = await previewRecipe(await deps.scanInput(scan, (path) => source.bytes(path), recipe.kind), recipe, options.frameIndex ?? 0);
        return deps.transfer({ scanId: scan.scanId, scans: plan.length, frames }, frames.map((f) => f.data.buffer as ArrayBuffer));
      } finally {
        port.close();
      }
    },
    async listDatasets(projectId: string) {
      const repo = await datasets();
      const records = await repo.listByProject(projectId);
      return Promise.all(records.map(async (record) => ({ record, size: await repo.size(record.id) })));
    },
    /** One frame of a stored scan (the middle one by default), as the model will see it. */
    async scanFrame(datasetId: string, scanId: string, frameIndex?: number) {
      const { scan, bytes } = await (await datasets()).readScan(datasetId, scanId);
      const grid = scan.scale !== undefined && scan.offset !== undefined ? { scale: scan.scale, offset: scan.offset } : undefined;
      const values = decodeFromStorage({ dtype: scan.dtype, bytes, grid });
      const [frames = 1, rows = 1, columns = 1, channels = 1] = scan.shape.length === 4 ? scan.shape : [1, ...scan.shape];
      const frame = Math.min(frames - 1, Math.max(0, frameIndex ?? Math.floor(frames / 2)));
      const size = rows * columns * channels;
      const data = values.slice(frame * size, (frame + 1) * size);
      return deps.transfer({ op: scanId, frame, frames, rows, columns, channels, data }, [data.buffer]);
    },
    async datasetScans(datasetId: string) {
      return (await datasets()).listScans(datasetId);
    },
    async deleteDataset(datasetId: string) {
      await (await datasets()).delete(datasetId);
    },
    async saveDatasetAnnotations(datasetId: string, changes: { labels?: unknown; splits?: unknown }) {
      const json = JSON.parse(JSON.stringify(changes)) as { labels?: never; splits?: never };
      return (await datasets()).update(datasetId, json);
    },
    async exportDataset(datasetId: string, options: { layout?: DatasetExportOptions['layout']; mp4?: boolean; extraFiles?: Record<string, string> } = {}, onProgress?: ProgressCallback): Promise<Blob> {
      exporting = new AbortController();
      try {
        const bytes = await exportDatasetZip(datasetId, await datasets(), {
          layout: options.layout, extraFiles: options.extraFiles, encodeMp4: options.mp4 ? deps.encodeMp4 : undefined,
          signal: exporting.signal, onProgress,
        });
        return new Blob([bytes as BlobPart], { type: 'application/zip' });
      } finally {
        exporting = undefined;
      }
    },
    /** The same files as the zip, written into a folder the person chose (File System Access API). */
    async exportDatasetToFolder(datasetId: string, folder: DirectoryLike, options: { layout?: DatasetExportOptions['layout']; mp4?: boolean; extraFiles?: Record<string, string> } = {}, onProgress?: ProgressCallback) {
      exporting = new AbortController();
      try {
        const entries = await datasetExportEntries(datasetId, await datasets(), {
          layout: options.layout, extraFiles: options.extraFiles, encodeMp4: options.mp4 ? deps.encodeMp4 : undefined,
          signal: exporting.signal, onProgress,
        });
        return await writeEntriesToDirectory(folder, entries, { signal: exporting.signal, onProgress });
      } finally {
        exporting = undefined;
      }
    },
    async cancelDatasetExport() {
      exporting?.abort();
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new EnclaveError('RecipeError', 'The recipe is not valid JSON; check the brackets and quotes, or start again from a built-in recipe.');
  }
}
