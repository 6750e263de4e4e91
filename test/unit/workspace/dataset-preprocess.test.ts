/**
 * The built-in recipes on real de-identified outputs of the sample set (tfjs cpu): an echo cine
 * becomes 32 z-scored 112×112 frames, a CT series a soft-tissue 128×128 slice, and an MR series
 * a 64³ volume ordered by slice position.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../../src/lib/deid/policy';
import { CT_SLICE_128, ECHO_CLIP_112, MR_VOLUME_64 } from '../../../src/lib/preprocess/recipe';
import { generateSampleSet } from '../../../src/lib/synthetic';
import { planScans } from '../../../src/lib/workspace/dataset-plan';
import { instanceInput, preprocessPlannedScan } from '../../../src/lib/workspace/dataset-preprocess';
import { DeidSession } from '../../../src/lib/workspace/deid-session';
import { ImportSession } from '../../../src/lib/workspace/import-session';

let deid: DeidSession;
const read = async (path: string) => deid.output(path)!;

beforeAll(async () => {
  await tf.setBackend('cpu');
  const set = await generateSampleSet({ patients: 2, echoStudies: 2, ct: true, mr: true });
  const imports = new ImportSession();
  await imports.add(set.files.map((f) => ({ blob: new Blob([f.bytes as BlobPart]), path: f.path })));
  deid = new DeidSession(imports);
  await deid.run({ policy: defaultPolicy(), secret: new Uint8Array(32).fill(3) });
}, 120_000);

function stats(data: Float32Array): { mean: number; sd: number } {
  let sum = 0;
  for (const v of data) sum += v;
  const mean = sum / data.length;
  let squares = 0;
  for (const v of data) squares += (v - mean) ** 2;
  return { mean, sd: Math.sqrt(squares / data.length) };
}

describe('preprocessPlannedScan', () => {
  it('reads an echo cine with its frame timing and sector, and makes a 32-frame 112×112 z-scored clip', async () => {
    const [scan] = planScans(deid.outputs.items(), 'cine');
    const input = await instanceInput(await read(scan!.paths[0]!));
    expect(input.shape).toEqual([16, 144, 192, 1]);
    expect(input.ultrasoundRegions?.length).toBeGreaterThan(0);
    expect(input.frameTimesMs ?? input.frameRateFps).toBeDefined();
    const before = tf.memory().numTensors;
    const out = await preprocessPlannedScan(scan!, read, ECHO_CLIP_112);
    expect(tf.memory().numTensors).toBe(before);
    expect(out.shape).toEqual([32, 112, 112, 1]);
    const { mean, sd } = stats(out.data);
    expect(Math.abs(mean)).toBeLessThan(1e-4);
    expect(sd).toBeCloseTo(1, 4);
  });

  it('windows a CT slice to 0..1 at 128×128', async () => {
    const ct = planScans(deid.outputs.items(), 'image', ['CT']);
    expect(ct.length).toBeGreaterThan(1);
    const out = await preprocessPlannedScan(ct[0]!, read, CT_SLICE_128);
    expect(out.shape).toEqual([1, 128, 128, 1]);
    expect(Math.min(...out.data)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...out.data)).toBeLessThanOrEqual(1);
  });

  it('orders an MR series into a 64×64×64 volume', async () => {
    const [volume] = planScans(deid.outputs.items(), 'volume', ['MR']);
    expect(volume!.paths.length).toBe(12);
    const out = await preprocessPlannedScan(volume!, read, MR_VOLUME_64);
    expect(out.shape).toEqual([64, 64, 64, 1]);
    expect(stats(out.data).sd).toBeCloseTo(1, 4);
  });
});
