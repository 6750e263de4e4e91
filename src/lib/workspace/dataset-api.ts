/**
 * The dataset worker's api: build a dataset from the de-identified outputs the ingest worker
 * serves over a MessagePort, list and delete datasets, and export one as a zip. The worker file
 * supplies what only a browser has (the port wrapper, the tfjs backend, WebCodecs).
 */
import { EnclaveError, type ProgressCallback } from '../jobs';
import { validateRecipe } from '../preprocess/recipe';
import { DatasetsRepository, type EnclaveDB } from '../store';
import { buildDataset, type BuildDatasetReport, type DeidOutputSource, type ScanPreprocessor } from './dataset-build';
import { exportDatasetZip, type DatasetExportOptions } from './dataset-export';
import { planScans } from './dataset-plan';

export interface DatasetApiDeps {
  openDatabase: () => Promise<EnclaveDB>;
  /** Makes the tfjs backend ready (selects it once); the recipe's tensor steps need it. */
  ready: () => Promise<unknown>;
  connect: (port: MessagePort) => DeidOutputSource;
  preprocess: ScanPreprocessor;
  encodeMp4?: DatasetExportOptions['encodeMp4'];
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
    async listDatasets(projectId: string) {
      const repo = await datasets();
      const records = await repo.listByProject(projectId);
      return Promise.all(records.map(async (record) => ({ record, size: await repo.size(record.id) })));
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
