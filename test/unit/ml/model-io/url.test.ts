import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import {
  checkModelUrl, describeModelDownload, loadLayersModelFromUrl, MemoryModelCache, PRETRAINED_CATALOGUE,
  type FetchLike, type FetchResponseLike,
} from '../../../../src/lib/ml/model-io';
import type { Progress } from '../../../../src/lib/jobs';
import { fixedInput, modelWithDistinctWeights, predictValues, RESNET_SPEC } from './fixtures';
import { shardedFiles } from './sharded';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const BASE = 'https://models.example.org/tiny/';

/** A fake web server: no request leaves the process. */
function fakeServer(files: Map<string, Uint8Array>) {
  const requests: { url: string; init: RequestInit }[] = [];
  const fetchImpl: FetchLike = async (url, init) => {
    requests.push({ url, init });
    const bytes = files.get(url);
    const response: FetchResponseLike = {
      ok: bytes !== undefined,
      status: bytes ? 200 : 404,
      statusText: bytes ? 'OK' : 'Not Found',
      arrayBuffer: async () => (bytes ?? new Uint8Array()).slice().buffer,
    };
    return response;
  };
  return { fetchImpl, requests };
}

async function servedModel() {
  const model = modelWithDistinctWeights(RESNET_SPEC);
  const input = fixedInput(RESNET_SPEC);
  const expected = await predictValues(model, input);
  const sharded = await shardedFiles(model);
  model.dispose();
  const files = new Map<string, Uint8Array>([[`${BASE}model.json`, sharded.modelJsonBytes]]);
  for (const shard of sharded.shards) files.set(`${BASE}${shard.path}`, shard.bytes);
  return { files, input, expected };
}

describe('model URLs', () => {
  it('accepts https, and http only from this machine', () => {
    expect(checkModelUrl(' https://storage.googleapis.com/a/model.json ').href).toBe('https://storage.googleapis.com/a/model.json');
    expect(checkModelUrl('http://localhost:8080/model.json').host).toBe('localhost:8080');
    expect(checkModelUrl('http://127.0.0.1/model.json').hostname).toBe('127.0.0.1');
    expect(() => checkModelUrl('http://example.org/model.json')).toThrow(expect.objectContaining({
      name: 'InvalidInputError', message: 'Enclave downloads models only over https (plain http only from localhost); "http:" addresses are refused.',
    }));
    expect(() => checkModelUrl('file:///etc/model.json')).toThrow(expect.objectContaining({ name: 'InvalidInputError' }));
    expect(() => checkModelUrl('model.json')).toThrow(expect.objectContaining({
      name: 'InvalidInputError', message: expect.stringContaining('is not a web address'),
    }));
    expect(() => checkModelUrl('https://user:secret@example.org/model.json')).toThrow(expect.objectContaining({
      message: expect.stringContaining('user name or password'),
    }));
  });

  it('says what will be downloaded and from where before any request', () => {
    expect(describeModelDownload(`${BASE}model.json`)).toBe(
      `Enclave will download ${BASE}model.json from models.example.org, then the weight files it lists from ${BASE}. `
      + 'This is a download only: no scan, label or other data of yours is sent, and no cookies are used.',
    );
  });
});

