/**
 * The compute worker's training api, as the worker builds it, over a real small dataset: a run
 * trains, its model leaves as a zip and comes back as an imported run that predicts exactly the
 * same, inference gives one row per clip, and one run trains at a time.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { parseCsvTable } from '../../../src/lib/csv';
import type { EpochRecord } from '../../../src/lib/ml/train';
import { preprocessPlannedScan } from '../../../src/lib/workspace/dataset-preprocess';
import { createTrainingApi, type TrainingApi } from '../../../src/lib/workspace/run-api';
import type { TrainRequest } from '../../../src/lib/workspace/training-request';
import { buildTrainingFixture, TINY_VIDEO, type TrainingFixture } from './training-fixture';

let fixture: TrainingFixture;
let api: TrainingApi;
const connected: MessagePort[] = [];

beforeAll(async () => {
  fixture = await buildTrainingFixture();
  let ids = 0;
  api = createTrainingApi({
    openDatabase: async () => fixture.db,
    ready: async () => ({ backend: 'cpu' }),
    connect: (port) => {
      connected.push(port);
      return fixture.source;
    },
    preprocess: preprocessPlannedScan,
    enclaveVersion: '0.1.0-test',
    newId: () => `imported-${++ids}`,
  });
}, 120_000);

function request(runId: string, epochs = 1): TrainRequest {
  return {
    projectId: fixture.projectId, datasetId: fixture.datasetId, runId, name: runId, labelColumn: 'reduced_function', task: 'classification',
    model: TINY_VIDEO,
    train: { optimizer: 'adam', learningRate: 0.01, schedule: { kind: 'constant' }, epochs, batchSize: 4, loss: 'sigmoid-cross-entropy', seed: 3 },
  };
}

describe('createTrainingApi', () => {
  it('trains, exports, re-imports a model that predicts identically, and infers one row per clip', async () => {
    const epochs: EpochRecord[] = [];
    const run = await api.startRun(request('run-1'), undefined, (record) => epochs.push(record));
    expect(run.status).toBe('finished');
    expect(epochs.map((e) => e.epoch)).toEqual([1]);
    expect((await api.listRuns(fixture.projectId)).map((r) => [r.id, r.status])).toEqual([['run-1', 'finished']]);
    expect((await api.runDetails('run-1')).artifacts.map((a) => a.kind)).toEqual(['model-zip']);

    const zip = await api.exportRunModel('run-1');
    expect(zip.type).toBe('application/zip');
    const imported = await api.importRunModel(new Uint8Array(await zip.arrayBuffer()), fixture.projectId);
    expect(imported).toMatchObject({ id: 'run-imported-1', name: 'run-1', status: 'finished', origin: 'imported', datasetId: null, backend: 'cpu' });

    const baseline = tf.memory().numTensors;
    const original = await api.inferWithRun('run-1', new MessageChannel().port1);
    const again = await api.inferWithRun('run-imported-1', new MessageChannel().port1);
    expect(tf.memory().numTensors).toBe(baseline);
    expect(original.rows).toHaveLength(fixture.scanCount);
    expect(original.aggregation).toBe('whole-clip');
    expect(original.outputs).toEqual(['0', '1']);
    for (const row of original.rows) {
      expect(row.status).toBe('ok');
      expect(row.segments).toBe(1);
      expect(row.pseudonym).toMatch(/^ENC-/);
      expect(row.probabilities!['0']! + row.probabilities!['1']!).toBeCloseTo(1, 6);
      expect(row.predictedClass).toBe(row.probabilities!['1']! >= 0.5 ? '1' : '0');
    }
    expect(again.rows).toEqual(original.rows);
    const table = parseCsvTable(original.csv);
    expect(table.header).toEqual(['scan_id', 'pseudonym', 'study_instance_uid', 'p_0', 'p_1', 'predicted_class', 'segments', 'status', 'reason', 'message']);
    expect(table.rows).toHaveLength(fixture.scanCount);
    expect(connected.every((port) => port instanceof MessagePort)).toBe(true);

    await api.deleteRun('run-imported-1');
    await expect(api.exportRunModel('run-imported-1')).rejects.toMatchObject({ name: 'NotFoundError' });
  });

  it('trains one run at a time; cancelRun stops it resumable, resumeRun finishes it', async () => {
    const first = api.startRun(request('run-2', 2));
    await expect(api.startRun(request('run-3'))).rejects.toMatchObject({
      name: 'InvalidInputError', message: 'Run run-2 is training; cancel it or wait for it to finish before starting another.',
    });
    expect(await api.trainingRunId()).toBe('run-2');
    await api.cancelRun();
    const cancelled = await first;
    expect(cancelled.status).toBe('cancelled');
    expect(await api.trainingRunId()).toBeNull();
    await expect(api.deleteRun('run-3')).rejects.toMatchObject({ name: 'NotFoundError' });
    const resumed = await api.resumeRun('run-2');
    expect(resumed.status).toBe('finished');
    expect(resumed.history?.map((r) => r.epoch)).toEqual([1, 2]);
    await expect(api.resumeRun('run-2')).rejects.toMatchObject({ name: 'InvalidInputError', message: 'Run "run-2" has already finished.' });
  });
});
