import { f16round, getFloat16, setFloat16 } from '@petamoriken/float16';
import { EnclaveError } from '../jobs';
import { fromLittleEndianBytes, toLittleEndianBytes } from './dtype';

/**
 * Which compact type a preprocessed float32 tensor is stored as, and how much it costs.
 *
 *  - uint8, when every value lies on an affine grid of at most 256 levels, `offset + k·scale`
 *    (k = 0…255): images normalised from 8-bit sources ([0, 1] in steps of 1/255, or 0…255,
 *    or any other scale the recipe states). Exactly lossless when decoding gives back the same
 *    float32; otherwise accepted only within float32 rounding of the grid (GRID_TOLERANCE of
 *    the grid's span), and the measured error is reported.
 *  - float16, when every value is finite within ±65504 and the largest relative error
 *    |f16(v) − v| / max(|v|, 2^-10 · max|v|) is at most FLOAT16_MAX_RELATIVE_ERROR (0.1 %).
 *    float16 keeps 11 significant bits, so rounding costs at most 2^-11 ≈ 0.049 % of a value;
 *    the floor of 2^-10 of the tensor's largest magnitude judges values near zero (where float16
 *    loses bits) against the tensor's scale, not against themselves.
 *  - float32 otherwise (lossless).
 */
export type StorageDtype = 'uint8' | 'float16' | 'float32';

export const FLOAT16_MAX_RELATIVE_ERROR = 1e-3;
export const FLOAT16_RELATIVE_FLOOR = 2 ** -10;
export const GRID_TOLERANCE = 2 ** -20;
const FLOAT16_MAX = 65504;

export interface Uint8Grid {
  /** value = offset + k · scale, k = 0…255 */
  offset: number;
  scale: number;
}

export interface StorageChoice {
  dtype: StorageDtype;
  /** For uint8: the grid the bytes index. */
  grid?: Uint8Grid;
  /** True when decoding gives back every float32 value bit for bit. */
  lossless: boolean;
  /** Measured over the whole tensor. */
  maxAbsError: number;
  /** Measured as described above (0 when lossless). */
  maxRelativeError: number;
  /** One sentence for the dataset summary, e.g. "float16, max abs error 2.4e-4 (0.05 % relative)". */
  statement: string;
}

export interface ChooseStorageOptions {
  /** The grid the recipe says its output lies on (an 8-bit source through a known scaling). */
  grid?: Uint8Grid;
  /** Default FLOAT16_MAX_RELATIVE_ERROR; 0 allows float16 only when it is exact. */
  float16MaxRelativeError?: number;
}

export function chooseStorage(values: Float32Array, options: ChooseStorageOptions = {}): StorageChoice {
  const uint8 = chooseUint8(values, options.grid);
  if (uint8) return uint8;
  const threshold = options.float16MaxRelativeError ?? FLOAT16_MAX_RELATIVE_ERROR;
  const half = measureFloat16(values);
  if (half && half.maxRelativeError <= threshold) {
    const lossless = half.maxAbsError === 0;
    return {
      dtype: 'float16', lossless, maxAbsError: half.maxAbsError, maxRelativeError: half.maxRelativeError,
      statement: lossless
        ? 'float16, lossless (every value is exact in half precision)'
        : `float16, max abs error ${fmt(half.maxAbsError)} (${fmt(half.maxRelativeError * 100)} % relative, limit ${fmt(threshold * 100)} %)`,
    };
  }
  const why = half ? `float16 would err by ${fmt(half.maxRelativeError * 100)} % relative` : 'values are outside float16 range or not finite';
  return { dtype: 'float32', lossless: true, maxAbsError: 0, maxRelativeError: 0, statement: `float32, lossless (${why})` };
}

const STANDARD_GRIDS: readonly Uint8Grid[] = [
  { offset: 0, scale: 1 / 255 },
  { offset: 0, scale: 1 },
];

function chooseUint8(values: Float32Array, hint: Uint8Grid | undefined): StorageChoice | undefined {
  const distinct = distinctValues(values, 256);
  if (!distinct || distinct.length === 0) return undefined;
  const grids = [...(hint ? [hint] : []), ...STANDARD_GRIDS, derivedGrid(distinct)];
  let best: { grid: Uint8Grid; error: number } | undefined;
  for (const grid of grids) {
    const error = gridError(distinct, grid);
    if (error === 0) {
      return { dtype: 'uint8', grid, lossless: true, maxAbsError: 0, maxRelativeError: 0, statement: `uint8, lossless (${describeGrid(grid)})` };
    }
    if (error !== undefined && (!best || error < best.error)) best = { grid, error };
  }
  if (!best) return undefined;
  const span = Math.max(Math.abs(best.grid.offset), Math.abs(best.grid.offset + 255 * best.grid.scale));
  return {
    dtype: 'uint8', grid: best.grid, lossless: false, maxAbsError: best.error, maxRelativeError: best.error / span,
    statement: `uint8 (${describeGrid(best.grid)}), max abs error ${fmt(best.error)}: float32 rounding of the grid`,
  };
}

