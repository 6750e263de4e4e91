/**
 * A training checkpoint as one byte array for the artifacts store: a JSON header (position,
 * history, config, early-stopping state and each array's name and shape) followed by every
 * weight's float32 values, little-endian, in order. Early stopping's best weights go in the same
 * way, so nothing of the checkpoint is lost or approximated.
 */
import { EnclaveError } from '../jobs';
import type { Checkpoint, NamedArray } from '../ml/train';

const MAGIC = 'ENCLAVE-CKPT-1\n';
/** Every browser engine is little-endian; the DataView paths keep the format right elsewhere. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

interface ArrayEntry {
  name: string;
  shape: number[];
  length: number;
}

type Header = Omit<Checkpoint, 'weights' | 'optimizer' | 'earlyStopping'> & {
  weights: ArrayEntry[];
  optimizer: ArrayEntry[];
  earlyStopping: (Omit<NonNullable<Checkpoint['earlyStopping']>, 'bestWeights'> & { bestWeights: ArrayEntry[] | null }) | null;
};

function entries(arrays: readonly NamedArray[]): ArrayEntry[] {
  return arrays.map((a) => ({ name: a.name, shape: [...a.shape], length: a.values.length }));
}

export function encodeCheckpoint(checkpoint: Checkpoint): Uint8Array {
  const best = checkpoint.earlyStopping?.bestWeights ?? null;
  const header: Header = {
    ...checkpoint,
    weights: entries(checkpoint.weights),
    optimizer: entries(checkpoint.optimizer),
    earlyStopping: checkpoint.earlyStopping ? { ...checkpoint.earlyStopping, bestWeights: best ? entries(best) : null } : null,
  };
  const headerBytes = new TextEncoder().encode(MAGIC + JSON.stringify(header));
  // The floats start on a 4-byte boundary so they can be read in place.
  const start = Math.ceil((4 + headerBytes.length) / 4) * 4;
  const arrays = [...checkpoint.weights, ...checkpoint.optimizer, ...(best ?? [])];
  const floats = arrays.reduce((n, a) => n + a.values.length, 0);
  const out = new Uint8Array(start + floats * 4);
  new DataView(out.buffer).setUint32(0, headerBytes.length, true);
  out.set(headerBytes, 4);
  let offset = start;
  for (const array of arrays) {
    if (LITTLE_ENDIAN) new Float32Array(out.buffer, offset, array.values.length).set(array.values);
    else array.values.forEach((v, i) => new DataView(out.buffer).setFloat32(offset + i * 4, v, true));
    offset += array.values.length * 4;
  }
  return out;
}

export function decodeCheckpoint(bytes: Uint8Array): Checkpoint {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = bytes.byteLength >= 4 ? view.getUint32(0, true) : 0;
  const text = new TextDecoder().decode(bytes.subarray(4, 4 + headerLength));
  if (!text.startsWith(MAGIC)) throw corrupt('it does not start with the checkpoint header');
  let header: Header;
  try {
    header = JSON.parse(text.slice(MAGIC.length)) as Header;
  } catch {
    throw corrupt('its header is not valid JSON');
  }
  let offset = Math.ceil((4 + headerLength) / 4) * 4;
  const read = (list: readonly ArrayEntry[]): NamedArray[] => list.map((entry) => {
    const end = offset + entry.length * 4;
    if (end > bytes.byteLength) throw corrupt('it is shorter than its header says');
    const values = LITTLE_ENDIAN
      ? new Float32Array(bytes.buffer.slice(bytes.byteOffset + offset, bytes.byteOffset + end))
      : Float32Array.from({ length: entry.length }, (_, i) => view.getFloat32(offset + i * 4, true));
    offset = end;
    return { name: entry.name, shape: entry.shape, values };
  });
  const weights = read(header.weights);
  const optimizer = read(header.optimizer);
  const early = header.earlyStopping;
  const bestWeights = early?.bestWeights ? read(early.bestWeights) : null;
  return { ...header, weights, optimizer, earlyStopping: early ? { ...early, bestWeights } : null };
}

function corrupt(why: string): EnclaveError {
  return new EnclaveError('ModelFormatError', `The stored training checkpoint cannot be read (${why}); start the run again.`);
}
