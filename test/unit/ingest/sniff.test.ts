import { readdirSync } from 'node:fs';
import { gzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { bytesByteSource } from '../../../src/lib/ingest/byte-source';
import { readFileMeta } from '../../../src/lib/ingest/file-meta';
import { sniff, sniffHead } from '../../../src/lib/ingest/sniff';
import { CORPUS_DIR, corpusAvailable, corpusBytes, fixtureBytes } from './helpers';
import { buildNifti1, buildNifti2, sampleSpec } from './nifti-fixture';

const kindOf = async (bytes: Uint8Array) => sniff(bytesByteSource(bytes));
const ascii = (text: string) => new TextEncoder().encode(text);

/** A Part 10 data set cut down to what follows the meta group: no preamble, no "DICM", no meta. */
function bareDataSet(part10: Uint8Array): Uint8Array {
  return part10.subarray(readFileMeta(part10, 132).dataSetOffset);
}

describe.skipIf(!corpusAvailable)('sniffing corpus DICOM', () => {
  it('finds every corpus .dcm to be DICOM with a file meta group, by bytes', async () => {
    const names = readdirSync(CORPUS_DIR).filter((n) => n.endsWith('.dcm'));
    expect(names.length).toBeGreaterThan(20);
    for (const name of names) {
      const result = await kindOf(corpusBytes(name));
      expect({ name, kind: result.kind }).toEqual({ name, kind: 'dicom' });
      expect(result.kind === 'dicom' && result.meta?.transferSyntaxUid).toMatch(/^1\.2\.840\.10008\.1\.2/);
    }
  });

  it('reads the meta group of CT_small (whose preamble holds a TIFF header)', async () => {
    expect(await kindOf(corpusBytes('CT_small.dcm'))).toEqual({
      kind: 'dicom',
      preamble: true,
      meta: expect.objectContaining({ mediaStorageSopClassUid: '1.2.840.10008.5.1.4.1.1.2', transferSyntaxUid: '1.2.840.10008.1.2.1' }),
    });
  });

  it('tells a DICOMDIR from an image by its Media Storage SOP Class', async () => {
    expect(await kindOf(corpusBytes('dicomdir/DICOMDIR'))).toMatchObject({ kind: 'dicomdir', meta: { mediaStorageSopClassUid: '1.2.840.10008.1.3.10' } });
    expect(await kindOf(corpusBytes('dicomdir/98892003/MR1/15820'))).toMatchObject({ kind: 'dicom', preamble: true });
  });

  it('recognises data sets without preamble: implicit VR, explicit VR, and "DICM" at 0', async () => {
    expect(await kindOf(bareDataSet(corpusBytes('MR_small_implicit.dcm')))).toEqual({ kind: 'dicom', preamble: false });
    expect(await kindOf(bareDataSet(corpusBytes('MR_small.dcm')))).toEqual({ kind: 'dicom', preamble: false });
    const metaOnly = corpusBytes('MR_small.dcm').subarray(132);
    expect(await kindOf(metaOnly)).toMatchObject({ kind: 'dicom', preamble: false, meta: { transferSyntaxUid: '1.2.840.10008.1.2.1' } });
    expect(await kindOf(corpusBytes('MR_small.dcm').subarray(128))).toMatchObject({ kind: 'dicom', preamble: false });
  });
});

describe('sniffing by first bytes', () => {
  it('reads past the first kilobyte when the meta group is longer', async () => {
    const el = (element: number, vr: string, value: Uint8Array) => {
      const long = vr === 'OB';
      const header = new Uint8Array(long ? 12 : 8);
      const view = new DataView(header.buffer);
      view.setUint16(0, 2, true);
      view.setUint16(2, element, true);
      header.set(ascii(vr), 4);
      if (long) view.setUint32(8, value.length, true);
      else view.setUint16(6, value.length, true);
      return [...header, ...value];
    };
    const uid = ascii('1.2.840.10008.1.3.10\0');
    const body = [...el(0x0001, 'OB', new Uint8Array(2000)), ...el(0x0002, 'UI', uid)];
    const groupLength = el(0x0000, 'UL', new Uint8Array(new Uint32Array([body.length]).buffer));
    const file = new Uint8Array([...new Uint8Array(128), ...ascii('DICM'), ...groupLength, ...body]);
    expect(sniffHead(file.subarray(0, 1024), file.length).kind).toBe('dicom');
    expect(await kindOf(file)).toMatchObject({ kind: 'dicomdir' });
  });

  it('recognises images, videos, archives and NIfTI', async () => {
    expect((await kindOf(fixtureBytes('still.png'))).kind).toBe('png');
    expect((await kindOf(fixtureBytes('still.jpg'))).kind).toBe('jpeg');
    expect(await kindOf(fixtureBytes('clip-h264.mp4'))).toEqual({ kind: 'video', container: 'mp4' });
    expect(await kindOf(fixtureBytes('clip-vp9.webm'))).toEqual({ kind: 'video', container: 'webm' });
    expect(await kindOf(fixtureBytes('clip-vp8.webm'))).toEqual({ kind: 'video', container: 'webm' });
    const mov = fixtureBytes('clip-h264.mp4').slice();
    mov.set(ascii('qt  '), 8);
    expect(await kindOf(mov)).toEqual({ kind: 'video', container: 'mov' });
    expect((await kindOf(zipSync({ 'a.txt': ascii('hello') }))).kind).toBe('zip');
    expect((await kindOf(gzipSync(ascii('hello')))).kind).toBe('gzip');
    expect(await kindOf(buildNifti1(sampleSpec()))).toEqual({ kind: 'nifti', version: 1 });
    expect(await kindOf(buildNifti1(sampleSpec({ littleEndian: false })))).toEqual({ kind: 'nifti', version: 1 });
    expect(await kindOf(buildNifti2(sampleSpec()))).toEqual({ kind: 'nifti', version: 2 });
  });

  it('gives a reason for everything it cannot import', async () => {
    const reason = async (bytes: Uint8Array) => {
      const result = await kindOf(bytes);
      return result.kind === 'unsupported' ? `${result.code}: ${result.reason}` : result.kind;
    };
    expect(await reason(new Uint8Array(0))).toBe('empty: empty file (0 bytes)');
    expect(await reason(ascii('%PDF-1.7 ...'))).toMatch(/^unsupported: PDF document/);
    expect(await reason(ascii('patient,label\n1,0\n'))).toMatch(/^unsupported: text file/);
    expect(await reason(buildNifti1(sampleSpec({ magic: 'ni1\0' })))).toMatch(/\.hdr\/\.img pair/);
    expect(await reason(buildNifti1(sampleSpec({ magic: '\0\0\0\0' })))).toMatch(/Analyze 7\.5/);
    const heic = new Uint8Array([0, 0, 0, 24, ...ascii('ftypheic'), 0, 0, 0, 0]);
    expect(await reason(heic)).toMatch(/HEIF\/AVIF/);
    expect(await reason(new Uint8Array([0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, ...ascii('AVI LIST')]))).toMatch(/AVI file: only MP4/);
    expect(await reason(new Uint8Array([0x00, 0x01, 0xfe, 0x80, 0x13, 0x37, 0xaa, 0x55, 0x99]))).toBe(
      'unsupported: not a DICOM, NIfTI, PNG, JPEG, MP4/MOV, WebM/MKV or zip file',
    );
  });
});
