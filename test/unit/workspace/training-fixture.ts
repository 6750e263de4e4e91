/**
 * A small real dataset in fake IndexedDB, made the way the app makes one: synthetic echo studies
 * → import → de-identify → build with the real DICOM preprocessing and a small cine recipe →
 * labels from the sample CSV (keyed by original IDs) → patient-level splits.
 */
import * as tf from '@tensorflow/tfjs';
import { defaultPolicy } from '../../../src/lib/deid/policy';
import type { ModelSpec } from '../../../src/lib/ml/models';
import { ECHO_CLIP_32, type PreprocessRecipe } from '../../../src/lib/preprocess/recipe';
import type { DatasetItemRef } from '../../../src/lib/preprocess/labels';
import { DatasetsRepository } from '../../../src/lib/store/datasets-repository';
import { ProjectsRepository } from '../../../src/lib/store/projects-repository';
import type { EnclaveDB } from '../../../src/lib/store/schema';
import { generateSampleSet, type SampleSetOptions } from '../../../src/lib/synthetic';
import { buildDataset, type DeidOutputSource } from '../../../src/lib/workspace/dataset-build';
import { importDatasetLabels } from '../../../src/lib/workspace/dataset-labels';
import { preprocessPlannedScan } from '../../../src/lib/workspace/dataset-preprocess';
import { splitsDocument } from '../../../src/lib/workspace/dataset-splits';
import { DeidSession } from '../../../src/lib/workspace/deid-session';
import { ImportSession } from '../../../src/lib/workspace/import-session';
import { openFresh, sequentialIds } from '../store/helpers';

/** The built-in small echo recipe (8 frames over the loop, sector, 32×32, z-score). */
export const SMALL_CINE_RECIPE: PreprocessRecipe = ECHO_CLIP_32;

/** A tiny frame-pool network: small enough for a unit test, real enough to train on clips. */
export const TINY_VIDEO: ModelSpec = {
  family: 'video-frame-pool', input: [1, 1, 1, 1], temporal: 'conv1d', temporalKernel: 3, temporalFilters: 4,
  backbone: { family: 'resnet-small', blocksPerStage: [1], baseFilters: 4 },
  head: { task: 'classification', classes: 1, activation: 'sigmoid' }, dropout: 0, seed: 5,
};

export interface TrainingFixture {
  db: EnclaveDB;
  datasets: DatasetsRepository;
  projectId: string;
  datasetId: string;
  /** The de-identified outputs, as the ingest worker serves them. */
  source: DeidOutputSource;
  scanCount: number;
}

export async function buildTrainingFixture(
  sample: SampleSetOptions = { patients: 8, echoStudies: 12, ct: false, mr: false },
  recipe: PreprocessRecipe = SMALL_CINE_RECIPE,
  /** The project secret: another one gives other pseudonyms, and so other patient splits. */
  secretByte = 9,
): Promise<TrainingFixture> {
  await tf.setBackend('cpu');
  const set = await generateSampleSet(sample);
  const imports = new ImportSession();
  await imports.add(set.files.map((f) => ({ blob: new Blob([f.bytes as BlobPart]), path: `sample/${f.path}` })));
  const deid = new DeidSession(imports);
  await deid.run({ policy: defaultPolicy(), secret: new Uint8Array(32).fill(secretByte) });
  const source: DeidOutputSource = {
    items: async () => deid.outputs.items(),
    bytes: async (path) => {
      const bytes = deid.output(path);
      if (!bytes) throw new Error(`no output ${path}`);
      return bytes;
    },
  };
  const { db } = await openFresh();
  const project = await new ProjectsRepository(db, { newId: sequentialIds('p') }).create('Echo');
  const datasets = new DatasetsRepository(db);
  const datasetId = 'dataset-1';
  const report = await buildDataset(
    { projectId: project.id, datasetId, name: 'Echo 32', recipe },
    { source, repository: datasets, preprocess: preprocessPlannedScan },
  );
  if (report.failures.length > 0) throw new Error(JSON.stringify(report.failures));
  const scans = await datasets.listScans(datasetId);
  const items: DatasetItemRef[] = scans.map((scan) => ({
    itemId: scan.scanId, patientPseudonym: String(scan.facts.pseudonym), studyUid: String(scan.facts.studyInstanceUid), filePaths: [String(scan.facts.file)],
  }));
  const outcome = importDatasetLabels(deid.outputs, set.labelsCsv, items);
  if (!outcome.result.ok) throw new Error(JSON.stringify(outcome.result.errors.slice(0, 3)));
  const labels = { schema: outcome.schema, labels: outcome.result.labels, summary: outcome.result.summary };
  const splits = splitsDocument(scans, labels, { seed: 3, method: 'holdout', stratify: true, fractions: { train: 0.5, validation: 0.25, test: 0.25 } });
  await datasets.update(datasetId, JSON.parse(JSON.stringify({ labels, splits })) as never);
  return { db, datasets, projectId: project.id, datasetId, source, scanCount: scans.length };
}
