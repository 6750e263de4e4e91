// Hand-written because NPY is a tiny, stable format (magic, a Python-literal header, raw bytes)
// and no maintained npm package writes it in a browser without pulling in Node's Buffer.
import { EnclaveError } from '../jobs';
import { concatBytes } from '../util/concat-bytes';
import {
  assertTensor, elementCount, fromLittleEndianBytes, toLittleEndianBytes,
  type Tensor, type TensorDtype,
} from './dtype';

/**
 * NumPy's .npy format (numpy/lib/format.py, "NEP 1"): `\x93NUMPY`, major and minor version,
 * the header length (uint16 in 1.0, uint32 in 2.0), then an ASCII Python dict literal
 * `{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }` padded with spaces and ended
 * by '\n' so the data starts on a 64-byte boundary, then the elements in C order.
 */
const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const ALIGNMENT = 64;
const V1_MAX_HEADER = 0xffff;

const DESCR: Readonly<Record<TensorDtype, string>> = {
  float32: '<f4', float16: '<f2', uint8: '|u1', int16: '<i2', uint16: '<u2',
};
const DTYPE_OF_DESCR: Readonly<Record<string, TensorDtype>> = {
  '<f4': 'float32', '<f2': 'float16', '|u1': 'uint8', '<u1': 'uint8', '|i2': 'int16', '<i2': 'int16', '<u2': 'uint16',
};

export function npyDescr(dtype: TensorDtype): string {
  return DESCR[dtype];
}

/** Python's repr of a shape tuple: `()`, `(5,)`, `(2, 3)`. */
export function pythonShape(shape: readonly number[]): string {
  if (shape.length === 1) return `(${shape[0]},)`;
  return `(${shape.join(', ')})`;
}

/** The header dict and its padding, as numpy writes it, in version 1.0 unless it does not fit. */
function encodeHeader(dtype: TensorDtype, shape: readonly number[]): Uint8Array {
  const dict = `{'descr': '${DESCR[dtype]}', 'fortran_order': False, 'shape': ${pythonShape(shape)}, }`;
  const build = (lengthBytes: 2 | 4): { text: string; total: number } => {
    const prefix = MAGIC.length + 2 + lengthBytes;
    const unpadded = prefix + dict.length + 1; // + '\n'
    const total = Math.ceil(unpadded / ALIGNMENT) * ALIGNMENT;
    return { text: dict + ' '.repeat(total - unpadded) + '\n', total };
  };
  let lengthBytes: 2 | 4 = 2;
  let { text, total } = build(2);
  if (text.length > V1_MAX_HEADER) {
    lengthBytes = 4;
    ({ text, total } = build(4));
  }
  const out = new Uint8Array(total);
  out.set(MAGIC, 0);
  out[6] = lengthBytes === 2 ? 1 : 2;
  out[7] = 0;
  const view = new DataView(out.buffer);
  if (lengthBytes === 2) view.setUint16(8, text.length, true);
  else view.setUint32(8, text.length, true);
  const start = MAGIC.length + 2 + lengthBytes;
  for (let i = 0; i < text.length; i++) out[start + i] = text.charCodeAt(i);
  return out;
}

/** One tensor as the bytes of a .npy file, little-endian, C order. */
export function writeNpy(tensor: Tensor): Uint8Array {
  assertTensor(tensor);
  return concatBytes([encodeHeader(tensor.dtype, tensor.shape), toLittleEndianBytes(tensor.dtype, tensor.data)]);
}

/** Reads the .npy files this module writes (and numpy's own of the same dtypes), for round trips. */
export function readNpy(bytes: Uint8Array): Tensor {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) throw badNpy('it does not start with the NPY magic bytes');
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let headerLength: number;
  let start: number;
  if (major === 1) {
    headerLength = view.getUint16(8, true);
    start = 10;
  } else if (major === 2 || major === 3) {
    if (bytes.length < 12) throw badNpy('the header is cut off');
    headerLength = view.getUint32(8, true);
    start = 12;
  } else {
    throw badNpy(`format version ${major} is not one this app reads (1, 2 or 3)`);
  }
  if (start + headerLength > bytes.length) throw badNpy('the header runs past the end of the file');
  const header = new TextDecoder().decode(bytes.subarray(start, start + headerLength));
  const descr = /'descr'\s*:\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) throw badNpy('its header lacks descr, fortran_order or shape');
  const dtype = DTYPE_OF_DESCR[descr];
  if (dtype === undefined) throw badNpy(`its element type ${descr} is not float32, float16, uint8, int16 or uint16 (little-endian)`);
  if (fortran === 'True') throw badNpy('it is in Fortran order; save it with numpy.ascontiguousarray first');
  const shape = shapeText.split(',').map((s) => s.trim()).filter((s) => s !== '').map(Number);
  if (shape.some((d) => !Number.isSafeInteger(d) || d < 0)) throw badNpy(`its shape (${shapeText}) is not a tuple of whole numbers`);
  const dataStart = start + headerLength;
  const byteLength = elementCount(shape) * (dtype === 'uint8' ? 1 : dtype === 'float32' ? 4 : 2);
  if (bytes.length - dataStart !== byteLength) {
    throw badNpy(`it holds ${bytes.length - dataStart} bytes of data but its shape and type need ${byteLength}`);
  }
  return { dtype, shape, data: fromLittleEndianBytes(dtype, bytes.subarray(dataStart)) };
}

function badNpy(reason: string): EnclaveError {
  return new EnclaveError('InvalidInputError', `This is not a .npy file the app can read: ${reason}.`);
}
