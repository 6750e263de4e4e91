import { readHeader, type NIFTI1, type NIFTI2 } from 'nifti-reader-js';
import { EnclaveError } from '../jobs';
import type { ByteSource } from './byte-source';
import { gunzipByteSource } from './inflate';

/**
 * NIfTI-1/-2 volumes (.nii, .nii.gz): the header through nifti-reader-js, voxels read lazily
 * one frame (one 2-D slice) at a time, so a 1 GB fMRI series is never in memory at once.
 * Frames run slice-fastest: frame k is slice k % nz of volume floor(k / nz), which is how the
 * voxels lie in the file (x fastest, then y, z, t).
 */
export interface NiftiHeaderInfo {
  version: 1 | 2;
  littleEndian: boolean;
  /** dim[1..dim[0]]: x, y, z, t, … */
  dims: number[];
  /** pixdim[1..dim[0]]: voxel size (mm) and time step, in the units of xyztUnits. */
  pixdim: number[];
  datatypeCode: number;
  datatype: NiftiDatatype;
  bitsPerVoxel: number;
  /** From the datatype (bitpix is sometimes wrong in the wild). */
  bytesPerVoxel: number;
  /** As stored; a slope of 0 means "no scaling" (NIfTI-1 §scl_slope). See intensityScale. */
  sclSlope: number;
  sclInter: number;
  qformCode: number;
  sformCode: number;
  /** 4×4 voxel-to-world matrices (row major), from quatern_* and srow_* respectively. */
  qform: number[][];
  sform: number[][];
  voxOffset: number;
  xyztUnits: number;
  description: string;
}

export type NiftiDatatype = 'uint8' | 'int8' | 'int16' | 'uint16' | 'int32' | 'uint32' | 'float32' | 'float64' | 'rgb24' | 'rgba32';

const DATATYPES: Record<number, { name: NiftiDatatype; bytes: number }> = {
  2: { name: 'uint8', bytes: 1 },
  4: { name: 'int16', bytes: 2 },
  8: { name: 'int32', bytes: 4 },
  16: { name: 'float32', bytes: 4 },
  64: { name: 'float64', bytes: 8 },
  128: { name: 'rgb24', bytes: 3 },
  256: { name: 'int8', bytes: 1 },
  512: { name: 'uint16', bytes: 2 },
  768: { name: 'uint32', bytes: 4 },
  2304: { name: 'rgba32', bytes: 4 },
};

const SAMPLE_BYTES: Record<NiftiDatatype, number> = { uint8: 1, int8: 1, int16: 2, uint16: 2, int32: 4, uint32: 4, float32: 4, float64: 8, rgb24: 1, rgba32: 1 };
const MACHINE_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

const UNSUPPORTED_DATATYPES: Record<number, string> = { 32: 'complex64', 1024: 'int64', 1280: 'uint64', 1536: 'float128', 1792: 'complex128', 2048: 'complex256' };

export type NiftiTypedArray = Uint8Array | Int8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array;

export interface NiftiVolume {
  header: NiftiHeaderInfo;
  compressed: boolean;
  width: number;
  height: number;
  /** Slices per volume (dim[3], 1 for 2-D images). */
  slices: number;
  /** Volumes (product of dim[4..]), e.g. time points. */
  volumes: number;
  /** slices × volumes */
  frames: number;
  /** Bytes of one frame: width × height × bytes per voxel. */
  frameBytes: number;
  /** Slope and intercept to apply to stored values (1 and 0 when the header says none). */
  intensityScale: { slope: number; intercept: number };
  /** The frame's bytes as stored (file byte order). */
  readFrameBytes(index: number): Promise<Uint8Array>;
  /** The frame as a typed array in this machine's byte order (rgb24/rgba32: interleaved Uint8Array). */
  readFrame(index: number): Promise<NiftiTypedArray>;
}

/** A header we cannot use, with the reason shown to the person. */
export class NiftiProblem {
  constructor(
    readonly code: 'damaged' | 'unsupported',
    readonly reason: string,
  ) {}
}

/** Header plus the 4-byte extension flag: where voxels start at the earliest. */
const MIN_VOX_OFFSET = { 1: 352, 2: 544 } as const;
/** NIfTI-2 headers are 540 bytes; 4 more hold the extension flag. */
const HEADER_READ = 544;

function toHeaderInfo(h: NIFTI1 | NIFTI2, version: 1 | 2): NiftiHeaderInfo | NiftiProblem {
  const rank = h.dims[0] ?? 0;
  if (!(rank >= 1 && rank <= 7)) return new NiftiProblem('damaged', `NIfTI header is damaged (dim[0] = ${rank}, must be 1 to 7)`);
  const dims = h.dims.slice(1, rank + 1);
  if (dims.some((d) => !(Number.isInteger(d) && d > 0))) return new NiftiProblem('damaged', `NIfTI header is damaged (dimensions ${dims.join('×')})`);
  const type = DATATYPES[h.datatypeCode];
  if (!type) {
    const name = UNSUPPORTED_DATATYPES[h.datatypeCode];
    return name
      ? new NiftiProblem('unsupported', `NIfTI voxels of type ${name} are not supported`)
      : new NiftiProblem('damaged', `NIfTI header is damaged (unknown datatype ${h.datatypeCode})`);
  }
  return {
    version,
    littleEndian: h.littleEndian,
    dims,
    pixdim: h.pixDims.slice(1, rank + 1),
    datatypeCode: h.datatypeCode,
    datatype: type.name,
    bitsPerVoxel: h.numBitsPerVoxel,
    bytesPerVoxel: type.bytes,
    sclSlope: h.scl_slope,
    sclInter: h.scl_inter,
    qformCode: h.qform_code,
    sformCode: h.sform_code,
    qform: h.getQformMat(),
    sform: h.affine.map((row) => [...row]),
    // Some writers leave vox_offset 0 in a single .nii; the data then follow the header (as nibabel reads it).
    voxOffset: h.vox_offset >= MIN_VOX_OFFSET[version] ? Math.floor(h.vox_offset) : MIN_VOX_OFFSET[version],
    xyztUnits: h.xyzt_units,
    description: h.description,
  };
}

