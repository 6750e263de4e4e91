import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { exportModelZip, importModelZip, type ModelCard } from '../../../../src/lib/ml/model-io';
import type { ModelSpec } from '../../../../src/lib/ml/models';
import { cardFor, fixedInput, modelWithDistinctWeights, predictValues, RESNET_SPEC, VIDEO_SPEC, VOLUME_SPEC } from './fixtures';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function exportedZip(spec: ModelSpec, card: ModelCard = cardFor(spec)): Promise<Uint8Array> {
  const model = modelWithDistinctWeights(spec);
  try {
    return await exportModelZip(model, card);
  } finally {
    model.dispose();
  }
}

function rezip(zip: Uint8Array, change: (files: Record<string, Uint8Array>) => Zippable): Uint8Array {
  return zipSync(change(unzipSync(zip)));
}

async function refusal(bytes: Uint8Array): Promise<{ name: string; message: string }> {
  try {
    (await importModelZip(bytes)).model.dispose();
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message };
  }
  throw new Error('expected the zip to be refused');
}

describe('model zip round trip', () => {
  for (const spec of [RESNET_SPEC, VIDEO_SPEC, VOLUME_SPEC]) {
    it(`${spec.family}: the re-imported model predicts exactly the same values, with the same card`, async () => {
      const baseline = tf.memory().numTensors;
      const model = modelWithDistinctWeights(spec);
      const input = fixedInput(spec);
      const before = await predictValues(model, input);
      const card = cardFor(spec);
      const zip = await exportModelZip(model, card);
      model.dispose();
      const imported = await importModelZip(zip);
      expect(await predictValues(imported.model, input)).toEqual(before);
      expect(imported.card).toEqual(card);
      imported.model.dispose();
      input.dispose();
      expect(tf.memory().numTensors).toBe(baseline);
    });
  }

  it('writes the standard tfjs layers files: model.json naming weights.bin, the weights, the card', async () => {
    const files = unzipSync(await exportedZip(RESNET_SPEC));
    expect(Object.keys(files).sort()).toEqual(['model-card.json', 'model.json', 'weights.bin']);
    const modelJson = JSON.parse(new TextDecoder().decode(files['model.json']));
    expect(modelJson.format).toBe('layers-model');
    expect(modelJson.weightsManifest).toHaveLength(1);
    expect(modelJson.weightsManifest[0].paths).toEqual(['weights.bin']);
    // The tiny ResNet has 1391 parameters (pinned in models/build.test.ts), float32 each.
    const values = modelJson.weightsManifest[0].weights.reduce((n: number, w: { shape: number[] }) => n + w.shape.reduce((p, d) => p * d, 1), 0);
    expect(files['weights.bin']?.byteLength).toBe(values * 4);
    expect(values).toBe(1391);
  });

  it('accepts the files inside one folder of the zip, and a zip without a card', async () => {
    const zip = await exportedZip(RESNET_SPEC);
    const inFolder = rezip(zip, (files) => Object.fromEntries(Object.entries(files).map(([n, b]) => [`my-model/${n}`, b])));
    const imported = await importModelZip(inFolder);
    expect(imported.card?.name).toBe('Tiny test model');
    imported.model.dispose();
    const noCard = rezip(zip, ({ 'model-card.json': _card, ...rest }) => rest);
    const bare = await importModelZip(noCard);
    expect(bare.card).toBeNull();
    bare.model.dispose();
  });

  it('refuses a card that does not match the model before writing anything', async () => {
    const model = modelWithDistinctWeights(RESNET_SPEC);
    try {
      await expect(exportModelZip(model, { ...cardFor(RESNET_SPEC), inputShape: [32, 32, 1] }))
        .rejects.toMatchObject({ name: 'InvalidInputError', message: 'The card says the input is [32, 32, 1] but the model takes [16, 16, 1].' });
      await expect(exportModelZip(model, { ...cardFor(RESNET_SPEC), name: '' }))
        .rejects.toMatchObject({ name: 'ModelFormatError', message: expect.stringContaining('name must be a non-empty text') });
    } finally {
      model.dispose();
    }
  });
});

describe('model zip refusals', () => {
  it('says what is wrong with a broken zip, in words a person can act on', async () => {
    const baseline = tf.memory().numTensors;
    const zip = await exportedZip(RESNET_SPEC);
    expect(await refusal(strToU8('not a zip at all'))).toMatchObject({ name: 'ModelFormatError', message: expect.stringContaining('not a readable zip') });
    expect(await refusal(rezip(zip, ({ 'model.json': _m, ...rest }) => rest))).toEqual({
      name: 'ModelFormatError',
      message: 'The zip has no model.json; it holds "weights.bin", "model-card.json". Export the model from Enclave or zip a tfjs layers model folder.',
    });
    expect(await refusal(rezip(zip, (files) => ({ ...files, 'model.json': strToU8('{"modelTopology": ') }))))
      .toMatchObject({ name: 'ModelFormatError', message: expect.stringMatching(/^model\.json in the zip is not valid JSON/) });
    expect(await refusal(rezip(zip, ({ 'weights.bin': _w, ...rest }) => rest))).toEqual({
      name: 'ModelFormatError',
      message: 'The weight file "weights.bin" named in model.json is missing from the zip; add every file model.json lists.',
    });
    expect(await refusal(rezip(zip, (files) => ({ ...files, 'weights.bin': files['weights.bin']!.slice(0, 100) })))).toEqual({
      name: 'ModelFormatError',
      message: 'The weight files of the zip hold 100 bytes but model.json describes 5564; a file may be truncated or belong to another model.',
    });
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('refuses weights whose shapes do not fit the layers', async () => {
    const zip = await exportedZip(RESNET_SPEC);
    const widerHead = rezip(zip, (files) => {
      const text = new TextDecoder().decode(files['model.json']).replace('"units":3', '"units":4');
      return { ...files, 'model.json': strToU8(text) };
    });
    const baseline = tf.memory().numTensors;
    expect(await refusal(widerHead)).toEqual({
      name: 'ModelFormatError',
      message: 'tfjs could not build the zip from its files: Shape mismatch: [8,4] vs. [8,3]. '
        + 'The weights may not belong to this model.json, or the model uses a layer tfjs does not have.',
    });
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('refuses a card that is invalid or belongs to another model', async () => {
    const zip = await exportedZip(RESNET_SPEC);
    const withCard = (card: unknown) => rezip(zip, (files) => ({ ...files, 'model-card.json': strToU8(JSON.stringify(card)) }));
    expect(await refusal(withCard({ ...cardFor(RESNET_SPEC), version: 2 }))).toEqual({
      name: 'ModelFormatError',
      message: 'The model card (model-card.json) is not valid: its version is 2; this Enclave reads version 1.',
    });
    expect(await refusal(withCard({ ...cardFor(RESNET_SPEC), inputShape: [8, 8, 1] }))).toMatchObject({
      name: 'ModelFormatError', message: expect.stringContaining('the card belongs to another model'),
    });
  });
});
