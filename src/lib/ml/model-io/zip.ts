/**
 * A model as one zip: model.json and weights.bin in the standard tfjs layers format (loadable
 * by any tfjs app as they are), plus model-card.json. Importing checks all three.
 */
import type * as tf from '@tensorflow/tfjs';
import { strToU8, unzipSync, zipSync, type Unzipped, type Zippable } from 'fflate';
import { EnclaveError } from '../../jobs';
import { loadModelFromParts, modelToFiles, parseModelJson, WEIGHTS_FILE, type ModelFiles } from './artifacts';
import { validateModelCard, type ModelCard } from './model-card';

export const MODEL_JSON_FILE = 'model.json';
export const MODEL_CARD_FILE = 'model-card.json';

export async function exportModelZip(model: tf.LayersModel, card: ModelCard): Promise<Uint8Array> {
  validateModelCard(card);
  const modelInput = model.inputs[0]?.shape.slice(1);
  if (modelInput && JSON.stringify(modelInput) !== JSON.stringify(card.inputShape)) {
    throw new EnclaveError('InvalidInputError', `The card says the input is [${card.inputShape.join(', ')}] but the model takes [${modelInput.join(', ')}].`);
  }
  return zipSync({ ...modelEntries(await modelToFiles(model)), [MODEL_CARD_FILE]: strToU8(JSON.stringify(card, null, 2)) });
}

/** model.json and weights.bin alone: how a pretrained base model is kept (it has no card). */
export async function modelFilesZip(model: tf.LayersModel): Promise<Uint8Array> {
  return zipSync(modelEntries(await modelToFiles(model)));
}

function modelEntries({ modelJson, weights }: ModelFiles): Zippable {
  return {
    [MODEL_JSON_FILE]: strToU8(JSON.stringify(modelJson)),
    // Float weights barely compress; storing them keeps export fast for big models.
    [WEIGHTS_FILE]: [weights, { level: 0 }],
  };
}

export interface ImportedModel {
  model: tf.LayersModel;
  /** null for a zip made elsewhere (another tfjs app) that carries no Enclave card. */
  card: ModelCard | null;
}

export async function importModelZip(bytes: Uint8Array): Promise<ImportedModel> {
  let entries: Unzipped;
  try {
    entries = unzipSync(bytes);
  } catch (error) {
    throw new EnclaveError('ModelFormatError', `The file is not a readable zip (${(error as Error).message}).`, { cause: error });
  }
  const files = withoutCommonFolder(entries);
  const modelJsonBytes = files.get(MODEL_JSON_FILE);
  if (!modelJsonBytes) {
    throw new EnclaveError('ModelFormatError', `The zip has no ${MODEL_JSON_FILE}; it holds ${describeNames([...files.keys()])}. Export the model from Enclave or zip a tfjs layers model folder.`);
  }
  const modelJson = parseModelJson(modelJsonBytes, `${MODEL_JSON_FILE} in the zip`);
  const cardBytes = files.get(MODEL_CARD_FILE);
  const card = cardBytes ? validateModelCard(parseCardJson(cardBytes)) : null;
  const model = await loadModelFromParts(modelJson, files, 'the zip');
  const modelInput = model.inputs[0]?.shape.slice(1);
  if (card && modelInput && JSON.stringify(modelInput) !== JSON.stringify(card.inputShape)) {
    model.dispose();
    throw new EnclaveError('ModelFormatError', `${MODEL_CARD_FILE} says the input is [${card.inputShape.join(', ')}] but the model takes [${modelInput.join(', ')}]; the card belongs to another model.`);
  }
  return { model, card };
}

function parseCardJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new EnclaveError('ModelFormatError', `${MODEL_CARD_FILE} is not valid JSON (${(error as Error).message}).`, { cause: error });
  }
}

/** A zip of a folder puts every file under "folder/"; accept that as well as files at the root. */
function withoutCommonFolder(entries: Unzipped): Map<string, Uint8Array> {
  const names = Object.keys(entries).filter((name) => !name.endsWith('/') && !name.startsWith('__MACOSX/'));
  const firstSlash = names[0]?.indexOf('/') ?? -1;
  const prefix = firstSlash > 0 ? names[0]!.slice(0, firstSlash + 1) : '';
  const strip = prefix !== '' && names.every((name) => name.startsWith(prefix));
  return new Map(names.map((name) => [strip ? name.slice(prefix.length) : name, entries[name] as Uint8Array]));
}

function describeNames(names: string[]): string {
  if (names.length === 0) return 'no files';
  const shown = names.slice(0, 5).map((n) => `"${n}"`).join(', ');
  return names.length > 5 ? `${shown} and ${names.length - 5} more` : shown;
}
