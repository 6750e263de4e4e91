/** A model saved the way the tfjs converter saves larger ones: model.json plus several shards. */
import type * as tf from '@tensorflow/tfjs';
import { modelToFiles, type ModelJson } from '../../../../src/lib/ml/model-io';

export interface ShardedModel {
  modelJson: ModelJson;
  modelJsonBytes: Uint8Array;
  shards: { path: string; bytes: Uint8Array }[];
}

export async function shardedFiles(model: tf.LayersModel, shardBytes = 2048): Promise<ShardedModel> {
  const { modelJson, weights } = await modelToFiles(model);
  const count = Math.ceil(weights.byteLength / shardBytes);
  const shards = Array.from({ length: count }, (_, i) => ({
    path: `group1-shard${i + 1}of${count}.bin`,
    bytes: weights.slice(i * shardBytes, (i + 1) * shardBytes),
  }));
  const manifest = [{ paths: shards.map((s) => s.path), weights: modelJson.weightsManifest.flatMap((g) => g.weights) }];
  const sharded: ModelJson = { ...modelJson, weightsManifest: manifest };
  return { modelJson: sharded, modelJsonBytes: new TextEncoder().encode(JSON.stringify(sharded)), shards };
}
