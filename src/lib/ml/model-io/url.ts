/**
 * Loading a tfjs layers model from an address the user typed or picked from the catalogue.
 * A download only: fetch is injected (no network unless the caller passes one), requests carry
 * no cookies and no referrer, and nothing of the user's is sent. Files come from the cache when
 * it has them and go into it only once the whole model has loaded.
 */
import type * as tf from '@tensorflow/tfjs';
import { EnclaveError, throwIfCancelled, type JobOptions } from '../../jobs';
import { loadModelFromParts, parseModelJson, weightPaths, expectedWeightBytes } from './artifacts';
import type { ModelCache } from './cache';

export interface FetchResponseLike {
  ok: boolean;
  status: number;
  statusText: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export type FetchLike = (url: string, init: RequestInit) => Promise<FetchResponseLike>;

export interface UrlLoadOptions extends JobOptions {
  fetchImpl: FetchLike;
  cache?: ModelCache;
  /**
   * Address prefixes the page may download from (its own origin and PUBLIC_MODEL_SOURCES in the
   * app, matching its CSP). An address outside them is refused with a message saying what to do
   * instead, rather than failing in the browser with a bare network error.
   */
  allowedSources?: readonly string[];
}

export interface DownloadedFile {
  url: string;
  bytes: number;
  fromCache: boolean;
}

export interface UrlLoadResult {
  model: tf.LayersModel;
  files: DownloadedFile[];
  /** Bytes fetched from the network (cache hits excluded). */
  downloadedBytes: number;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Parses the address and refuses anything but https (plain http only for this machine). */
export function checkModelUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new EnclaveError('InvalidInputError', `"${text}" is not a web address; paste the full address of a model.json, starting with https://.`);
  }
  const local = LOCAL_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    throw new EnclaveError('InvalidInputError', `Enclave downloads models only over https (plain http only from localhost); "${url.protocol}" addresses are refused.`);
  }
  if (url.username || url.password) {
    throw new EnclaveError('InvalidInputError', 'The address contains a user name or password; remove them, Enclave does not send credentials.');
  }
  return url;
}

/** What the user is told before anything is fetched. */
export function describeModelDownload(text: string): string {
  const url = checkModelUrl(text);
  const folder = url.href.slice(0, url.href.lastIndexOf('/') + 1);
  return `Enclave will download ${url.href} from ${url.host}, then the weight files it lists from ${folder}. `
    + 'This is a download only: no scan, label or other data of yours is sent, and no cookies are used.';
}

/** Refuses an address the page's security policy would block, naming where downloads may come from. */
export function checkDownloadAllowed(url: URL, allowedSources: readonly string[]): void {
  if (allowedSources.some((prefix) => url.href.startsWith(prefix))) return;
  throw new EnclaveError('InvalidInputError', `Enclave's security policy lets this page download models only from its own address and from the public model stores it lists (${allowedSources.join(', ')}), so ${url.host} is refused. `
    + 'Download that model\'s folder (model.json and its .bin files) yourself, then load it with "From files".');
}

export async function loadLayersModelFromUrl(text: string, options: UrlLoadOptions): Promise<UrlLoadResult> {
  const url = checkModelUrl(text);
  if (options.allowedSources) checkDownloadAllowed(url, options.allowedSources);
  const files: DownloadedFile[] = [];
  const fresh = new Map<string, Uint8Array>();
  const fetchFile = async (fileUrl: string, done: number, total: number): Promise<Uint8Array> => {
    throwIfCancelled(options.signal, 'The model download');
    options.onProgress?.({ stage: 'download', done, total, message: fileUrl });
    const cached = await options.cache?.get(fileUrl);
    if (cached) {
      files.push({ url: fileUrl, bytes: cached.byteLength, fromCache: true });
      return cached;
    }
    const bytes = await download(fileUrl, options);
    fresh.set(fileUrl, bytes);
    files.push({ url: fileUrl, bytes: bytes.byteLength, fromCache: false });
    return bytes;
  };

  const modelJson = parseModelJson(await fetchFile(url.href, 0, 1), url.href);
  const paths = weightPaths(modelJson);
  expectedWeightBytes(modelJson); // refuses unloadable weight types before downloading them
  const shards = new Map<string, Uint8Array>();
  for (const [index, path] of paths.entries()) {
    const shardUrl = resolveShardUrl(path, url);
    shards.set(path, await fetchFile(shardUrl, index + 1, paths.length + 1));
  }
  options.onProgress?.({ stage: 'download', done: paths.length + 1, total: paths.length + 1 });
  const model = await loadModelFromParts(modelJson, shards, url.href);
  if (options.cache) {
    for (const [fileUrl, bytes] of fresh) await options.cache.put(fileUrl, bytes);
  }
  const downloadedBytes = [...fresh.values()].reduce((sum, b) => sum + b.byteLength, 0);
  return { model, files, downloadedBytes };
}

/** Shards live beside model.json; a manifest pointing at another site is refused. */
function resolveShardUrl(path: string, modelUrl: URL): string {
  const shard = new URL(path, modelUrl);
  if (shard.origin !== modelUrl.origin) {
    throw new EnclaveError('ModelFormatError', `model.json lists a weight file on another site (${shard.origin}); Enclave loads weights only from beside model.json.`);
  }
  return shard.href;
}

async function download(fileUrl: string, options: UrlLoadOptions): Promise<Uint8Array> {
  let response: FetchResponseLike;
  try {
    response = await options.fetchImpl(fileUrl, {
      credentials: 'omit', referrerPolicy: 'no-referrer', cache: 'no-store', signal: options.signal,
    });
  } catch (error) {
    throwIfCancelled(options.signal, 'The model download');
    throw new EnclaveError('NotFoundError', `Could not reach ${fileUrl} (${(error as Error).message}). Check the address and the connection; the site must also allow downloads from other sites (CORS).`, { cause: error });
  }
  if (!response.ok) {
    throw new EnclaveError('NotFoundError', `Downloading ${fileUrl} failed: HTTP ${response.status} ${response.statusText}.`.replace(/ \.$/, '.'));
  }
  return new Uint8Array(await response.arrayBuffer());
}
