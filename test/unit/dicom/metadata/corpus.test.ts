import { describe, expect, it } from 'vitest';
import { metadataTableFromTree, metadataTableToCsv, type SeriesMetadataRow } from '../../../../src/lib/dicom/metadata';
import { StudyTreeBuilder } from '../../../../src/lib/dicom/study-tree';
import { corpusAvailable, corpusFiles, corpusInput, CORPUS_SKIP } from './real-files';

if (!corpusAvailable) console.warn(CORPUS_SKIP);

/** Expected values checked by hand against pydicom's reading of the same files. */
function rowsOf(paths: string[]): SeriesMetadataRow[] {
  const builder = new StudyTreeBuilder();
  for (const path of paths) builder.add(corpusInput(path));
  return metadataTableFromTree(builder);
}

const pick = (r: SeriesMetadataRow | undefined) => r && {
  modality: r.modality, manufacturer: r.manufacturer, model: r.manufacturerModel, size: [r.rows, r.columns],
  spacing: r.pixelSpacing, thickness: r.sliceThicknessMm, instances: r.instances, frames: r.frames,
  mr: r.mr.map((p) => [p.scanningSequence.join('\\'), p.sequenceVariant.join('\\'), p.repetitionTimeMs, p.echoTimeMs, p.flipAngleDeg, p.magneticFieldStrengthT]),
  weighting: r.mrWeighting,
};

describe.skipIf(!corpusAvailable)('corpus MR files', () => {
  it('MR_small.dcm (Toshiba spin echo, TR 4000, TE 240): T2', () => {
    expect(pick(rowsOf(['MR_small.dcm'])[0])).toEqual({
      modality: 'MR', manufacturer: 'TOSHIBA_MEC', model: 'MRT50H1', size: [64, 64],
      spacing: { rowMm: 0.3125, columnMm: 0.3125, source: 'PixelSpacing' }, thickness: 0.8, instances: 1, frames: 1,
      mr: [['SE', 'NONE', 4000, 240, 90, undefined]],
      weighting: { weighting: 'T2', reason: 'TR 4000 ms, TE 240 ms, SE: T2' },
    });
  });

  it('the DICOMDIR set (Philips 1.5 T): localizers unknown, the FLASH pilots T1, the angiogram MIPs unknown', () => {
    const rows = rowsOf(corpusFiles('dicomdir'));
    const localizer = (tr: number): string =>
      `TR ${tr} ms, TE 3.7 ms, flip 20°, GR: unknown (gradient echo with small flip angle or long TE: PD-, T2*- or mixed weighting)`;
    // Three studies of one day, ordered by StudyTime 02:51:09, 04:53:57, 05:07:43.
    expect(rows.map((r) => [r.studyNo, r.seriesNumber, r.instances, r.mrWeighting?.weighting, r.mrWeighting?.reason])).toEqual([
      [1, 1, 1, 'unknown', localizer(10)],
      [1, 2, 3, 'T1', 'TR 30 ms, TE 12.5 ms, flip 30°, GR: T1'],
      [2, 1, 1, 'unknown', localizer(10)],
      [2, 2, 3, 'T1', 'TR 30 ms, TE 12.5 ms, flip 30°, GR: T1'],
      [2, 700, 7, 'unknown', 'TR 30 ms, TE 6 ms, flip 35°, GR: unknown (projection image, not an acquired contrast)'],
      [3, 1, 1, 'unknown', localizer(16)],
      [3, 2, 1, 'unknown', localizer(16)],
    ]);
    expect(pick(rows[1])).toMatchObject({
      manufacturer: 'Philips Medical Systems, Inc.', model: 'Eclipse 1.5T', size: [16, 16],
      spacing: { rowMm: 1.171875, columnMm: 1.171875, source: 'PixelSpacing' }, thickness: 10,
      mr: [['GR', 'SS\\SP', 30, 12.5, 30, 1.5]],
    });
    expect(rows.every((r) => r.patientNo === 1)).toBe(true);
  });

  it('the DICOMDIR set in the study tree: pilots in three planes are flagged, MIPs ordered by InstanceNumber', () => {
    const builder = new StudyTreeBuilder();
    for (const path of corpusFiles('dicomdir')) builder.add(corpusInput(path));
    const series = builder.snapshot().patients[0]?.studies.flatMap((s) => s.series) ?? [];
    expect(series.map((s) => [s.seriesNumber, s.sortedBy, s.flags])).toEqual([
      [1, 'InstanceNumber', []], [2, 'InstanceNumber', ['mixed-orientation']],
      [1, 'InstanceNumber', []], [2, 'InstanceNumber', ['mixed-orientation']], [700, 'InstanceNumber', ['mixed-orientation']],
      [1, 'InstanceNumber', []], [2, 'InstanceNumber', []],
    ]);
    expect(series[4]?.instances.map((i) => i.path.split('/').pop())).toEqual(['4558', '4528', '4588', '4467', '4618', '4678', '4648']);
  });

  it('examples_overlay.dcm (Siemens 3-D FLASH, flip 10°): unknown rather than a guess', () => {
    expect(pick(rowsOf(['examples_overlay.dcm'])[0])).toMatchObject({
      manufacturer: 'SIEMENS', model: 'Avanto', size: [300, 484], thickness: 4,
      mr: [['GR', 'SP', 5.53, 2.81, 10, 1.4939999580383]],
      weighting: { weighting: 'unknown', reason: 'TR 5.53 ms, TE 2.81 ms, flip 10°, GR: unknown (gradient echo with small flip angle or long TE: PD-, T2*- or mixed weighting)' },
    });
  });

  it('dcmjs-cine-test.dcm (enhanced MR without timing): the enhanced source, unknown', () => {
    const [row] = rowsOf(['dcmjs-cine-test.dcm']);
    expect(row?.frames).toBe(8);
    expect(row?.pixelSpacing).toEqual({ rowMm: 1, columnMm: 1, source: 'PixelMeasuresSequence' });
    expect(row?.mr.map((p) => [p.source, p.acquisitionContrast])).toEqual([['enhanced', 'UNKNOWN']]);
    expect(row?.mrWeighting).toEqual({ weighting: 'unknown', reason: 'no ScanningSequence: unknown (TR or TE absent)' });
  });
});

