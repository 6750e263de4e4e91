import { describe, expect, it } from 'vitest';
import {
  disagreementsText, frameRateOf, pixelSpacingOf, regionsText, sliceThicknessOf, ultrasoundRegions,
} from '../../../../src/lib/dicom/metadata';
import { fakeReader, type FakeAttributes } from './fake-reader';

const rate = (a: FakeAttributes) => frameRateOf(fakeReader(a));

describe('frame rate', () => {
  it('takes 1000 / FrameTime first', () => {
    expect(rate({ FrameTime: '33.333' })).toEqual({
      source: 'FrameTime', fps: 30, candidates: [{ source: 'FrameTime', fps: 30 }], disagreements: [],
    });
  });

  it('else the mean of FrameTimeVector after its first entry', () => {
    expect(rate({ FrameTimeVector: '0\\40\\40\\50' })).toMatchObject({ source: 'FrameTimeVector', fps: 23.077 });
    expect(rate({ FrameTimeVector: '0' })).toBeUndefined();
  });

  it('else CineRate, else RecommendedDisplayFrameRate', () => {
    expect(rate({ CineRate: '24', RecommendedDisplayFrameRate: '24' })).toMatchObject({ source: 'CineRate', fps: 24, disagreements: [] });
    expect(rate({ RecommendedDisplayFrameRate: '15' })).toMatchObject({ source: 'RecommendedDisplayFrameRate', fps: 15 });
    expect(rate({})).toBeUndefined();
  });

  it('skips a zero or negative FrameTime', () => {
    expect(rate({ FrameTime: '0', CineRate: '25' })).toMatchObject({ source: 'CineRate', fps: 25 });
  });

  it('does not call integer rounding a disagreement (19.455 fps written as CineRate 19)', () => {
    const r = rate({ FrameTime: '51.4', CineRate: '19', RecommendedDisplayFrameRate: '19' });
    expect(r).toEqual({
      source: 'FrameTime', fps: 19.455, disagreements: [],
      candidates: [{ source: 'FrameTime', fps: 19.455 }, { source: 'CineRate', fps: 19 }, { source: 'RecommendedDisplayFrameRate', fps: 19 }],
    });
  });

  it('lists the sources that disagree with the chosen one', () => {
    const r = rate({ FrameTime: '40', FrameTimeVector: '0\\40\\40', CineRate: '30', RecommendedDisplayFrameRate: '12' });
    expect(r?.fps).toBe(25);
    expect(r?.disagreements).toEqual([{ source: 'CineRate', fps: 30 }, { source: 'RecommendedDisplayFrameRate', fps: 12 }]);
    expect(disagreementsText(r)).toBe('CineRate 30 fps; RecommendedDisplayFrameRate 12 fps');
  });
});

const B_MODE = {
  RegionSpatialFormat: 1, RegionDataType: 1, RegionLocationMinX0: 16, RegionLocationMinY0: 54,
  RegionLocationMaxX1: 175, RegionLocationMaxY1: 140, PhysicalUnitsXDirection: 3, PhysicalUnitsYDirection: 3,
  PhysicalDeltaX: 0.16, PhysicalDeltaY: 0.15,
};
const DOPPLER = {
  RegionSpatialFormat: 3, RegionDataType: 3, RegionLocationMinX0: 0, RegionLocationMinY0: 300,
  RegionLocationMaxX1: 799, RegionLocationMaxY1: 599, PhysicalUnitsXDirection: 4, PhysicalUnitsYDirection: 7,
  PhysicalDeltaX: 0.004, PhysicalDeltaY: -1.25,
};

describe('ultrasound regions', () => {
  it('describes each region in one compact text', () => {
    const regions = ultrasoundRegions(fakeReader({ SequenceOfUltrasoundRegions: [B_MODE, DOPPLER, { RegionDataType: 10, RegionSpatialFormat: 4 }] }));
    expect(regions).toHaveLength(3);
    expect(regionsText(regions)).toBe(
      '2D tissue (16,54)-(175,140) dX 0.16 cm dY 0.15 cm'
      + ' | spectral PW Doppler (0,300)-(799,599) dX 0.004 s dY -1.25 cm/s'
      + ' | waveform ECG trace (?,?)-(?,?) dX ? ? dY ? ?',
    );
  });

  it('names unknown codes by number', () => {
    const regions = ultrasoundRegions(fakeReader({ SequenceOfUltrasoundRegions: [{ RegionSpatialFormat: 9, RegionDataType: 99, PhysicalUnitsXDirection: 42 }] }));
    expect(regionsText(regions)).toBe('code 9 code 99 (?,?)-(?,?) dX ? code 42 dY ? ?');
  });
});

describe('pixel spacing', () => {
  const spacing = (a: FakeAttributes) => {
    const reader = fakeReader(a);
    return pixelSpacingOf(reader, ultrasoundRegions(reader));
  };

  it('prefers PixelSpacing, row spacing first', () => {
    expect(spacing({ PixelSpacing: '0.5\\0.7', ImagerPixelSpacing: '0.1\\0.1' })).toEqual({ rowMm: 0.5, columnMm: 0.7, source: 'PixelSpacing' });
  });

  it('then the enhanced Pixel Measures group', () => {
    expect(spacing({ SharedFunctionalGroupsSequence: [{ PixelMeasuresSequence: [{ PixelSpacing: '0.9\\0.9', SliceThickness: '3' }] }] }))
      .toEqual({ rowMm: 0.9, columnMm: 0.9, source: 'PixelMeasuresSequence' });
  });

  it('then ImagerPixelSpacing', () => {
    expect(spacing({ ImagerPixelSpacing: '0.15\\0.15' })).toEqual({ rowMm: 0.15, columnMm: 0.15, source: 'ImagerPixelSpacing' });
  });

  it('then the first 2D ultrasound region in cm, as mm (PhysicalDeltaY between rows)', () => {
    expect(spacing({ SequenceOfUltrasoundRegions: [DOPPLER, B_MODE] })).toEqual({ rowMm: 1.5, columnMm: 1.6, source: 'SequenceOfUltrasoundRegions' });
  });

  it('never from a Doppler strip, and not from a malformed PixelSpacing', () => {
    expect(spacing({ SequenceOfUltrasoundRegions: [DOPPLER] })).toBeUndefined();
    expect(spacing({ PixelSpacing: '0.5' })).toBeUndefined();
    expect(spacing({ PixelSpacing: '0\\0', ImagerPixelSpacing: '0.2\\0.2' })?.source).toBe('ImagerPixelSpacing');
  });

  it('reads slice thickness, classic or enhanced', () => {
    expect(sliceThicknessOf(fakeReader({ SliceThickness: '5.000000' }))).toBe(5);
    expect(sliceThicknessOf(fakeReader({ PerFrameFunctionalGroupsSequence: [{ PixelMeasuresSequence: [{ SliceThickness: 1.2 }] }] }))).toBe(1.2);
    expect(sliceThicknessOf(fakeReader({}))).toBeUndefined();
  });
});
