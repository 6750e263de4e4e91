import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../../src/lib/csv';
import {
  buildMetadataTable, metadataColumns, metadataTableFromTree, metadataTableToCsv, type SeriesMetadataRow,
} from '../../../../src/lib/dicom/metadata';
import { StudyTreeBuilder } from '../../../../src/lib/dicom/study-tree';
import { fakeReader, type FakeAttributes } from './fake-reader';

/** Fake PHI in every place a real scanner puts real PHI; none of it may reach a default export. */
const PHI = {
  PatientName: 'FAKENAME^JANE^Q', PatientID: 'FAKEID-98765', IssuerOfPatientID: 'FAKE ISSUER', PatientBirthDate: '19610203',
  StudyInstanceUID: '1.2.826.0.1.3680043.9.7777.1', StudyDate: '20230415', StudyTime: '101112', AccessionNumber: 'FAKEACC55',
  StudyDescription: 'FAKE STUDY OF JANE', InstitutionName: 'FAKE GENERAL HOSPITAL', StationName: 'FAKESTATION7',
  DeviceSerialNumber: 'FAKESERIAL-31', ReferringPhysicianName: 'FAKEDOC^ALBERT', SeriesDate: '20230415', ContentTime: '101500',
};
const PHI_STRINGS = [
  'FAKENAME', 'JANE', 'FAKEID', '98765', 'FAKE ISSUER', '19610203', '1.2.826.0.1.3680043', '20230415', '101112', '101500',
  'FAKEACC', 'FAKE STUDY', 'FAKE GENERAL', 'FAKESTATION', 'FAKESERIAL', 'FAKEDOC', 'ALBERT', 'DOE', '2023',
];

const US_REGION = {
  RegionSpatialFormat: 1, RegionDataType: 1, RegionLocationMinX0: 16, RegionLocationMinY0: 54, RegionLocationMaxX1: 175,
  RegionLocationMaxY1: 140, PhysicalUnitsXDirection: 3, PhysicalUnitsYDirection: 3, PhysicalDeltaX: 0.16, PhysicalDeltaY: 0.16,
};

function instances(): Array<{ id: string; attributes: FakeAttributes }> {
  const us = (k: number, frameTime: string): FakeAttributes => ({
    ...PHI, Modality: 'US', SeriesInstanceUID: '1.2.826.0.1.3680043.9.7777.2', SeriesNumber: 1, InstanceNumber: k,
    SOPInstanceUID: `1.2.826.0.1.3680043.9.7777.2.${k}`, SeriesDescription: 'ECHO FOR DOE^JOHN', Manufacturer: 'Acme',
    ManufacturerModelName: 'Echo 1', Rows: 144, Columns: 192, NumberOfFrames: 16, FrameTime: frameTime, CineRate: '16',
    BurnedInAnnotation: 'YES', SequenceOfUltrasoundRegions: [US_REGION],
  });
  const ct = (k: number): FakeAttributes => ({
    ...PHI, Modality: 'CT', SeriesInstanceUID: '1.2.826.0.1.3680043.9.7777.3', SeriesNumber: 2, InstanceNumber: k,
    SOPInstanceUID: `1.2.826.0.1.3680043.9.7777.3.${k}`, Manufacturer: '=HYPERLINK("http://evil.example","x")',
    ManufacturerModelName: 'CT 9', Rows: 512, Columns: 512, PixelSpacing: '0.7\\0.7', SliceThickness: '2.5',
    ImageOrientationPatient: '1\\0\\0\\0\\1\\0', ImagePositionPatient: `0\\0\\${k * 2.5}`,
  });
  const mr = (k: number, te: number): FakeAttributes => ({
    ...PHI, Modality: 'MR', SeriesInstanceUID: '1.2.826.0.1.3680043.9.7777.4', SeriesNumber: 3, InstanceNumber: k,
    SOPInstanceUID: `1.2.826.0.1.3680043.9.7777.4.${k}`, Manufacturer: 'Acme', ManufacturerModelName: 'MR 1.5',
    Rows: 256, Columns: 256, PixelSpacing: '0.9\\0.9', SliceThickness: '5', ScanningSequence: 'SE', SequenceVariant: 'SK',
    RepetitionTime: '3000', EchoTime: String(te), FlipAngle: '90', MagneticFieldStrength: '1.5', BurnedInAnnotation: 'NO',
  });
  return [
    { id: 'us2', attributes: us(2, '40') }, { id: 'us1', attributes: us(1, '62.5') },
    { id: 'ct2', attributes: ct(2) }, { id: 'ct1', attributes: ct(1) }, { id: 'ct3', attributes: ct(3) },
    { id: 'mr1', attributes: mr(1, 15) }, { id: 'mr2', attributes: mr(2, 100) },
  ];
}

function table(): SeriesMetadataRow[] {
  const builder = new StudyTreeBuilder();
  for (const i of instances()) builder.add({ id: i.id, reader: fakeReader(i.attributes) });
  return metadataTableFromTree(builder);
}

