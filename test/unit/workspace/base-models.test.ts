/**
 * Pretrained base models in a project: loaded from dropped files or downloaded (a fake fetch
 * serves a model the tests make; nothing is fetched from a hub), cached, refused when the page's
 * policy would block the address, and fine-tuned on the small echo dataset: cut, run on every
 * frame with grey copied into three channels, only the last blocks trained.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { importModelZip, MemoryModelCache, modelToFiles, PRETRAINED_CATALOGUE, PUBLIC_MODEL_SOURCES, type FetchLike, type NamedBytes } from '../../../src/lib/ml/model-io';
import { BaseModelsRepository } from '../../../src/lib/store/base-models-repository';
import { RunsRepository } from '../../../src/lib/store/runs-repository';
import { downloadBaseModel, importBaseModelFiles, loadBaseModel } from '../../../src/lib/workspace/base-models';
import { startTrainingRun, type TrainingDeps } from '../../../src/lib/workspace/training-job';
import type { TrainRequest } from '../../../src/lib/workspace/training-request';
import { defaultModelSpec, type ModelSpec } from '../../../src/lib/ml/models';
import { foreignMobileNetV1 } from '../ml/model-io/fixtures';
import { sequentialIds } from '../store/helpers';
import { buildTrainingFixture, type TrainingFixture } from './training-fixture';

let fixture: TrainingFixture;
let repository: BaseModelsRepository;
let deps: TrainingDeps;
let modelFiles: NamedBytes[];

beforeAll(async () => {
  fixture = await buildTrainingFixture();
  repository = new BaseModelsRepository(fixture.db);
  deps = { runs: new RunsRepository(fixture.db, () => 1_700_000_000_000), datasets: fixture.datasets, baseModels: repository, enclaveVersion: '0.1.0-test' };
  const source = foreignMobileNetV1(32);
  const { modelJson, weights } = await modelToFiles(source);
  source.dispose();
  modelFiles = [
    { name: 'mobilenet-standin/model.json', bytes: new TextEncoder().encode(JSON.stringify(modelJson)) },
    { name: 'mobilenet-standin/weights.bin', bytes: weights },
  ];
}, 120_000);

function servedBy(files: Record<string, Uint8Array>, seen: string[] = []): FetchLike {
  return async (url) => {
    seen.push(url);
    const bytes = files[url];
    return {
      ok: bytes !== undefined, status: bytes ? 200 : 404, statusText: bytes ? 'OK' : 'Not Found',
      arrayBuffer: async () => (bytes ?? new Uint8Array()).slice().buffer,
    };
  };
}

describe('base models', () => {
  it('stores dropped model files with their blocks and cut layers, and loads them back with the same weights', async () => {
    const record = await importBaseModelFiles(fixture.projectId, modelFiles, { repository, newId: sequentialIds('base'), now: () => 5 });
    expect(record).toMatchObject({ id: 'base-1', name: 'mobilenet-standin', source: { kind: 'files', fileNames: ['mobilenet-standin/model.json', 'mobilenet-standin/weights.bin'] } });
    expect(record.description.inputShape).toEqual([null, 32, 32, 3]);
    expect(record.description.blocks.map((b) => b.cutLayer)).toEqual(['conv1_relu', 'conv_dw_1_relu', 'conv_pw_1_relu', 'conv_dw_2_relu', 'global_average_pooling2d_1', 'conv_preds']);
    expect((await repository.listByProject(fixture.projectId)).map((r) => r.id)).toContain('base-1');
    const { model } = await loadBaseModel(repository, 'base-1');
    const original = foreignMobileNetV1(32);
    const input = tf.randomUniform([1, 32, 32, 3], 0, 1, 'float32', 3);
    expect(Array.from(await (model.predict(input) as tf.Tensor).data())).toEqual(Array.from(await (original.predict(input) as tf.Tensor).data()));
    tf.dispose([input]);
    model.dispose();
    original.dispose();
  });

  it('downloads a catalogue model once (then from the cache), naming its source and licence', async () => {
    const entry = PRETRAINED_CATALOGUE[0]!;
    const folder = entry.url.replace('model.json', '');
    const seen: string[] = [];
    const fetchImpl = servedBy({ [entry.url]: modelFiles[0]!.bytes, [`${folder}weights.bin`]: modelFiles[1]!.bytes }, seen);
    const cache = new MemoryModelCache();
    const common = { repository, fetchImpl, cache, allowedSources: ['http://app.local/', ...PUBLIC_MODEL_SOURCES], newId: sequentialIds('dl') };
    const first = await downloadBaseModel(fixture.projectId, { catalogueId: entry.id }, common);
    expect(first.record.source).toEqual({ kind: 'catalogue', url: entry.url, catalogueId: entry.id, licence: entry.licence });
    expect(first.record.name).toBe(entry.name);
    expect(first.downloadedBytes).toBe(modelFiles[0]!.bytes.byteLength + modelFiles[1]!.bytes.byteLength);
    const second = await downloadBaseModel(fixture.projectId, { catalogueId: entry.id }, { ...common, newId: () => 'dl-again' });
    expect(second.downloadedBytes).toBe(0);
    expect(second.files.every((f) => f.fromCache)).toBe(true);
    expect(seen).toEqual([entry.url, `${folder}weights.bin`]);
  });

  it('refuses an address the page may not reach, before fetching, and says to load the files instead', async () => {
    const seen: string[] = [];
    await expect(downloadBaseModel(fixture.projectId, { url: 'https://models.example.org/net/model.json' }, {
      repository, fetchImpl: servedBy({}, seen), allowedSources: ['http://app.local/', ...PUBLIC_MODEL_SOURCES],
    })).rejects.toMatchObject({ name: 'InvalidInputError', message: expect.stringMatching(/models\.example\.org is refused\. Download that model's folder .* "From files"/) });
    expect(seen).toEqual([]);
    await expect(downloadBaseModel(fixture.projectId, { catalogueId: 'no-such-model' }, {
      repository, fetchImpl: servedBy({}), allowedSources: PUBLIC_MODEL_SOURCES,
    })).rejects.toMatchObject({ name: 'NotFoundError' });
  });
});

describe('a run from a base model', () => {
  function request(runId: string, base: TrainRequest['base'], overrides: Partial<TrainRequest> = {}): TrainRequest {
    const head = { task: 'classification', classes: 1, activation: 'sigmoid' } as const;
    return {
      projectId: fixture.projectId, datasetId: fixture.datasetId, runId, name: `Run ${runId}`, labelColumn: 'reduced_function', task: 'classification',
      model: { ...defaultModelSpec('video-frame-pool', head, 3), temporal: 'mean', dropout: 0 } as ModelSpec, base,
      train: { optimizer: 'adam', learningRate: 0.01, schedule: { kind: 'constant' }, epochs: 2, batchSize: 4, loss: 'sigmoid-cross-entropy', seed: 7, classWeights: 'balanced' },
      ...overrides,
    };
  }

  it('fine-tunes the last block on clips (grey copied to RGB), leaves the frozen blocks as loaded, and names the base in the card', async () => {
    const base = await importBaseModelFiles(fixture.projectId, modelFiles, { repository, newId: () => 'base-run' });
    const baseline = tf.memory().numTensors;
    const run = await startTrainingRun(request('run-base', { baseModelId: base.id, cutLayer: 'conv_pw_2_relu', unfreezeLastN: 1 }), deps);
    expect(tf.memory().numTensors).toBe(baseline);
    expect(run.status).toBe('finished');
    expect(run.card?.pretrained).toEqual({
      source: 'mobilenet-standin (files; files: mobilenet-standin/model.json, mobilenet-standin/weights.bin)', cutLayer: 'conv_pw_2_relu', unfrozenBlocks: 1,
    });
    expect(run.card?.modelSpec).toBeUndefined();
    expect(run.card?.inputShape).toEqual([8, 32, 32, 1]);

    const { model } = await importModelZip(await deps.runs.readArtifact(run.modelArtifactId!));
    const original = foreignMobileNetV1(32);
    const weightOf = (m: tf.LayersModel, name: string) => m.weights.find((w) => w.originalName.endsWith(name))!.read();
    // conv1 was frozen (not in the last block): unchanged. conv_pw_2 was trained: changed.
    expect(await weightOf(model, 'conv1/kernel').array()).toEqual(await weightOf(original, 'conv1/kernel').array());
    expect(await weightOf(model, 'conv_pw_2/kernel').array()).not.toEqual(await weightOf(original, 'conv_pw_2/kernel').array());
    const grey = model.weights.find((w) => w.originalName.endsWith('grey_to_rgb/kernel'))!.read();
    expect(Array.from(await grey.data())).toEqual([1, 1, 1]);
    model.dispose();
    original.dispose();
  });

  it('quick mode trains the head alone on the base model\'s embeddings', async () => {
    const run = await startTrainingRun(request('run-base-quick', { baseModelId: 'base-run', cutLayer: 'global_average_pooling2d_1', unfreezeLastN: 0 }, { quickMode: true }), deps);
    expect(run.status).toBe('finished');
    expect(run.history).toHaveLength(2);
  });

  it('refuses a base model whose image size does not fit the dataset, naming the recipe size to use', async () => {
    const big = foreignMobileNetV1(48);
    const { modelJson, weights } = await modelToFiles(big);
    big.dispose();
    const record = await importBaseModelFiles(fixture.projectId, [
      { name: 'big/model.json', bytes: new TextEncoder().encode(JSON.stringify(modelJson)) }, { name: 'big/weights.bin', bytes: weights },
    ], { repository, newId: () => 'base-big' });
    await expect(startTrainingRun(request('run-big', { baseModelId: record.id, cutLayer: 'conv_pw_2_relu', unfreezeLastN: 0 }), deps)).rejects.toMatchObject({

      name: 'InvalidInputError', message: 'The pretrained model "big" takes images of [48, 48, 3], but this dataset\'s frames are [32, 32, 1]; build the dataset with a recipe that resizes to 48×48.',
    });
  });
});
