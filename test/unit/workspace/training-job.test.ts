/**
 * Training runs over a real (small) dataset in fake IndexedDB: a run finishes with per-epoch
 * history, evaluation reports and a stored model; memory returns to its baseline; a cancel at a
 * batch boundary leaves a resumable checkpoint, and the resumed run ends as the uninterrupted
 * one does; a batch too large for the GPU fails the run with a message naming a smaller batch.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { ClassificationReport } from '../../../src/lib/ml/metrics';
import { importModelZip } from '../../../src/lib/ml/model-io';
import type { ModelSpec } from '../../../src/lib/ml/models';
import type { EpochRecord } from '../../../src/lib/ml/train';
import { RunsRepository } from '../../../src/lib/store/runs-repository';
import { decodeCheckpoint } from '../../../src/lib/workspace/training-checkpoint';
import { resumeTrainingRun, startTrainingRun, type TrainingDeps } from '../../../src/lib/workspace/training-job';
import type { TrainRequest } from '../../../src/lib/workspace/training-request';
import { buildTrainingFixture, type TrainingFixture } from './training-fixture';

let fixture: TrainingFixture;
let deps: TrainingDeps;
beforeAll(async () => {
  fixture = await buildTrainingFixture();
  deps = { runs: new RunsRepository(fixture.db, () => 1_700_000_000_000), datasets: fixture.datasets, enclaveVersion: '0.1.0-test' };
}, 120_000);

/** A tiny frame-pool network: small enough for a unit test, real enough to train on clips. */
export const TINY_VIDEO: ModelSpec = {
  family: 'video-frame-pool', input: [1, 1, 1, 1], temporal: 'conv1d', temporalKernel: 3, temporalFilters: 4,
  backbone: { family: 'resnet-small', blocksPerStage: [1], baseFilters: 4 },
  head: { task: 'classification', classes: 1, activation: 'sigmoid' }, dropout: 0, seed: 5,
};

function request(runId: string, overrides: Partial<TrainRequest> = {}): TrainRequest {
  return {
    projectId: fixture.projectId, datasetId: fixture.datasetId, runId, name: `Run ${runId}`, labelColumn: 'reduced_function',
    task: 'classification', model: TINY_VIDEO,
    train: { optimizer: 'adam', learningRate: 0.01, schedule: { kind: 'constant' }, epochs: 2, batchSize: 4, loss: 'sigmoid-cross-entropy', seed: 7, classWeights: 'balanced' },
    ...overrides,
  };
}

