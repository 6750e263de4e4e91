import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { loadLayersModelFromFiles, type NamedBytes } from '../../../../src/lib/ml/model-io';
import { fixedInput, modelWithDistinctWeights, predictValues, RESNET_SPEC } from './fixtures';
import { shardedFiles, type ShardedModel } from './sharded';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function refusal(files: NamedBytes[]): Promise<{ name: string; message: string }> {
  try {
    (await loadLayersModelFromFiles(files)).dispose();
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message };
  }
  throw new Error('expected the files to be refused');
}

describe('loadLayersModelFromFiles', () => {
  let sharded: ShardedModel;
  let expected: number[];
  let input: tf.Tensor;
  beforeAll(async () => {
    const model = modelWithDistinctWeights(RESNET_SPEC);
    input = fixedInput(RESNET_SPEC);
    expected = await predictValues(model, input);
    sharded = await shardedFiles(model);
    model.dispose();
  });

  it('loads a dropped folder of model.json and three shards, in any order, with the same predictions', async () => {
    expect(sharded.shards.map((s) => s.path)).toEqual(['group1-shard1of3.bin', 'group1-shard2of3.bin', 'group1-shard3of3.bin']);
    const files: NamedBytes[] = [
      ...[...sharded.shards].reverse().map((s) => ({ name: `my-model/${s.path}`, bytes: s.bytes })),
      { name: 'my-model/model.json', bytes: sharded.modelJsonBytes },
      { name: 'my-model/notes.txt', bytes: new Uint8Array([1, 2, 3]) },
    ];
    const model = await loadLayersModelFromFiles(files);
    expect(await predictValues(model, input)).toEqual(expected);
    model.dispose();
  });

  it('names the missing shard', async () => {
    const files = [
      { name: 'model.json', bytes: sharded.modelJsonBytes },
      ...sharded.shards.filter((s) => s.path !== 'group1-shard2of3.bin').map((s) => ({ name: s.path, bytes: s.bytes })),
    ];
    expect(await refusal(files)).toEqual({
      name: 'ModelFormatError',
      message: 'The weight file "group1-shard2of3.bin" named in model.json is missing from the dropped files; add every file model.json lists.',
    });
  });

  it('says when there is no model.json, or more than one', async () => {
    const shard = { name: 'group1-shard1of3.bin', bytes: sharded.shards[0]!.bytes };
    expect(await refusal([shard])).toEqual({
      name: 'ModelFormatError',
      message: 'No model.json among the dropped files; drop the folder of a tfjs layers model (model.json and its .bin weight files).',
    });
    const json = sharded.modelJsonBytes;
    expect(await refusal([{ name: 'a/model.json', bytes: json }, { name: 'b/model.json', bytes: json }])).toMatchObject({
      name: 'ModelFormatError', message: '2 files are called model.json (a/model.json, b/model.json); drop one model folder at a time.',
    });
  });

  it('refuses a graph model and a model.json without topology, saying why', async () => {
    const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
    expect(await refusal([{ name: 'model.json', bytes: encode({ format: 'graph-model', modelTopology: {}, weightsManifest: [] }) }]))
      .toMatchObject({ name: 'ModelFormatError', message: expect.stringContaining('is a tfjs graph model') });
    expect(await refusal([{ name: 'model.json', bytes: encode({ weightsManifest: [] }) }])).toEqual({
      name: 'ModelFormatError', message: 'model.json has no "modelTopology"; it is not a tfjs layers model.json.',
    });
  });
});
