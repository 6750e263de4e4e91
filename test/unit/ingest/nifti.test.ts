import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { bytesByteSource } from '../../../src/lib/ingest/byte-source';
import { NiftiProblem, openNifti, type NiftiVolume } from '../../../src/lib/ingest/nifti';
import { countingSource } from './helpers';
import { buildNifti1, buildNifti2, sampleSpec } from './nifti-fixture';

async function open(bytes: Uint8Array, compressed = false, version: 1 | 2 = 1): Promise<NiftiVolume> {
  const result = await openNifti(bytesByteSource(bytes), { compressed, version });
  if (result instanceof NiftiProblem) throw new Error(result.reason);
  return result;
}

const QFORM = [
  [0.5, 0, 0, 10],
  [0, 0.75, 0, 20],
  [0, 0, 2, 30],
  [0, 0, 0, 1],
];
const SFORM = [
  [-0.5, 0, 0, 11],
  [0, 0.75, 0, 21],
  [0, 0, 2, 31],
  [0, 0, 0, 1],
];

describe('NIfTI volumes', () => {
  it('reads the header of a .nii: dims, pixdim, datatype, scaling, qform and sform', async () => {
    const volume = await open(buildNifti1(sampleSpec()));
    expect(volume.header).toMatchObject({
      version: 1,
      littleEndian: true,
      dims: [4, 3, 2],
      pixdim: [0.5, 0.75, 2],
      datatypeCode: 4,
      datatype: 'int16',
      bitsPerVoxel: 16,
      sclSlope: 2,
      sclInter: -1,
      qformCode: 1,
      sformCode: 2,
      voxOffset: 352,
      description: 'enclave test volume',
    });
    expect(volume.header.qform).toEqual(QFORM);
    expect(volume.header.sform).toEqual(SFORM);
    expect(volume).toMatchObject({ width: 4, height: 3, slices: 2, volumes: 1, frames: 2, frameBytes: 24, intensityScale: { slope: 2, intercept: -1 } });
  });

  it('reads one slice per frame, lazily, with literal voxel values', async () => {
    const bytes = buildNifti1(sampleSpec());
    const source = countingSource(bytes);
    const result = await openNifti(source, { compressed: false, version: 1 });
    if (result instanceof NiftiProblem) throw new Error(result.reason);
    const headerRead = source.bytesRead;
    expect(headerRead).toBeLessThanOrEqual(544);
    expect([...(await result.readFrame(1))]).toEqual([70, 80, 90, 100, 110, 120, 130, 140, 150, 160, 170, 180]);
    expect(source.bytesRead - headerRead).toBe(24);
    expect([...(await result.readFrame(0))].slice(0, 3)).toEqual([-50, -40, -30]);
    await expect(result.readFrame(2)).rejects.toThrow(RangeError);
  });

  it('swaps big-endian voxels to this machine\'s order', async () => {
    const volume = await open(buildNifti1(sampleSpec({ littleEndian: false })));
    expect(volume.header.littleEndian).toBe(false);
    expect(volume.header.dims).toEqual([4, 3, 2]);
    expect([...(await volume.readFrame(1))].slice(0, 3)).toEqual([70, 80, 90]);
  });

  it('counts frames over slices and volumes of a 4-D series', async () => {
    const volume = await open(buildNifti1(sampleSpec({ dims: [4, 3, 2, 2], pixdim: [0.5, 0.75, 2, 1.5] })));
    expect(volume).toMatchObject({ slices: 2, volumes: 2, frames: 4 });
    expect(volume.header.pixdim).toEqual([0.5, 0.75, 2, 1.5]);
    expect((await volume.readFrame(3))[11]).toBe(10 * 47 - 50);
  });

  it('reads a .nii.gz the same way, inflating only as far as asked', async () => {
    const plain = buildNifti1(sampleSpec({ dims: [64, 64, 40] }));
    const gz = gzipSync(plain);
    const volume = await open(gz, true);
    expect(volume.compressed).toBe(true);
    expect(volume.header.dims).toEqual([64, 64, 40]);
    const frame = await volume.readFrame(39);
    expect(frame[0]).toBe(((10 * (39 * 4096) - 50) << 16) >> 16); // int16 wrap-around, as stored
    const again = await volume.readFrame(2);
    expect(again[1]).toBe(((10 * (2 * 4096 + 1) - 50) << 16) >> 16);
  });

  it('reads NIfTI-2 (64-bit dims, double pixdim and matrices)', async () => {
    const volume = await open(buildNifti2(sampleSpec()), false, 2);
    expect(volume.header).toMatchObject({ version: 2, dims: [4, 3, 2], pixdim: [0.5, 0.75, 2], datatype: 'int16', sclSlope: 2, sclInter: -1, voxOffset: 544 });
    expect(volume.header.qform).toEqual(QFORM);
    expect(volume.header.sform).toEqual(SFORM);
    expect([...(await volume.readFrame(1))].slice(0, 2)).toEqual([70, 80]);
  });

  it('treats a zero slope as "no scaling"', async () => {
    const volume = await open(buildNifti1(sampleSpec({ slope: 0, inter: 5 })));
    expect(volume.intensityScale).toEqual({ slope: 1, intercept: 0 });
    expect((await open(buildNifti1(sampleSpec({ slope: Number.NaN, inter: 5 })))).intensityScale).toEqual({ slope: 1, intercept: 0 });
  });

  it('reads voxels right after the header when vox_offset is 0', async () => {
    const volume = await open(buildNifti1(sampleSpec({ voxOffsetField: 0 })));
    expect(volume.header.voxOffset).toBe(352);
    expect([...(await volume.readFrame(0))].slice(0, 2)).toEqual([-50, -40]);
  });

  it('turns damaged headers and short files into reasons', async () => {
    const reason = async (bytes: Uint8Array, compressed = false) => {
      const result = await openNifti(bytesByteSource(bytes), { compressed, version: 1 });
      return result instanceof NiftiProblem ? `${result.code}: ${result.reason}` : 'ok';
    };
    const full = buildNifti1(sampleSpec());
    expect(await reason(full.subarray(0, full.length - 10))).toMatch(/^damaged: NIfTI file is cut short/);
    expect(await reason(full.subarray(0, 200))).toMatch(/^damaged: NIfTI file is cut short inside its header/);
    expect(await reason(buildNifti1(sampleSpec({ dims: [4, 0, 2] })))).toMatch(/^damaged: NIfTI header is damaged \(dimensions/);
    expect(await reason(buildNifti1(sampleSpec({ datatype: 32, bitpix: 64 })))).toBe('unsupported: NIfTI voxels of type complex64 are not supported');
    const gz = gzipSync(full);
    expect(await reason(gz.subarray(0, gz.length - 30), true)).toMatch(/^damaged/);
  });
});
