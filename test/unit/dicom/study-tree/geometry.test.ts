import { describe, expect, it } from 'vitest';
import { buildStudyTree, summarisePositions, type SeriesNode } from '../../../../src/lib/dicom/study-tree';
import { fakeReader, type FakeAttributes } from '../metadata/fake-reader';

const AXIAL = '1\\0\\0\\0\\1\\0';

function series(slices: FakeAttributes[]): SeriesNode {
  const node = buildStudyTree(slices.map((a, k) => ({
    id: `s${k}`, reader: fakeReader({ PatientID: 'P', StudyInstanceUID: '1', SeriesInstanceUID: '1.1', Rows: 64, Columns: 64, InstanceNumber: k + 1, ...a }),
  }))).patients[0]?.studies[0]?.series[0];
  if (!node) throw new Error('no series');
  return node;
}

const axialAt = (...zs: number[]): FakeAttributes[] =>
  zs.map((z) => ({ ImageOrientationPatient: AXIAL, ImagePositionPatient: `-100\\-100\\${z}` }));

describe('series geometry', () => {
  it('computes a uniform slice spacing and calls the series volume-ready', () => {
    const s = series(axialAt(10, 7.5, 5, 2.5, 0));
    expect(s.geometry).toEqual({
      orientation: [1, 0, 0, 0, 1, 0], normal: [0, 0, 1], rows: 64, columns: 64,
      sliceSpacing: { mean: 2.5, min: 2.5, max: 2.5, uniform: true }, volumeReady: true,
    });
    expect(s.flags).toEqual([]);
  });

  it('flags a gap (a missing slice) as non-uniform spacing', () => {
    const s = series(axialAt(0, 2.5, 7.5, 10));
    expect(s.geometry.sliceSpacing).toEqual({ mean: 3.333333, min: 2.5, max: 5, uniform: false });
    expect(s.flags).toEqual(['non-uniform-spacing']);
    expect(s.geometry.volumeReady).toBe(false);
  });

  it('accepts DS rounding in positions as uniform', () => {
    const s = series(axialAt(1687.5, 1688.7501, 1689.9999, 1691.25));
    expect(s.geometry.sliceSpacing?.uniform).toBe(true);
    expect(s.geometry.sliceSpacing?.mean).toBe(1.25);
  });

  it('flags repeated positions (echo or time stacks) and measures spacing between distinct ones', () => {
    const s = series(axialAt(0, 0, 5, 5, 10, 10));
    expect(s.flags).toEqual(['repeated-positions']);
    expect(s.geometry.sliceSpacing).toEqual({ mean: 5, min: 5, max: 5, uniform: true });
    expect(s.geometry.volumeReady).toBe(false);
  });

  it('flags mixed orientations (a localizer) and then reports no orientation or spacing', () => {
    const s = series([...axialAt(0, 5), { ImageOrientationPatient: '0\\1\\0\\0\\0\\-1', ImagePositionPatient: '0\\-100\\100' }]);
    expect(s.flags).toEqual(['mixed-orientation']);
    expect(s.sortedBy).toBe('InstanceNumber');
    expect(s.geometry).toEqual({ rows: 64, columns: 64, volumeReady: false });
  });

  it('flags mixed image sizes', () => {
    const s = series([...axialAt(0, 5), { ...axialAt(10)[0], Rows: 32 }]);
    expect(s.flags).toEqual(['mixed-size']);
    expect(s.geometry.rows).toBeUndefined();
    expect(s.geometry.volumeReady).toBe(false);
  });

  it('flags positions missing on some instances', () => {
    const s = series([...axialAt(0, 5), { ImageOrientationPatient: AXIAL }]);
    expect(s.flags).toEqual(['missing-positions']);
    expect(s.sortedBy).toBe('InstanceNumber');
  });

  it('reads an enhanced multi-frame instance through its functional groups, and counts its frames', () => {
    const s = series([{
      NumberOfFrames: 20,
      SharedFunctionalGroupsSequence: [{ PlaneOrientationSequence: [{ ImageOrientationPatient: AXIAL }] }],
      PerFrameFunctionalGroupsSequence: [{ PlanePositionSequence: [{ ImagePositionPatient: '0\\0\\-40' }] }],
    }]);
    expect(s.frameCount).toBe(20);
    expect(s.instances[0]?.slicePosition).toBe(-40);
    expect(s.geometry).toEqual({ orientation: [1, 0, 0, 0, 1, 0], normal: [0, 0, 1], rows: 64, columns: 64, volumeReady: false });
  });
});

describe('summarisePositions', () => {
  it('sorts, skips repeats and measures gaps', () => {
    expect(summarisePositions([3, 1, 2, 2])).toEqual({ spacing: { mean: 1, min: 1, max: 1, uniform: true }, repeated: 1 });
    expect(summarisePositions([4])).toEqual({ repeated: 0 });
  });
});
