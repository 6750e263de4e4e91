/**
 * Pretrained base models in a project: loaded from dropped files, or downloaded from an address
 * (a typed one, or a catalogue entry the person chose), checked, described (blocks and cut
 * layers) and stored; and loaded back for a run. A download sends nothing of the person's: it is
 * GET requests without cookies or referrer, to addresses the page's security policy allows.
 */
import type * as tf from '@tensorflow/tfjs';
import { EnclaveError, type JobOptions } from '../jobs';
import {
  findPretrained, importModelZip, loadLayersModelFromFiles, loadLayersModelFromUrl, modelFilesZip,
  type FetchLike, type ModelCache, type NamedBytes,
} from '../ml/model-io';
import { describeModel } from '../ml/models';
import type { BaseModelsRepository } from '../store/base-models-repository';
import type { BaseModelRecord } from '../store/schema';

export interface BaseModelDeps {
  repository: BaseModelsRepository;
  newId?: () => string;
  now?: () => number;
}

export interface DownloadDeps extends BaseModelDeps {
  fetchImpl: FetchLike;
  cache?: ModelCache;
  /** Prefixes the page may download from (its CSP): its own origin and PUBLIC_MODEL_SOURCES. */
  allowedSources: readonly string[];
}

/** What to download: a catalogue entry by id, or an address the person typed. */
export type DownloadRequest = { catalogueId: string } | { url: string; name?: string };

export interface DownloadOutcome {
  record: BaseModelRecord;
  /** Bytes that came over the network (0 when every file was in the cache). */
  downloadedBytes: number;
  files: { url: string; bytes: number; fromCache: boolean }[];
}

export async function importBaseModelFiles(projectId: string, files: readonly NamedBytes[], deps: BaseModelDeps): Promise<BaseModelRecord> {
  const model = await loadLayersModelFromFiles(files);
  try {
    const modelJson = files.find((f) => f.name.endsWith('model.json'))?.name ?? '';
    const folder = modelJson.split('/').slice(-2, -1)[0];
    return await saveBaseModel(projectId, model, folder || model.name, { kind: 'files', fileNames: files.map((f) => f.name) }, deps);
  } finally {
    model.dispose();
  }
}

export async function downloadBaseModel(projectId: string, request: DownloadRequest, deps: DownloadDeps, job: JobOptions = {}): Promise<DownloadOutcome> {
  const entry = 'catalogueId' in request ? findPretrained(request.catalogueId) : undefined;
  if ('catalogueId' in request && !entry) {
    throw new EnclaveError('NotFoundError', `No public model "${request.catalogueId}" is in Enclave's catalogue.`);
  }
  const url = entry?.url ?? ('url' in request ? request.url : '');
  const loaded = await loadLayersModelFromUrl(url, {
    fetchImpl: deps.fetchImpl, cache: deps.cache, allowedSources: deps.allowedSources, signal: job.signal, onProgress: job.onProgress,
  });
  try {
    const name = entry?.name ?? ('name' in request && request.name?.trim() ? request.name.trim() : folderName(url));
    const source: BaseModelRecord['source'] = entry
      ? { kind: 'catalogue', url: entry.url, catalogueId: entry.id, licence: entry.licence }
      : { kind: 'url', url: new URL(url.trim()).href };
    const record = await saveBaseModel(projectId, loaded.model, name, source, deps);
    return { record, downloadedBytes: loaded.downloadedBytes, files: loaded.files };
  } finally {
    loaded.model.dispose();
  }
}

/** The stored base model as a tfjs model; the caller disposes it. */
export async function loadBaseModel(repository: BaseModelsRepository, id: string): Promise<{ record: BaseModelRecord; model: tf.LayersModel }> {
  const record = await repository.get(id);
  const { model } = await importModelZip(await repository.readZip(id));
  return { record, model };
}

async function saveBaseModel(
  projectId: string, model: tf.LayersModel, name: string, source: BaseModelRecord['source'], deps: BaseModelDeps,
): Promise<BaseModelRecord> {
  const description = describeModel(model);
  const usable = description.blocks.some((block) => block.cutLayer !== null);
  if (!usable || model.inputs.length !== 1 || model.inputs[0]?.shape.length !== 4) {
    throw new EnclaveError('ModelFormatError', `"${name}" has no single image input and layer to cut at; Enclave fine-tunes 2D image networks (one input of [height, width, channels]).`);
  }
  const zip = await modelFilesZip(model);
  return deps.repository.save({
    id: deps.newId?.() ?? `base-${crypto.randomUUID()}`, projectId, createdAt: (deps.now ?? Date.now)(), name, source,
    description: JSON.parse(JSON.stringify(description)) as BaseModelRecord['description'],
  }, zip);
}

function folderName(url: string): string {
  const parts = new URL(url.trim()).pathname.split('/').filter(Boolean);
  return parts.length >= 2 ? parts[parts.length - 2]! : new URL(url.trim()).host;
}