describe('metadata rows', () => {
  const rows = table();

  it('has one row per series, in tree order', () => {
    expect(rows.map((r) => [r.patientNo, r.studyNo, r.seriesNo, r.modality, r.instances])).toEqual([
      [1, 1, 1, 'US', 2], [1, 1, 2, 'CT', 3], [1, 1, 3, 'MR', 2],
    ]);
  });

  it('counts frames over multi-frame instances, else instances, and says which', () => {
    expect(rows.map((r) => [r.frames, r.framesSource])).toEqual([
      [32, 'sum of NumberOfFrames'], [3, 'instance count'], [2, 'instance count'],
    ]);
  });

  it('takes per-instance values from the first instance and lists what varies', () => {
    const [us, ct, mr] = rows;
    expect(us?.frameRate).toMatchObject({ source: 'FrameTime', fps: 16, disagreements: [] });
    expect(us?.varying).toEqual({ frame_rate_fps: ['16', '25'], frame_rate_disagreements: ['(none)', 'CineRate 16 fps'] });
    expect(us?.pixelSpacing).toEqual({ rowMm: 1.6, columnMm: 1.6, source: 'SequenceOfUltrasoundRegions' });
    expect(ct?.varying).toEqual({});
    expect(ct?.pixelSpacing).toEqual({ rowMm: 0.7, columnMm: 0.7, source: 'PixelSpacing' });
    expect(ct?.burnedInAnnotation).toBe('absent');
    expect(ct?.mrWeighting).toBeUndefined();
    expect(mr?.varying).toEqual({ mr_echo_time_ms: ['15', '100'] });
    expect(mr?.mrWeighting).toEqual({
      weighting: 'unknown', reason: 'mixed within the series: TR 3000 ms, TE 15 ms, SE: PD; TR 3000 ms, TE 100 ms, SE: T2',
    });
  });

  it('is plain data', () => {
    expect(structuredClone(rows)).toEqual(rows);
  });

  it('handles a series given without the tree, and an empty one', () => {
    const [row] = buildMetadataTable([{ readers: [fakeReader({ Modality: 'OT' })] }, { readers: [] }]);
    expect(row).toMatchObject({ patientNo: 1, studyNo: 1, seriesNo: 1, modality: 'OT', instances: 1, frames: 1, varying: {} });
  });
});

describe('metadataTableToCsv', () => {
  const rows = table();

  it('writes the documented columns and values, the varying ones as their distinct values', () => {
    const csv = metadataTableToCsv(rows);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe([
      'patient_no', 'study_no', 'series_no', 'series_number', 'modality', 'manufacturer', 'manufacturer_model', 'instances',
      'frames', 'frames_source', 'rows', 'columns', 'pixel_spacing_row_mm', 'pixel_spacing_col_mm', 'pixel_spacing_source',
      'slice_thickness_mm', 'frame_rate_fps', 'frame_rate_source', 'frame_rate_disagreements', 'us_region_count', 'us_regions',
      'burned_in_annotation', 'mr_scanning_sequence', 'mr_sequence_variant', 'mr_repetition_time_ms', 'mr_echo_time_ms',
      'mr_inversion_time_ms', 'mr_flip_angle_deg', 'mr_diffusion_b_value', 'mr_field_strength_t', 'mr_parameters_source',
      'mr_weighting', 'mr_weighting_reason', 'varying_columns',
    ].join(','));
    expect(lines[1]).toBe('1,1,1,1,US,Acme,Echo 1,2,32,sum of NumberOfFrames,144,192,1.6,1.6,SequenceOfUltrasoundRegions,,16 / 25,FrameTime,'
      + '(none) / CineRate 16 fps,1,"2D tissue (16,54)-(175,140) dX 0.16 cm dY 0.16 cm",YES,,,,,,,,,,,,frame_rate_fps;frame_rate_disagreements');
    expect(lines[2]).toBe('1,1,2,2,CT,"\'=HYPERLINK(""http://evil.example"",""x"")",CT 9,3,3,instance count,512,512,0.7,0.7,PixelSpacing,2.5,,,,,,absent,,,,,,,,,,,,');
    expect(lines[3]).toBe('1,1,3,3,MR,Acme,MR 1.5,2,2,instance count,256,256,0.9,0.9,PixelSpacing,5,,,,,,NO,SE,SK,3000,15 / 100,,90,,1.5,classic,'
      + 'unknown,"mixed within the series: TR 3000 ms, TE 15 ms, SE: PD; TR 3000 ms, TE 100 ms, SE: T2",mr_echo_time_ms');
    expect(lines).toHaveLength(5);
    expect(lines[4]).toBe('');
  });

  it('carries no PHI by default: no names, IDs, dates, times, UIDs, descriptions, institution, station or serial', () => {
    const csv = metadataTableToCsv(rows).toUpperCase();
    for (const phi of PHI_STRINGS) expect(csv, phi).not.toContain(phi.toUpperCase());
  });

  it('adds the series description only when asked', () => {
    const csv = metadataTableToCsv(rows, { includeSeriesDescription: true });
    const { records } = parseCsv(csv);
    expect(records[0]?.at(-1)).toBe('series_description');
    expect(records.slice(1).map((r) => r.at(-1))).toEqual(['ECHO FOR DOE^JOHN', '', '']);
  });

  it('adds identifiers only when asked', () => {
    const { records } = parseCsv(metadataTableToCsv(rows, { includeIdentifiers: true }));
    expect(records[0]?.slice(-4)).toEqual(['patient_id', 'study_instance_uid', 'series_instance_uid', 'study_date']);
    expect(records[3]?.slice(-4)).toEqual(['FAKEID-98765', '1.2.826.0.1.3680043.9.7777.1', '1.2.826.0.1.3680043.9.7777.4', '20230415']);
    expect(metadataColumns({ includeIdentifiers: true }).map((c) => c.id)).not.toContain('series_description');
  });

  it('can leave formulas unguarded and write a BOM, for a caller that knows better', () => {
    const csv = metadataTableToCsv(rows, { guardFormulas: false, bom: true });
    expect(csv.startsWith('\uFEFFpatient_no,')).toBe(true);
    expect(csv).toContain(',"=HYPERLINK(');
  });
});
