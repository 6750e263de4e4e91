import { describe, expect, it } from 'vitest';
import { StudyTreeBuilder } from '../../../../src/lib/dicom/study-tree';
import { createRng } from '../../../../src/lib/synthetic/random';
import { fakeReader } from '../metadata/fake-reader';

/**
 * Growth, not speed: a builder that re-sorted or re-scanned a series on every add would make
 * about n²/4 comparisons (25 million for 10,000 instances); O(n log n) work makes a few hundred
 * thousand. Counting comparator calls checks this on any machine, however slow or busy.
 */
function streamIn(n: number, snapshots: number, seriesCount = 1): { comparisons: number; instances: number } {
  const rng = createRng(`tree-stream|${n}`);
  const order = rng.shuffled(Array.from({ length: n }, (_, k) => k));
  const builder = new StudyTreeBuilder();
  const every = Math.ceil(n / snapshots);
  order.forEach((k, added) => {
    builder.add({
      id: `f${k}`,
      path: `import/${k}.dcm`,
      reader: fakeReader({
        PatientID: `P${k % 7}`, StudyInstanceUID: `1.${k % 7}`, SeriesInstanceUID: `1.${k % 7}.${k % seriesCount}`,
        SOPInstanceUID: `2.${k}`, InstanceNumber: k, ImageOrientationPatient: '1\\0\\0\\0\\1\\0', ImagePositionPatient: `0\\0\\${k}`,
      }),
    });
    if ((added + 1) % every === 0) builder.snapshot();
  });
  const tree = builder.snapshot();
  const series = tree.patients.flatMap((p) => p.studies.flatMap((s) => s.series));
  for (const s of series) {
    const numbers = s.instances.map((i) => i.instanceNumber ?? NaN);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  }
  return { comparisons: builder.stats.comparisons, instances: series.reduce((sum, s) => sum + s.instanceCount, 0) };
}

describe('incremental building', () => {
  it('10,000 instances streamed in, with 20 snapshots on the way, cost O(n log n) comparisons', () => {
    const big = streamIn(10_000, 20);
    expect(big.instances).toBe(10_000);
    const nLogN = 10_000 * Math.log2(10_000);
    expect(big.comparisons).toBeLessThan(4 * nLogN); // about 530,000; quadratic would be ~25,000,000
    const small = streamIn(2_500, 20);
    // four times the instances: n log n grows about 4.7×, n² would grow 16×
    expect(big.comparisons / small.comparisons).toBeLessThan(6.5);
  });

  it('only re-sorts series that changed since the last snapshot', () => {
    const builder = new StudyTreeBuilder();
    const add = (k: number, series: string): void => builder.add({
      id: `${series}-${k}`, reader: fakeReader({ PatientID: 'P', StudyInstanceUID: '1', SeriesInstanceUID: series, InstanceNumber: k }),
    });
    for (let k = 0; k < 100; k++) add(k, 'big');
    add(0, 'small');
    builder.snapshot();
    const before = builder.stats.comparisons;
    add(1, 'small');
    builder.snapshot();
    expect(builder.stats.comparisons - before).toBe(1);
    const again = builder.snapshot();
    expect(builder.stats.comparisons - before).toBe(1);
    expect(again.patients[0]?.studies[0]?.series.map((s) => s.instanceCount)).toEqual([100, 2]);
  });
});
