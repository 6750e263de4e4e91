/**
 * Builds NIfTI-1 and NIfTI-2 files byte by byte (header layouts from nifti1.h and nifti2.h),
 * so the tests know every value they expect.
 */
export interface NiftiSpec {
  dims: number[];
  datatype: number;
  bitpix: number;
  pixdim: number[];
  slope: number;
  inter: number;
  qformCode: number;
  quatern: [number, number, number];
  qoffset: [number, number, number];
  sformCode: number;
  srow: [number[], number[], number[]];
  description: string;
  data: Uint8Array;
  littleEndian?: boolean;
  /** Override the magic (e.g. "ni1\0") or sizeof_hdr, to build damaged headers. */
  magic?: string;
  /** The vox_offset written in the header (the data always start at 352 / 544). */
  voxOffsetField?: number;
}

function putText(bytes: Uint8Array, at: number, text: string): void {
  for (let i = 0; i < text.length; i++) bytes[at + i] = text.charCodeAt(i);
}

export function buildNifti1(spec: NiftiSpec): Uint8Array {
  const le = spec.littleEndian ?? true;
  const voxOffset = 352;
  const out = new Uint8Array(voxOffset + spec.data.length);
  const v = new DataView(out.buffer);
  v.setInt32(0, 348, le);
  v.setInt16(40, spec.dims.length, le);
  spec.dims.forEach((d, i) => v.setInt16(42 + 2 * i, d, le));
  v.setInt16(70, spec.datatype, le);
  v.setInt16(72, spec.bitpix, le);
  v.setFloat32(76, 1, le); // qfac
  spec.pixdim.forEach((p, i) => v.setFloat32(80 + 4 * i, p, le));
  v.setFloat32(108, spec.voxOffsetField ?? voxOffset, le);
  v.setFloat32(112, spec.slope, le);
  v.setFloat32(116, spec.inter, le);
  out[123] = 2 + 8; // mm, seconds
  putText(out, 148, spec.description);
  v.setInt16(252, spec.qformCode, le);
  v.setInt16(254, spec.sformCode, le);
  spec.quatern.forEach((q, i) => v.setFloat32(256 + 4 * i, q, le));
  spec.qoffset.forEach((q, i) => v.setFloat32(268 + 4 * i, q, le));
  spec.srow.forEach((row, r) => row.forEach((x, c) => v.setFloat32(280 + 16 * r + 4 * c, x, le)));
  putText(out, 344, spec.magic ?? 'n+1\0');
  out.set(spec.data, voxOffset);
  return out;
}

export function buildNifti2(spec: NiftiSpec): Uint8Array {
  const le = spec.littleEndian ?? true;
  const voxOffset = 544;
  const out = new Uint8Array(voxOffset + spec.data.length);
  const v = new DataView(out.buffer);
  v.setInt32(0, 540, le);
  putText(out, 4, spec.magic ?? 'n+2\0\r\n\x1a\n');
  v.setInt16(12, spec.datatype, le);
  v.setInt16(14, spec.bitpix, le);
  v.setBigInt64(16, BigInt(spec.dims.length), le);
  spec.dims.forEach((d, i) => v.setBigInt64(24 + 8 * i, BigInt(d), le));
  v.setFloat64(104, 1, le);
  spec.pixdim.forEach((p, i) => v.setFloat64(112 + 8 * i, p, le));
  v.setBigInt64(168, BigInt(voxOffset), le);
  v.setFloat64(176, spec.slope, le);
  v.setFloat64(184, spec.inter, le);
  putText(out, 240, spec.description);
  v.setInt32(344, spec.qformCode, le);
  v.setInt32(348, spec.sformCode, le);
  spec.quatern.forEach((q, i) => v.setFloat64(352 + 8 * i, q, le));
  spec.qoffset.forEach((q, i) => v.setFloat64(376 + 8 * i, q, le));
  spec.srow.forEach((row, r) => row.forEach((x, c) => v.setFloat64(400 + 32 * r + 8 * c, x, le)));
  v.setInt32(500, 2 + 8, le);
  out.set(spec.data, voxOffset);
  return out;
}

/** int16 voxels 4×3×2 (×2 volumes when `volumes` is 2): value = 10·i − 50 for voxel i. */
export function int16Voxels(count: number, littleEndian = true): Uint8Array {
  const out = new Uint8Array(count * 2);
  const v = new DataView(out.buffer);
  for (let i = 0; i < count; i++) v.setInt16(2 * i, 10 * i - 50, littleEndian);
  return out;
}

export function sampleSpec(overrides: Partial<NiftiSpec> = {}): NiftiSpec {
  const dims = overrides.dims ?? [4, 3, 2];
  const count = dims.reduce((a, b) => a * b, 1);
  return {
    dims,
    datatype: 4,
    bitpix: 16,
    pixdim: [0.5, 0.75, 2],
    slope: 2,
    inter: -1,
    qformCode: 1,
    quatern: [0, 0, 0],
    qoffset: [10, 20, 30],
    sformCode: 2,
    srow: [
      [-0.5, 0, 0, 11],
      [0, 0.75, 0, 21],
      [0, 0, 2, 31],
    ],
    description: 'enclave test volume',
    data: int16Voxels(count, overrides.littleEndian ?? true),
    ...overrides,
  };
}
