/**
 * Cleaned pixels written through the edit module (replacePixelData + pixel module values) and
 * read back by an independent reader: Debian's python3-pydicom decodes every output's pixels.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serializePart10, toEditable } from '../../../../src/lib/dicom/edit';
import { parseDicomBytes } from '../../../../src/lib/dicom/parse';
import { applyCleanedPixels, cleanPixelData, instanceIdentity, planMasks } from '../../../../src/lib/deid/pixels';
import { CORPUS_DIR, CORPUS_SKIP, corpusAvailable, greyFrames, loadInstance } from './helpers';

const pydicomAvailable = existsSync('/usr/bin/python3') && (() => {
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import pydicom, numpy'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!corpusAvailable) console.warn(CORPUS_SKIP);
if (!pydicomAvailable) console.warn('Debian python3 with pydicom not found: pixel write/read check skipped');

const READ = `
import json, sys, pydicom, numpy as np
d = pydicom.dcmread(sys.argv[1])
a = d.pixel_array
top = a[..., :8, :40, :] if a.ndim == 4 else (a[..., :8, :40] )
print(json.dumps({"ts": str(d.file_meta.TransferSyntaxUID), "pi": str(d.PhotometricInterpretation), "shape": list(a.shape),
  "lossy": str(d.get("LossyImageCompression", "")), "planar": d.get("PlanarConfiguration"), "topMax": int(top.max()), "topMin": int(top.min())}))
`;

async function writeAndRead(name: string, losslessOutput: 'native' | 'rle' = 'native'): Promise<Record<string, unknown>> {
  const bytes = new Uint8Array(readFileSync(resolve(CORPUS_DIR, name)));
  const instance = loadInstance(bytes);
  const grey = await greyFrames(instance);
  const plan = await planMasks({ reader: instance.reader, identity: instanceIdentity(instance.reader) }, grey, { strategy: 'both', ocr: false });
  const cleaned = await cleanPixelData(instance.description, instance.frames, plan, { losslessOutput });
  const ds = toEditable(parseDicomBytes(bytes, { mode: 'full' }));
  applyCleanedPixels(ds, cleaned);
  const dir = mkdtempSync(join(tmpdir(), 'enclave-pixels-'));
  try {
    const path = join(dir, 'out.dcm');
    writeFileSync(path, serializePart10(ds));
    return JSON.parse(execFileSync('/usr/bin/python3', ['-c', READ, path], { encoding: 'utf8' })) as Record<string, unknown>;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.skipIf(!corpusAvailable || !pydicomAvailable)('cleaned pixels written and read back by pydicom', () => {
  it('JPEG baseline YBR_FULL_422 → explicit VR LE RGB, LossyImageCompression 01, top-left black', async () => {
    expect(await writeAndRead('examples_ybr_color.dcm')).toEqual({
      ts: '1.2.840.10008.1.2.1', pi: 'RGB', shape: [30, 240, 320, 3], lossy: '01', planar: 0, topMax: 0, topMin: 0,
    });
  }, 60_000);

  it('RLE palette colour, 2 frames → explicit VR LE, still PALETTE COLOR, LossyImageCompression 00 kept', async () => {
    const read = await writeAndRead('OBXXXX1A_rle_2frame.dcm');
    expect(read).toMatchObject({ ts: '1.2.840.10008.1.2.1', pi: 'PALETTE COLOR', shape: [2, 600, 800], lossy: '00' });
    expect(read.topMax).toBe(read.topMin); // the banner corner is one fill value
  }, 60_000);

  it('RLE palette colour re-encoded as RLE: pydicom decodes our RLE frames', async () => {
    const read = await writeAndRead('OBXXXX1A_rle_2frame.dcm', 'rle');
    expect(read).toMatchObject({ ts: '1.2.840.10008.1.2.5', pi: 'PALETTE COLOR', shape: [2, 600, 800], lossy: '00' });
    expect(read.topMax).toBe(read.topMin);
  }, 60_000);
});