describe('startTrainingRun', () => {
  it('finishes: history per epoch, evaluation of both splits, model stored with its card, memory back to baseline', async () => {
    const baseline = tf.memory().numTensors;
    const epochs: EpochRecord[] = [];
    const checkpointsSeen: (string | undefined)[] = [];
    const run = await startTrainingRun(request('run-a'), deps, {
      onEpoch: (record) => { epochs.push(record); },
      onProgress: (p) => { if (p.stage === 'epoch') void deps.runs.get('run-a').then((r) => checkpointsSeen.push(r.checkpointArtifactId)); },
    });
    expect(tf.memory().numTensors).toBe(baseline);
    expect(run.status).toBe('finished');
    expect(run.history?.map((r) => r.epoch)).toEqual([1, 2]);
    expect(run.history).toEqual(epochs);
    expect(epochs[1]!.numTensors).toBe(epochs[0]!.numTensors);
    expect(run.data).toEqual({
      samples: { train: 7, validation: 3, test: 2 }, patients: { train: 4, validation: 2, test: 2 }, unlabelled: 0, classes: ['0', '1'], classCounts: [5, 2],
    });
    expect(run.config?.model.input).toEqual([8, 32, 32, 1]);
    const validation = run.evaluation?.validation as ClassificationReport;
    const test = run.evaluation?.test as ClassificationReport;
    expect([validation.task, validation.count, test.count]).toEqual(['classification', 3, 2]);
    expect(validation.confusion.items.flat(2).sort()).toHaveLength(3);
    expect(validation.calibration.bins.length).toBeGreaterThan(0);
    expect(validation.atThreshold?.threshold).toBe(0.5);
    // The checkpoint existed during the run; the finished run keeps only its model.
    expect(checkpointsSeen.length).toBeGreaterThan(0);
    expect(run.checkpointArtifactId).toBeUndefined();
    const artifacts = await deps.runs.artifactsOf('run-a');
    expect(artifacts.map((a) => [a.id, a.kind])).toEqual([['run-a/model', 'model-zip']]);
    const { model, card } = await importModelZip(await deps.runs.readArtifact(run.modelArtifactId!));
    model.dispose();
    expect(card).toMatchObject({
      name: 'Run run-a', task: 'classification', classes: ['0', '1'], inputShape: [8, 32, 32, 1], backend: 'cpu',
      versions: { enclave: '0.1.0-test', tfjs: tf.version.tfjs },
      dataSummary: { datasetName: 'Echo 32', samples: { train: 7, validation: 3, test: 2 }, classCounts: { 0: 5, 1: 2 } },
    });
    expect(card?.recipe).toMatchObject({ kind: 'cine', name: 'Echo clip 32×32, 8 frames' });
    expect(card?.metrics['validation.count']).toBe(3);
    expect(card?.metrics['test.confusion']).toEqual(test.confusion.counts);
    expect(JSON.stringify(card)).not.toContain('ENC-');
  });

  it('cancels at a batch boundary with a checkpoint, and the resumed run ends as an uninterrupted one', async () => {
    const full = await startTrainingRun(request('run-full'), deps);
    const controller = new AbortController();
    const cancelled = await startTrainingRun(request('run-b'), deps, {
      signal: controller.signal,
      // Epoch 2 (of 2 batches each), after its first batch.
      onProgress: (p) => { if (p.stage === 'batch' && p.message?.startsWith('Epoch 2/') && p.done === 1) controller.abort(); },
    });
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.reason).toEqual({ name: 'CancelledError', message: 'Cancelled in epoch 2 after 1 batches; resume to continue from there.' });
    expect(cancelled.checkpointPosition).toEqual({ epoch: 1, batch: 1 });
    expect(cancelled.history?.map((r) => r.epoch)).toEqual([1]);
    const checkpoint = decodeCheckpoint(await deps.runs.readArtifact(cancelled.checkpointArtifactId!));
    expect(checkpoint.position).toEqual({ epoch: 1, batch: 1 });
    const baseline = tf.memory().numTensors;
    const resumed = await resumeTrainingRun('run-b', deps);
    expect(tf.memory().numTensors).toBe(baseline);
    expect(resumed.status).toBe('finished');
    expect(resumed.history?.map((r) => r.epoch)).toEqual([1, 2]);
    resumed.history?.forEach((record, i) => expect(record.trainLoss).toBeCloseTo(full.history![i]!.trainLoss, 5));
    const [a, b] = [full, resumed].map((r) => (r.evaluation?.validation as ClassificationReport).calibration.ece);
    expect(b).toBeCloseTo(a!, 5);
  });

  it('fails a run whose batch cannot fit the GPU, saying which batch size to use', async () => {
    const limits = { maxBufferSize: 100_000, maxStorageBufferBindingSize: 100_000 };
    await expect(startTrainingRun(request('run-oom'), { ...deps, bufferLimits: limits })).rejects.toMatchObject({ name: 'GpuOutOfMemoryError' });
    const run = await deps.runs.get('run-oom');
    expect(run.status).toBe('failed');
    expect(run.reason?.name).toBe('GpuOutOfMemoryError');
    expect(run.reason?.message).toMatch(/^A batch of 4 needs more memory in one GPU buffer than this GPU allows \(.* MiB per sample\)\. Use a batch size of 1 or less\.$/);
  });

  it('refuses a request whose label column or head does not fit, before storing a run', async () => {
    await expect(startTrainingRun(request('run-x', { labelColumn: 'nope' }), deps)).rejects.toMatchObject({
      name: 'InvalidInputError', message: expect.stringMatching(/^The labels have no column "nope"; the kept columns are "reduced_function", "ejection_fraction"/),
    });
    await expect(startTrainingRun(request('run-y', { task: 'regression', labelColumn: 'ejection_fraction' }), deps)).rejects.toMatchObject({
      name: 'InvalidInputError', message: 'The run is a regression task but the model has a classification head; choose a regression head.',
    });
    await expect(deps.runs.get('run-x')).rejects.toMatchObject({ name: 'NotFoundError' });
  });
});
