import { describe, expect, it } from 'vitest';
import { buildStudyTree, type SeriesNode, type TreeInstanceInput } from '../../../../src/lib/dicom/study-tree';
import { fakeReader, type FakeAttributes } from '../metadata/fake-reader';

const SERIES = { PatientID: 'P1', StudyInstanceUID: '1', SeriesInstanceUID: '1.1' };
const AXIAL = '1\\0\\0\\0\\1\\0';

function series(instances: Array<[string, FakeAttributes]>): SeriesNode {
  const inputs: TreeInstanceInput[] = instances.map(([path, a]) => ({ id: path, path, reader: fakeReader({ ...SERIES, ...a }) }));
  const node = buildStudyTree(inputs).patients[0]?.studies[0]?.series[0];
  if (!node) throw new Error('no series');
  return node;
}

const paths = (s: SeriesNode): string[] => s.instances.map((i) => i.path);

describe('instance order', () => {
  it('follows InstanceNumber as a number, not as text', () => {
    const s = series([['c', { InstanceNumber: 10 }], ['a', { InstanceNumber: '2' }], ['b', { InstanceNumber: 1 }]]);
    expect(s.sortedBy).toBe('InstanceNumber');
    expect(paths(s)).toEqual(['b', 'a', 'c']);
  });

  it('without InstanceNumber on every instance, follows the position along the slice normal', () => {
    // Sagittal: row (0,1,0) × column (0,0,-1) gives the normal (-1,0,0), so larger x comes first.
    const SAGITTAL = '0\\1\\0\\0\\0\\-1';
    const s = series([
      ['x10', { ImageOrientationPatient: SAGITTAL, ImagePositionPatient: '10\\-100\\50', InstanceNumber: 1 }],
      ['x0', { ImageOrientationPatient: SAGITTAL, ImagePositionPatient: '0\\-100\\50' }],
      ['x20', { ImageOrientationPatient: SAGITTAL, ImagePositionPatient: '20\\-100\\50' }],
    ]);
    expect(s.sortedBy).toBe('slice position');
    expect(paths(s)).toEqual(['x20', 'x10', 'x0']);
    expect(s.instances.map((i) => i.slicePosition)).toEqual([-20, -10, 0]);
    expect(s.geometry.normal).toEqual([-1, 0, 0]);
  });

  it('projects oblique positions on the normal, whatever the in-plane offset', () => {
    const c = Math.cos(Math.PI / 6);
    const sn = Math.sin(Math.PI / 6);
    const normal = [0, sn, c]; // row (1,0,0) × column (0,c,-s)
    const at = (k: number, shift: number): string =>
      [shift, k * 5 * normal[1]! + shift * c, k * 5 * normal[2]! - shift * sn].join('\\');
    const IOP = `1\\0\\0\\0\\${c}\\${-sn}`;
    const s = series([
      ['k2', { ImageOrientationPatient: IOP, ImagePositionPatient: at(2, 7) }],
      ['k0', { ImageOrientationPatient: IOP, ImagePositionPatient: at(0, -3) }],
      ['k1', { ImageOrientationPatient: IOP, ImagePositionPatient: at(1, 40) }],
    ]);
    expect(paths(s)).toEqual(['k0', 'k1', 'k2']);
    expect(s.instances.map((i) => i.slicePosition)).toEqual([0, 5, 10]);
    expect(s.geometry.sliceSpacing).toEqual({ mean: 5, min: 5, max: 5, uniform: true });
  });

  it('without positions, follows acquisition date and time (content time as fallback), across midnight', () => {
    const s = series([
      ['next-day', { AcquisitionDate: '20240102', AcquisitionTime: '000001' }],
      ['late', { AcquisitionDate: '20240101', AcquisitionTime: '235959.5' }],
      ['content', { ContentDate: '20240101', ContentTime: '120000' }],
      ['datetime', { AcquisitionDateTime: '20240101060000.25+0100' }],
    ]);
    expect(s.sortedBy).toBe('acquisition time');
    expect(paths(s)).toEqual(['datetime', 'content', 'late', 'next-day']);
  });

  it('with nothing else, follows the path in natural order', () => {
    const s = series([['slice-10', {}], ['slice-2', {}], ['slice-1', { InstanceNumber: 5 }]]);
    expect(s.sortedBy).toBe('path');
    expect(paths(s)).toEqual(['slice-1', 'slice-2', 'slice-10']);
  });

  it('breaks InstanceNumber ties by position, then path', () => {
    const s = series([
      ['e2-z5', { InstanceNumber: 1, ImageOrientationPatient: AXIAL, ImagePositionPatient: '0\\0\\5' }],
      ['e1-z0', { InstanceNumber: 1, ImageOrientationPatient: AXIAL, ImagePositionPatient: '0\\0\\0' }],
      ['b', { InstanceNumber: 2, ImageOrientationPatient: AXIAL, ImagePositionPatient: '0\\0\\0' }],
      ['a', { InstanceNumber: 2, ImageOrientationPatient: AXIAL, ImagePositionPatient: '0\\0\\0' }],
    ]);
    expect(paths(s)).toEqual(['e1-z0', 'e2-z5', 'a', 'b']);
  });
});