function typed(bytes: Uint8Array, datatype: NiftiDatatype, littleEndian: boolean): NiftiTypedArray {
  const copy = bytes.slice(); // aligned and owned, so the typed views below are valid
  const sampleBytes = SAMPLE_BYTES[datatype];
  if (sampleBytes > 1 && littleEndian !== MACHINE_LITTLE_ENDIAN) {
    for (let i = 0; i + sampleBytes <= copy.length; i += sampleBytes) copy.subarray(i, i + sampleBytes).reverse();
  }
  const b = copy.buffer;
  switch (datatype) {
    case 'int8': return new Int8Array(b);
    case 'int16': return new Int16Array(b);
    case 'uint16': return new Uint16Array(b);
    case 'int32': return new Int32Array(b);
    case 'uint32': return new Uint32Array(b);
    case 'float32': return new Float32Array(b);
    case 'float64': return new Float64Array(b);
    default: return copy; // uint8, rgb24, rgba32
  }
}

/** Reads and checks the header; the data source may be re-opened for volumes over 4 GiB. */
async function readNiftiHeader(bytes: ByteSource, version: 1 | 2): Promise<NiftiHeaderInfo | NiftiProblem> {
  let head: Uint8Array<ArrayBuffer>;
  try {
    head = new Uint8Array(await bytes.read(0, HEADER_READ));
  } catch {
    return new NiftiProblem('damaged', 'NIfTI file is damaged: its compressed data cannot be read');
  }
  if (head.length < (version === 1 ? 348 : 540)) return new NiftiProblem('damaged', 'NIfTI file is cut short inside its header');
  // Extensions are not needed and may be megabytes long; hide the flag so the reader skips them.
  head.fill(0, version === 1 ? 348 : 540, version === 1 ? 352 : 544);
  try {
    return toHeaderInfo(readHeader(head.buffer), version);
  } catch (error) {
    return new NiftiProblem('damaged', `NIfTI header is damaged (${(error as Error).message})`);
  }
}

const FOUR_GIB = 2 ** 32;

/**
 * Opens a .nii or .nii.gz (`compressed`) source: reads the header only. Resolves to a
 * NiftiProblem (a row for the report) when the file is not a usable NIfTI volume.
 */
export async function openNifti(source: ByteSource, options: { compressed: boolean; version: 1 | 2; label?: string }): Promise<NiftiVolume | NiftiProblem> {
  const { compressed, version, label = 'file' } = options;
  let data = compressed ? await gunzipByteSource(source, label) : source;
  const header = await readNiftiHeader(data, version);
  if (header instanceof NiftiProblem) return header;
  const [width = 1, height = 1, slices = 1, ...rest] = header.dims;
  const volumes = rest.reduce((a, b) => a * b, 1);
  const frameBytes = width * height * header.bytesPerVoxel;
  const frames = slices * volumes;
  const dataEnd = header.voxOffset + frames * frameBytes;
  if (compressed && dataEnd >= FOUR_GIB) {
    data = await gunzipByteSource(source, label, dataEnd); // the gzip trailer holds the size modulo 4 GiB
  } else if (dataEnd > data.size) {
    return new NiftiProblem('damaged', `NIfTI file is cut short: its header describes ${dataEnd} bytes but it holds ${data.size}`);
  }
  const bytes = data;
  const noScaling = header.sclSlope === 0 || !Number.isFinite(header.sclSlope);
  const slope = noScaling ? 1 : header.sclSlope;
  const intercept = noScaling || !Number.isFinite(header.sclInter) ? 0 : header.sclInter;
  const readFrameBytes = async (index: number): Promise<Uint8Array> => {
    if (!(Number.isInteger(index) && index >= 0 && index < frames)) throw new RangeError(`frame ${index} is outside 0..${frames - 1}`);
    const frame = await bytes.read(header.voxOffset + index * frameBytes, frameBytes);
    if (frame.length < frameBytes) throw new EnclaveError('InvalidInputError', `${label} is cut short at frame ${index}.`);
    return frame;
  };
  return {
    header,
    compressed,
    width,
    height,
    slices,
    volumes,
    frames,
    frameBytes,
    intensityScale: { slope, intercept },
    readFrameBytes,
    readFrame: async (index) => typed(await readFrameBytes(index), header.datatype, header.littleEndian),
  };
}
