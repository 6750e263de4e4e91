/**
 * A tfjs layers model dropped as files or a folder: model.json plus the shard files its
 * weightsManifest names (e.g. group1-shard1of2.bin). Names may carry the folder path a browser
 * gives (webkitRelativePath); shards are matched by path relative to model.json, then by name.
 */
import type * as tf from '@tensorflow/tfjs';
import { EnclaveError } from '../../jobs';
import { loadModelFromParts, parseModelJson, weightPaths } from './artifacts';

export interface NamedBytes {
  name: string;
  bytes: Uint8Array;
}

export async function loadLayersModelFromFiles(files: readonly NamedBytes[]): Promise<tf.LayersModel> {
  const modelFile = pickModelJson(files);
  const modelJson = parseModelJson(modelFile.bytes, modelFile.name);
  const folder = folderOf(modelFile.name);
  const shards = new Map<string, Uint8Array>();
  for (const path of weightPaths(modelJson)) {
    const wanted = normalise(folder + path);
    const match = files.find((f) => normalise(f.name) === wanted) ?? files.find((f) => baseName(f.name) === baseName(path));
    if (match) shards.set(path, match.bytes);
  }
  return loadModelFromParts(modelJson, shards, 'the dropped files');
}

function pickModelJson(files: readonly NamedBytes[]): NamedBytes {
  const named = files.filter((f) => baseName(f.name) === 'model.json');
  if (named.length === 1) return named[0]!;
  if (named.length > 1) {
    throw new EnclaveError('ModelFormatError', `${named.length} files are called model.json (${named.map((f) => f.name).join(', ')}); drop one model folder at a time.`);
  }
  const json = files.filter((f) => f.name.toLowerCase().endsWith('.json'));
  if (json.length === 1) return json[0]!;
  throw new EnclaveError('ModelFormatError', 'No model.json among the dropped files; drop the folder of a tfjs layers model (model.json and its .bin weight files).');
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function folderOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/') + 1);
}

/** Resolves "./" and "a/../" so "folder/./shard.bin" and "folder/shard.bin" meet. */
function normalise(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}
