import { EnclaveError } from '../jobs';

/**
 * The element types a dataset tensor may be stored or exported as. float16 has no native typed
 * array in our targets, so its elements travel as their IEEE 754 binary16 bit patterns in a
 * Uint16Array; `dtype` alone tells them apart from uint16 values.
 */
export type TensorDtype = 'float32' | 'float16' | 'uint8' | 'int16' | 'uint16';

export const TENSOR_DTYPES: readonly TensorDtype[] = ['float32', 'float16', 'uint8', 'int16', 'uint16'];

export interface TypedArrayOf {
  float32: Float32Array;
  float16: Uint16Array;
  uint8: Uint8Array;
  int16: Int16Array;
  uint16: Uint16Array;
}

export type TensorData = TypedArrayOf[TensorDtype];

/** A C-order (row-major) tensor: `data.length` is the product of `shape`. */
export interface Tensor<D extends TensorDtype = TensorDtype> {
  dtype: D;
  shape: readonly number[];
  data: TypedArrayOf[D];
}

export const BYTES_PER_ELEMENT: Readonly<Record<TensorDtype, number>> = {
  float32: 4, float16: 2, uint8: 1, int16: 2, uint16: 2,
};

export function isTensorDtype(value: unknown): value is TensorDtype {
  return typeof value === 'string' && (TENSOR_DTYPES as readonly string[]).includes(value);
}

export function elementCount(shape: readonly number[]): number {
  return shape.reduce((n, d) => n * d, 1);
}

export function assertShape(shape: readonly number[], what = 'The tensor'): void {
  for (const d of shape) {
    if (!Number.isSafeInteger(d) || d < 0) {
      throw new EnclaveError('InvalidInputError', `${what} has shape [${shape.join(', ')}]; every dimension must be a whole number ≥ 0.`);
    }
  }
}

/** Checks that data and shape agree, so a writer never records a shape its bytes do not have. */
export function assertTensor(tensor: Tensor, what = 'The tensor'): void {
  assertShape(tensor.shape, what);
  const expected = elementCount(tensor.shape);
  if (tensor.data.length !== expected) {
    throw new EnclaveError(
      'InvalidInputError',
      `${what} has ${tensor.data.length} elements but its shape [${tensor.shape.join(', ')}] needs ${expected}.`,
    );
  }
}

/** An empty typed array of the dtype's storage type, `length` elements long. */
export function allocate<D extends TensorDtype>(dtype: D, length: number): TypedArrayOf[D] {
  const arrays: { [K in TensorDtype]: (n: number) => TypedArrayOf[K] } = {
    float32: (n) => new Float32Array(n),
    float16: (n) => new Uint16Array(n),
    uint8: (n) => new Uint8Array(n),
    int16: (n) => new Int16Array(n),
    uint16: (n) => new Uint16Array(n),
  };
  return arrays[dtype](length);
}

const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The elements as little-endian bytes (a copy), the byte order of .npy files and of our chunks. */
export function toLittleEndianBytes(dtype: TensorDtype, data: TensorData): Uint8Array {
  const out = new Uint8Array(data.byteLength);
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  if (!HOST_IS_LITTLE_ENDIAN) swapInPlace(out, BYTES_PER_ELEMENT[dtype]);
  return out;
}

/** Little-endian bytes back to elements (a copy, so the result is aligned whatever the input). */
export function fromLittleEndianBytes<D extends TensorDtype>(dtype: D, bytes: Uint8Array): TypedArrayOf[D] {
  const size = BYTES_PER_ELEMENT[dtype];
  if (bytes.byteLength % size !== 0) {
    throw new EnclaveError('InvalidInputError', `${bytes.byteLength} bytes are not a whole number of ${dtype} elements (${size} bytes each).`);
  }
  const data = allocate(dtype, bytes.byteLength / size);
  const view = new Uint8Array(data.buffer);
  view.set(bytes);
  if (!HOST_IS_LITTLE_ENDIAN) swapInPlace(view, size);
  return data;
}

function swapInPlace(bytes: Uint8Array, size: number): void {
  if (size === 1) return;
  for (let i = 0; i < bytes.length; i += size) bytes.subarray(i, i + size).reverse();
}
