import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { runRecipeOverScans, type ScanJob } from '../../../../src/lib/preprocess/run';
import type { PreprocessRecipe } from '../../../../src/lib/preprocess/recipe';
import type { Progress } from '../../../../src/lib/jobs';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const CINE: PreprocessRecipe = { version: 1, kind: 'cine', steps: [{ op: 'resample-fps', fps: 10 }, { op: 'normalise', method: 'min-max' }], output: { channels: 1 } };

function cine(id: string, fps: number | undefined): ScanJob<string> {
  return {
    id,
    load: async () => ({ data: new Float32Array([0, 1, 2, 3]), shape: [4, 1, 1, 1], photometric: 'MONOCHROME2', ...(fps ? { frameRateFps: fps } : {}) }),
  };
}

describe('runRecipeOverScans', () => {
  it('streams scans one at a time; a scan without timing is a failure row, not an exception', async () => {
    const before = tf.memory().numTensors;
    async function* scans(): AsyncGenerator<ScanJob<string>> {
      yield cine('a', 20);
      yield cine('b', undefined);
      yield cine('c', 10);
    }
    const results: [string, number[]][] = [];
    const progress: Progress[] = [];
    const summary = await runRecipeOverScans(scans(), CINE, (id, r) => { results.push([id, Array.from(r.data)]); }, { total: 3, onProgress: (p) => progress.push(p) });
    // 'a': 4 frames at 20 fps (0…150 ms) to 10 fps: frames 0 and 2 → min-max [0, 1].
    expect(results).toEqual([['a', [0, 1]], ['c', [0, 1 / 3, 2 / 3, 1].map(Math.fround)]]);
    expect(summary.done).toBe(3);
    expect(summary.failed).toEqual([{ id: 'b', name: 'InvalidInputError', message: 'Step 1 (resample-fps): this cine has no frame timing (Frame Time, Frame Time Vector, Cine Rate or Recommended Display Frame Rate).' }]);
    expect(progress.map((p) => p.done)).toEqual([1, 2, 3]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a bad recipe stops before any scan loads', async () => {
    let loads = 0;
    const job: ScanJob<number> = { id: 1, load: async () => { loads++; return { data: new Float32Array(1), shape: [1, 1, 1, 1], photometric: 'MONOCHROME2' }; } };
    await expect(runRecipeOverScans([job], { ...CINE, kind: 'image' }, () => {})).rejects.toMatchObject({ name: 'RecipeError' });
    expect(loads).toBe(0);
  });
});
