/**
 * A stored dataset as training batches: one scan is read from IndexedDB and decoded at a time
 * into the batch being filled, so a run never holds more than one batch of the dataset. The
 * training order is a permutation of (seed, epoch), so a resumed epoch yields the very batches
 * the interrupted one would have, starting at `fromBatch` without reading the earlier ones.
 */
import * as tf from '@tensorflow/tfjs';
import { decodeFromStorage } from '../dataset/storage-codec';
import { EnclaveError } from '../jobs';
import { shuffledOrder, type Batch, type TrainingData } from '../ml/train';
import type { DatasetsRepository } from '../store/datasets-repository';
import type { DatasetRecord, DatasetScanRecord } from '../store/schema';
import { scanTargets, splitRoles, splitsOf } from './training-labels';
import { sampleShapeOf, type ScanKind } from './training-request';

export interface LabelledScan {
  scanId: string;
  pseudonym: string;
  target: number;
  record: DatasetScanRecord;
}

export interface DatasetBatchesOptions {
  labelColumn: string;
  task: 'classification' | 'regression';
  batchSize: number;
  seed: number;
  validationFold?: number;
}

export interface DataSummary {
  samples: Record<string, number>;
  patients: Record<string, number>;
  /** Scans with no value in the label column, left out of every split. */
  unlabelled: number;
  classes?: string[];
  /** Training samples per class (classification). */
  classCounts?: number[];
}

export interface DatasetBatches {
  data: TrainingData;
  /** One split's batches in a fixed order, each with its scan ids: for evaluation and embeddings. */
  batches(split: 'train' | 'validation' | 'test'): AsyncIterable<Batch>;
  sampleShape: number[];
  classes?: string[];
  summary: DataSummary;
  /** The scans of each split, labelled. */
  items: Record<'train' | 'validation' | 'test', LabelledScan[]>;
}

export async function datasetBatches(repository: DatasetsRepository, dataset: DatasetRecord, options: DatasetBatchesOptions): Promise<DatasetBatches> {
  if (!(Number.isInteger(options.batchSize) && options.batchSize >= 1)) {
    throw new EnclaveError('InvalidInputError', `The batch size must be a whole number ≥ 1, not ${options.batchSize}.`);
  }
  const kind = ((dataset.recipe as { kind?: ScanKind } | null)?.kind ?? 'image') as ScanKind;
  const { targets, classes } = scanTargets(dataset, options.labelColumn, options.task);
  const splits = splitsOf(dataset);
  const roles = splitRoles(splits, options.validationFold);
  const scans = await repository.listScans(dataset.id);
  if (scans.length === 0) throw new EnclaveError('InvalidInputError', `Dataset "${dataset.name}" holds no scans; build it again.`);
  const sampleShape = sampleShapeOf(kind, scans[0]!.shape);
  const sampleSize = sampleShape.reduce((a, b) => a * b, 1);
  const items: DatasetBatches['items'] = { train: [], validation: [], test: [] };
  let unlabelled = 0;
  for (const record of scans) {
    const size = record.shape.reduce((a, b) => a * b, 1);
    if (size !== sampleSize) {
      throw new EnclaveError('InvalidInputError', `Scan ${record.scanId} has shape [${record.shape.join(', ')}], unlike the others ([${scans[0]!.shape.join(', ')}]); every sample must have the same size. Rebuild the dataset with a recipe that resizes to one size.`);
    }
    const target = targets.get(record.scanId);
    if (target === undefined) {
      unlabelled += 1;
      continue;
    }
    const split = splits.assignment[record.scanId];
    const role = split === undefined ? undefined
      : roles.train.includes(split) ? 'train' : split === roles.validation ? 'validation' : split === roles.test ? 'test' : undefined;
    if (role) items[role].push({ scanId: record.scanId, pseudonym: String(record.facts.pseudonym ?? record.scanId), target, record });
  }
  if (items.train.length === 0) {
    throw new EnclaveError('InvalidInputError', `No labelled scan of dataset "${dataset.name}" is in the training split; check the labels column "${options.labelColumn}" and the splits.`);
  }
  const classCounts = classes ? classes.map((_, k) => items.train.filter((s) => s.target === k).length) : undefined;
  const isClassification = options.task === 'classification';

  async function* batchesOf(list: readonly LabelledScan[]): AsyncGenerator<Batch> {
    for (let start = 0; start < list.length; start += options.batchSize) {
      const part = list.slice(start, start + options.batchSize);
      const x = new Float32Array(part.length * sampleSize);
      for (const [i, scan] of part.entries()) x.set(await readSample(repository, scan.record, sampleSize), i * sampleSize);
      const y = part.map((s) => s.target);
      yield {
        x: tf.tensor(x, [part.length, ...sampleShape], 'float32'),
        y: isClassification ? tf.tensor1d(y, 'int32') : tf.tensor1d(y, 'float32'),
        itemIds: part.map((s) => s.scanId),
      };
    }
  }

  const data: TrainingData = {
    train: ({ epoch, fromBatch }) => {
      const order = shuffledOrder(items.train.length, options.seed, epoch).map((i) => items.train[i]!);
      return batchesOf(order.slice(fromBatch * options.batchSize));
    },
    ...(items.validation.length > 0 ? { validation: () => batchesOf(items.validation) } : {}),
    trainCount: items.train.length,
    validationCount: items.validation.length,
    ...(classCounts ? { classCounts } : {}),
  };
  const patients = (list: LabelledScan[]) => new Set(list.map((s) => s.pseudonym)).size;
  return {
    data,
    batches: (split) => batchesOf(items[split]),
    sampleShape,
    classes,
    items,
    summary: {
      samples: { train: items.train.length, validation: items.validation.length, test: items.test.length },
      patients: { train: patients(items.train), validation: patients(items.validation), test: patients(items.test) },
      unlabelled,
      ...(classes ? { classes, classCounts } : {}),
    },
  };
}

async function readSample(repository: DatasetsRepository, record: DatasetScanRecord, sampleSize: number): Promise<Float32Array> {
  const { bytes } = await repository.readScan(record.datasetId, record.scanId);
  const grid = record.scale !== undefined && record.offset !== undefined ? { scale: record.scale, offset: record.offset } : undefined;
  const values = decodeFromStorage({ dtype: record.dtype, bytes, grid });
  if (values.length !== sampleSize) {
    throw new EnclaveError('InvalidInputError', `Scan ${record.scanId} holds ${values.length} values where ${sampleSize} were expected; rebuild the dataset.`);
  }
  return values;
}