describe('loadLayersModelFromUrl', () => {
  it('downloads model.json and its shards without cookies or referrer, caches them, then loads from the cache alone', async () => {
    const { files, input, expected } = await servedModel();
    const server = fakeServer(files);
    const cache = new MemoryModelCache();
    const progress: Progress[] = [];
    const first = await loadLayersModelFromUrl(`${BASE}model.json`, { fetchImpl: server.fetchImpl, cache, onProgress: (p) => progress.push(p) });
    expect(await predictValues(first.model, input)).toEqual(expected);
    first.model.dispose();
    expect(server.requests.map((r) => r.url)).toEqual([...files.keys()]);
    expect(server.requests.every((r) => r.init.credentials === 'omit' && r.init.referrerPolicy === 'no-referrer')).toBe(true);
    expect(first.downloadedBytes).toBe([...files.values()].reduce((n, b) => n + b.byteLength, 0));
    expect(progress.map((p) => `${p.done}/${p.total}`)).toEqual(['0/1', '1/4', '2/4', '3/4', '4/4']);
    expect((await cache.keys()).sort()).toEqual([...files.keys()].sort());

    const offline = fakeServer(new Map());
    const second = await loadLayersModelFromUrl(`${BASE}model.json`, { fetchImpl: offline.fetchImpl, cache });
    expect(offline.requests).toEqual([]);
    expect(second.downloadedBytes).toBe(0);
    expect(second.files.every((f) => f.fromCache)).toBe(true);
    expect(await predictValues(second.model, input)).toEqual(expected);
    second.model.dispose();
    input.dispose();
  });

  it('reports a missing shard by its address and caches nothing of a model that failed', async () => {
    const { files, input } = await servedModel();
    files.delete(`${BASE}group1-shard3of3.bin`);
    const cache = new MemoryModelCache();
    await expect(loadLayersModelFromUrl(`${BASE}model.json`, { fetchImpl: fakeServer(files).fetchImpl, cache })).rejects.toMatchObject({
      name: 'NotFoundError', message: `Downloading ${BASE}group1-shard3of3.bin failed: HTTP 404 Not Found.`,
    });
    expect(await cache.keys()).toEqual([]);
    input.dispose();
  });

  it('refuses weights on another site, and stops when cancelled', async () => {
    const { files, input } = await servedModel();
    const json = JSON.parse(new TextDecoder().decode(files.get(`${BASE}model.json`)));
    json.weightsManifest[0].paths[0] = 'https://elsewhere.example.com/shard.bin';
    files.set(`${BASE}model.json`, new TextEncoder().encode(JSON.stringify(json)));
    await expect(loadLayersModelFromUrl(`${BASE}model.json`, { fetchImpl: fakeServer(files).fetchImpl })).rejects.toMatchObject({
      name: 'ModelFormatError', message: expect.stringContaining('weight file on another site (https://elsewhere.example.com)'),
    });
    const controller = new AbortController();
    controller.abort();
    await expect(loadLayersModelFromUrl(`${BASE}model.json`, { fetchImpl: fakeServer(files).fetchImpl, signal: controller.signal }))
      .rejects.toMatchObject({ name: 'CancelledError' });
    input.dispose();
  });

  it('turns a network failure into a message about the address and CORS', async () => {
    const failing: FetchLike = async () => { throw new TypeError('Failed to fetch'); };
    await expect(loadLayersModelFromUrl(`${BASE}model.json`, { fetchImpl: failing })).rejects.toMatchObject({
      name: 'NotFoundError', message: expect.stringContaining(`Could not reach ${BASE}model.json (Failed to fetch)`),
    });
  });
});

describe('pretrained catalogue', () => {
  it('lists public tfjs layers models by exact https address, with what is downloaded and what was verified', () => {
    expect(PRETRAINED_CATALOGUE.map((e) => e.id)).toEqual([
      'mobilenet-v1-0.25-224', 'mobilenet-v1-0.50-224', 'mobilenet-v1-1.0-224', 'mobilenet-v2-0.35-224-no-top', 'mobilenet-v2-1.00-224-no-top',
    ]);
    expect(PRETRAINED_CATALOGUE[0]?.url).toBe('https://storage.googleapis.com/tfjs-models/tfjs/mobilenet_v1_0.25_224/model.json');
    for (const entry of PRETRAINED_CATALOGUE) {
      expect(checkModelUrl(entry.url).host).toBe('storage.googleapis.com');
      expect(entry.downloads).toContain(entry.url.replace('model.json', ''));
      expect(entry.verified.size).toBe(false);
    }
    expect(PRETRAINED_CATALOGUE.filter((e) => !e.verified.url).map((e) => e.id)).toEqual(['mobilenet-v2-1.00-224-no-top']);
  });
});