describe.skipIf(!corpusAvailable)('corpus ultrasound files', () => {
  it('examples_ybr_color.dcm: 30 frames at 1000/33.333 fps, one B-mode region', () => {
    const [row] = rowsOf(['examples_ybr_color.dcm']);
    expect(row).toMatchObject({ modality: 'US', frames: 30, framesSource: 'sum of NumberOfFrames', burnedInAnnotation: 'absent' });
    expect(row?.frameRate).toEqual({ source: 'FrameTime', fps: 30, candidates: [{ source: 'FrameTime', fps: 30 }], disagreements: [] });
    expect(row?.pixelSpacing).toEqual({ rowMm: 0.510497, columnMm: 0.510497, source: 'SequenceOfUltrasoundRegions' });
  });

  it('OBXXXX1A.dcm: a B-mode and an ECG region in the CSV cell', () => {
    const csv = metadataTableToCsv(rowsOf(['OBXXXX1A.dcm']));
    expect(csv.split('\r\n')[1]).toBe('1,1,1,1,US,Philips Medical Systems,CX50,1,1,instance count,600,800,0.262288,0.262288,'
      + 'SequenceOfUltrasoundRegions,,,,,2,"2D tissue (120,60)-(800,518) dX 0.026229 cm dY 0.026229 cm'
      + ' | waveform ECG trace (176,522)-(743,576) dX 0.009643 s dY 0 none",absent,,,,,,,,,,,,');
  });
});