/** The sorted distinct values, or undefined when there are more than `limit` or any is not finite. */
function distinctValues(values: Float32Array, limit: number): number[] | undefined {
  const seen = new Set<number>();
  for (const v of values) {
    if (!Number.isFinite(v)) return undefined;
    seen.add(v === 0 ? 0 : v); // -0 and 0 are one level
    if (seen.size > limit) return undefined;
  }
  return [...seen].sort((a, b) => a - b);
}

/** The grid whose first level is the smallest value and whose step is the smallest gap. */
function derivedGrid(distinct: readonly number[]): Uint8Grid {
  const first = distinct[0] ?? 0;
  let step = Infinity;
  for (let i = 1; i < distinct.length; i++) step = Math.min(step, (distinct[i] ?? 0) - (distinct[i - 1] ?? 0));
  return { offset: first, scale: Number.isFinite(step) ? step : 1 };
}

/** Largest decode error over the values, or undefined when a value is off the grid. */
function gridError(distinct: readonly number[], grid: Uint8Grid): number | undefined {
  if (!(grid.scale > 0) || !Number.isFinite(grid.offset)) return undefined;
  const span = Math.max(Math.abs(grid.offset), Math.abs(grid.offset + 255 * grid.scale));
  const tolerance = GRID_TOLERANCE * span;
  let worst = 0;
  for (const v of distinct) {
    const k = Math.round((v - grid.offset) / grid.scale);
    if (k < 0 || k > 255) return undefined;
    const error = Math.abs(Math.fround(grid.offset + k * grid.scale) - v);
    if (error > tolerance) return undefined;
    worst = Math.max(worst, error);
  }
  return worst;
}

function measureFloat16(values: Float32Array): { maxAbsError: number; maxRelativeError: number } | undefined {
  let maxAbs = 0;
  for (const v of values) {
    if (!Number.isFinite(v) || Math.abs(v) > FLOAT16_MAX) return undefined;
    maxAbs = Math.max(maxAbs, Math.abs(v));
  }
  const floor = FLOAT16_RELATIVE_FLOOR * maxAbs;
  let maxAbsError = 0;
  let maxRelativeError = 0;
  for (const v of values) {
    const error = Math.abs(f16round(v) - v);
    if (error === 0) continue;
    maxAbsError = Math.max(maxAbsError, error);
    maxRelativeError = Math.max(maxRelativeError, error / Math.max(Math.abs(v), floor));
  }
  return { maxAbsError, maxRelativeError };
}

function describeGrid(grid: Uint8Grid): string {
  if (grid.offset === 0 && grid.scale === 1 / 255) return 'values k/255';
  if (grid.offset === 0 && grid.scale === 1) return 'whole values 0–255';
  return `values ${fmt(grid.offset)} + k·${fmt(grid.scale)}`;
}

function fmt(x: number): string {
  return x === 0 ? '0' : Number(x.toPrecision(2)).toString();
}

/** The stored form: little-endian bytes of `dtype`, plus the grid for uint8. */
export interface EncodedTensor {
  dtype: StorageDtype;
  shape: readonly number[];
  bytes: Uint8Array;
  grid?: Uint8Grid;
}

export function encodeForStorage(shape: readonly number[], values: Float32Array, choice: Pick<StorageChoice, 'dtype' | 'grid'>): EncodedTensor {
  if (choice.dtype === 'float32') return { dtype: 'float32', shape, bytes: toLittleEndianBytes('float32', values) };
  if (choice.dtype === 'float16') {
    const bytes = new Uint8Array(values.length * 2);
    const view = new DataView(bytes.buffer);
    for (let i = 0; i < values.length; i++) setFloat16(view, i * 2, values[i] ?? 0, true);
    return { dtype: 'float16', shape, bytes };
  }
  const grid = choice.grid;
  if (!grid || !(grid.scale > 0)) throw new EnclaveError('InvalidInputError', 'uint8 storage needs the grid (offset and a positive scale) its bytes index.');
  const bytes = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    bytes[i] = Math.min(255, Math.max(0, Math.round(((values[i] ?? 0) - grid.offset) / grid.scale)));
  }
  return { dtype: 'uint8', shape, bytes, grid };
}

export function decodeFromStorage(encoded: Pick<EncodedTensor, 'dtype' | 'bytes' | 'grid'>): Float32Array {
  const { dtype, bytes } = encoded;
  if (dtype === 'float32') return fromLittleEndianBytes('float32', bytes);
  if (dtype === 'float16') {
    if (bytes.byteLength % 2 !== 0) throw new EnclaveError('InvalidInputError', `${bytes.byteLength} bytes are not a whole number of float16 values.`);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const out = new Float32Array(bytes.byteLength / 2);
    for (let i = 0; i < out.length; i++) out[i] = getFloat16(view, i * 2, true);
    return out;
  }
  const grid = encoded.grid;
  if (!grid) throw new EnclaveError('InvalidInputError', 'This uint8 tensor was stored without its grid (offset and scale), so its values cannot be recovered.');
  const table = new Float32Array(256);
  for (let k = 0; k < 256; k++) table[k] = grid.offset + k * grid.scale;
  const out = new Float32Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = table[bytes[i] ?? 0] ?? 0;
  return out;
}
