/**
 * Inference over de-identified outputs with stored models (no training needed here): a 2D image
 * model over a cine recipe averages its frames' probabilities per clip; a scan that cannot be
 * read or does not fit the model is a row with a reason; a run without a usable model is refused.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { exportModelZip, type ModelCard } from '../../../src/lib/ml/model-io';
import { buildModel, type ModelSpec } from '../../../src/lib/ml/models';
import { RunsRepository } from '../../../src/lib/store/runs-repository';
import type { DeidOutputSource } from '../../../src/lib/workspace/dataset-build';
import { planScans } from '../../../src/lib/workspace/dataset-plan';
import { preprocessPlannedScan } from '../../../src/lib/workspace/dataset-preprocess';
import { inferWithRun } from '../../../src/lib/workspace/inference-job';
import { buildTrainingFixture, SMALL_CINE_RECIPE, type TrainingFixture } from './training-fixture';

let fixture: TrainingFixture;
let runs: RunsRepository;
beforeAll(async () => {
  fixture = await buildTrainingFixture();
  runs = new RunsRepository(fixture.db);
}, 120_000);

function imageSpec(size: number): ModelSpec {
  return {
    family: 'resnet-small', input: [size, size, 1], blocksPerStage: [1], baseFilters: 4,
    head: { task: 'classification', classes: 1, activation: 'sigmoid' }, seed: 2,
  };
}

/** Stores `model` as a finished run with a card naming the small cine recipe (or none). */
async function storeRun(runId: string, model: tf.LayersModel, card: Partial<ModelCard> = {}): Promise<void> {
  const full: ModelCard = {
    version: 1, name: runId, createdAt: '2026-11-27T00:00:00.000Z', task: 'classification', classes: ['normal', 'reduced'],
    inputShape: (model.inputs[0]!.shape.slice(1) as number[]), recipe: JSON.parse(JSON.stringify(SMALL_CINE_RECIPE)),
    dataSummary: { samples: { train: 1 } }, metrics: {}, backend: 'cpu', versions: { enclave: 'test', tfjs: tf.version.tfjs },
    trainingConfig: { loss: 'sigmoid-cross-entropy' }, notes: '', ...card,
  };
  await runs.create({ id: runId, projectId: fixture.projectId, createdAt: 1, name: runId, datasetId: null, status: 'queued' });
  await runs.saveModel(runId, await exportModelZip(model, full), { status: 'finished', card: full });
}

describe('inferWithRun', () => {
  it('averages a 2D model over the frames of each clip, one row per clip', async () => {
    const model = buildModel(imageSpec(32));
    await storeRun('frames', model);
    const report = await inferWithRun('frames', fixture.source, { runs, preprocess: preprocessPlannedScan });
    expect(report.aggregation).toBe('mean-probability-over-frames');
    expect(report.outputs).toEqual(['normal', 'reduced']);
    expect(report.rows).toHaveLength(fixture.scanCount);
    expect(report.rows.every((row) => row.status === 'ok' && row.segments === 8)).toBe(true);
    // The first clip by hand: the recipe, every frame through the model, the mean.
    const [scan] = planScans(await fixture.source.items(), 'cine');
    const clip = await preprocessPlannedScan(scan!, (path) => fixture.source.bytes(path), SMALL_CINE_RECIPE);
    const perFrame = tf.tidy(() => Array.from((model.predict(tf.tensor(clip.data, [8, 32, 32, 1])) as tf.Tensor).dataSync()));
    const mean = perFrame.reduce((a, b) => a + b, 0) / perFrame.length;
    const row = report.rows.find((r) => r.scanId === scan!.scanId)!;
    expect(row.probabilities!.reduced).toBeCloseTo(mean, 6);
    expect(row.probabilities!.normal).toBeCloseTo(1 - mean, 6);
    expect(row.predictedClass).toBe(mean >= 0.5 ? 'reduced' : 'normal');
    expect(report.csv.split('\r\n')[0]).toBe('scan_id,pseudonym,study_instance_uid,p_normal,p_reduced,predicted_class,segments,status,reason,message');
    model.dispose();
  });

  it('reports a scan that cannot be read, or does not fit the model, as a row with a reason', async () => {
    const model = buildModel(imageSpec(16));
    await storeRun('small-input', model);
    model.dispose();
    const items = await fixture.source.items();
    const broken = items.find((item) => item.frames > 1)!.path;
    const source: DeidOutputSource = {
      items: fixture.source.items,
      bytes: async (path) => {
        if (path === broken) throw Object.assign(new Error('Frame 2 could not be decoded.'), { name: 'PixelDecodeError' });
        return fixture.source.bytes(path);
      },
    };
    const report = await inferWithRun('small-input', source, { runs, preprocess: preprocessPlannedScan });
    const failed = report.rows.find((row) => row.scanId === broken.replace(/\.dcm$/, ''))!;
    expect(failed).toMatchObject({ status: 'failed', reason: 'PixelDecodeError', message: 'Frame 2 could not be decoded.' });
    const others = report.rows.filter((row) => row !== failed);
    expect(others).toHaveLength(fixture.scanCount - 1);
    expect(others[0]).toMatchObject({ status: 'failed', reason: 'InvalidInputError', message: 'The recipe made [8, 32, 32, 1] of this scan, but the model takes [16, 16, 1] per frame.' });
  });

  it('refuses a run without a model, and a model whose card has no recipe', async () => {
    await runs.create({ id: 'empty', projectId: fixture.projectId, createdAt: 1, name: 'Empty', datasetId: null, status: 'cancelled' });
    await expect(inferWithRun('empty', fixture.source, { runs, preprocess: preprocessPlannedScan })).rejects.toMatchObject({
      name: 'InvalidInputError', message: 'Run "Empty" has no trained model yet (it is cancelled); finish or resume the training first.',
    });
    const model = buildModel(imageSpec(16));
    await storeRun('no-recipe', model, { recipe: undefined });
    model.dispose();
    await expect(inferWithRun('no-recipe', fixture.source, { runs, preprocess: preprocessPlannedScan })).rejects.toMatchObject({ name: 'ModelFormatError' });
  });
});
