/**
 * The standard tfjs layers format: model.json (topology + weightsManifest) and binary weight
 * shards. Every way into Enclave (zip, dropped folder, URL) ends here, so each failure gets one
 * clear ModelFormatError whatever the source.
 */
import * as tf from '@tensorflow/tfjs';
import { EnclaveError } from '../../jobs';

export type ModelJson = tf.io.ModelJSON;

export interface ModelFiles {
  modelJson: ModelJson;
  /** Weight bytes, in the order of the manifest's paths. */
  weights: Uint8Array;
}

export const WEIGHTS_FILE = 'weights.bin';

/** Serialises a model to model.json + one weights.bin, exactly as `model.save` would. */
export async function modelToFiles(model: tf.LayersModel): Promise<ModelFiles> {
  let captured: tf.io.ModelArtifacts | undefined;
  await model.save(tf.io.withSaveHandler(async (artifacts) => {
    captured = artifacts;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  if (!captured?.modelTopology || !captured.weightSpecs || captured.weightData === undefined) {
    throw new EnclaveError('ModelFormatError', 'tfjs returned no topology or weights when saving the model.');
  }
  const weights = new Uint8Array(tf.io.concatenateArrayBuffers(captured.weightData));
  const modelJson: ModelJson = {
    modelTopology: captured.modelTopology,
    format: captured.format ?? 'layers-model',
    generatedBy: captured.generatedBy ?? `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
    convertedBy: captured.convertedBy ?? null,
    weightsManifest: [{ paths: [WEIGHTS_FILE], weights: captured.weightSpecs }],
  };
  if (captured.trainingConfig) modelJson.trainingConfig = captured.trainingConfig;
  return { modelJson, weights };
}

/** Parses and checks model.json; `source` names it in messages (a file name or a URL). */
export function parseModelJson(bytes: Uint8Array, source = 'model.json'): ModelJson {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new EnclaveError('ModelFormatError', `${source} is not valid JSON (${(error as Error).message}); it may be truncated or not a model file.`, { cause: error });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new EnclaveError('ModelFormatError', `${source} is not a tfjs model description (expected a JSON object).`);
  }
  const json = parsed as Partial<ModelJson> & { format?: unknown };
  if (json.format === 'graph-model') {
    throw new EnclaveError('ModelFormatError', `${source} is a tfjs graph model (converted from a SavedModel); Enclave can fine-tune only tfjs layers models (converted from Keras).`);
  }
  if (typeof json.modelTopology !== 'object' || json.modelTopology === null) {
    throw new EnclaveError('ModelFormatError', `${source} has no "modelTopology"; it is not a tfjs layers model.json.`);
  }
  const manifest = json.weightsManifest;
  const manifestOk = Array.isArray(manifest) && manifest.every((group) =>
    Array.isArray(group?.paths) && group.paths.every((p) => typeof p === 'string')
    && Array.isArray(group.weights) && group.weights.every((w) => typeof w?.name === 'string' && Array.isArray(w.shape)));
  if (!manifestOk) {
    throw new EnclaveError('ModelFormatError', `${source} has no valid "weightsManifest" (the list of weight files and the weights in them).`);
  }
  return json as ModelJson;
}

/** Weight file paths in manifest order, as written in model.json (relative to it). */
export function weightPaths(modelJson: ModelJson): string[] {
  return modelJson.weightsManifest.flatMap((group) => group.paths);
}

const BYTES_PER_DTYPE: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, float16: 2, int16: 2 };

/** Bytes the manifest says the shards hold together (quantised weights take their stored size). */
export function expectedWeightBytes(modelJson: ModelJson): number {
  let total = 0;
  for (const spec of tf.io.getWeightSpecs(modelJson.weightsManifest)) {
    const size = spec.shape.reduce((p, d) => p * d, 1);
    const dtype = spec.quantization?.dtype ?? spec.dtype;
    const perValue = BYTES_PER_DTYPE[dtype];
    if (perValue === undefined || dtype === 'string') {
      throw new EnclaveError('ModelFormatError', `Weight "${spec.name}" has type ${dtype}, which Enclave cannot load.`);
    }
    total += size * perValue;
  }
  return total;
}

/**
 * Builds the model from model.json and its shards (a map from manifest path to bytes). Says
 * which shard is missing, when the bytes do not add up, and when weights do not fit the layers.
 */
export async function loadModelFromParts(
  modelJson: ModelJson,
  shards: ReadonlyMap<string, Uint8Array>,
  source = 'the model',
): Promise<tf.LayersModel> {
  const paths = weightPaths(modelJson);
  const missing = paths.filter((path) => !shards.has(path));
  if (missing.length > 0) {
    throw new EnclaveError('ModelFormatError', `The weight file${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')} named in model.json ${missing.length > 1 ? 'are' : 'is'} missing from ${source}; add every file model.json lists.`);
  }
  const parts = paths.map((path) => shards.get(path) as Uint8Array);
  const weights = concatBytes(parts);
  const expected = expectedWeightBytes(modelJson);
  if (weights.byteLength !== expected) {
    throw new EnclaveError('ModelFormatError', `The weight files of ${source} hold ${weights.byteLength} bytes but model.json describes ${expected}; a file may be truncated or belong to another model.`);
  }
  return buildWithWeights(modelJson, weights, source);
}

/**
 * Like tf.loadLayersModel from memory, but a model whose weights do not fit is disposed rather
 * than leaked (tfjs leaves the half-built model and the decoded weights behind when it throws).
 */
async function buildWithWeights(modelJson: ModelJson, weights: Uint8Array, source: string): Promise<tf.LayersModel> {
  const specs = tf.io.getWeightSpecs(modelJson.weightsManifest);
  let model: tf.LayersModel | undefined;
  let decoded: tf.NamedTensorMap = {};
  try {
    model = await tf.models.modelFromJSON({ modelTopology: modelJson.modelTopology });
    decoded = tf.io.decodeWeights(weights.buffer as ArrayBuffer, specs);
    // Optimizer state saved with some models is not needed to predict or fine-tune afresh.
    const modelWeights = Object.fromEntries(specs.filter((spec) => spec.group !== 'optimizer').map((spec) => [spec.name, decoded[spec.name] as tf.Tensor]));
    model.loadWeights(modelWeights, true);
    return model;
  } catch (error) {
    model?.dispose();
    const reason = (error as Error).message.replace(/\.?$/, '.');
    throw new EnclaveError('ModelFormatError', `tfjs could not build ${source} from its files: ${reason} The weights may not belong to this model.json, or the model uses a layer tfjs does not have.`, { cause: error });
  } finally {
    tf.dispose(Object.values(decoded));
  }
}

/** One fresh, exactly-sized buffer: tfjs reads weightData from byte 0 to the end. */
function concatBytes(parts: Uint8Array[]): Uint8Array {
  const total = parts.reduce((sum, p) => sum + p.byteLength, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}
