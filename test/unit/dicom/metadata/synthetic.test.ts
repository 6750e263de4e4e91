import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../../src/lib/csv';
import { metadataTableFromTree, metadataTableToCsv, type SeriesMetadataRow } from '../../../../src/lib/dicom/metadata';
import { StudyTreeBuilder, type StudyTree } from '../../../../src/lib/dicom/study-tree';
import { CT_GEOMETRY, ECHO_FRAME, MR_GEOMETRY, generateSampleSet, planSampleSet, type SampleSet } from '../../../../src/lib/synthetic';
import { treeInput } from './real-files';

/** A small sample set (3 patients, 3 echo loops, the CT and both MR series) through the real parser. */
const OPTIONS = { patients: 3, echoStudies: 3 } as const;
let set: SampleSet;
let builder: StudyTreeBuilder;
let tree: StudyTree;
let rows: SeriesMetadataRow[];

beforeAll(async () => {
  set = await generateSampleSet(OPTIONS);
  builder = new StudyTreeBuilder();
  for (const file of set.files) builder.add(treeInput(file.path, file.bytes));
  tree = builder.snapshot();
  rows = metadataTableFromTree(builder);
});

describe('synthetic sample set → study tree', () => {
  it('groups 3 patients, 5 studies and 6 series, and finds nothing wrong', () => {
    expect(tree.patients).toHaveLength(3);
    expect(tree.patients.flatMap((p) => p.studies)).toHaveLength(5);
    expect(tree.instanceCount).toBe(3 + CT_GEOMETRY.slices + 2 * MR_GEOMETRY.slices);
    expect(tree.issues).toEqual([]);
    expect(tree.patients.every((p) => p.keySource === 'PatientID+IssuerOfPatientID')).toBe(true);
  });

  it('stacks the MR series as volumes 6 mm apart, in InstanceNumber order', () => {
    const mr = tree.patients.flatMap((p) => p.studies.flatMap((s) => s.series)).filter((s) => s.modality === 'MR');
    expect(mr.map((s) => [s.seriesNumber, s.instanceCount, s.sortedBy, s.flags, s.geometry.sliceSpacing, s.geometry.volumeReady])).toEqual([
      [3, 12, 'InstanceNumber', [], { mean: 6, min: 6, max: 6, uniform: true }, true],
      [4, 12, 'InstanceNumber', [], { mean: 6, min: 6, max: 6, uniform: true }, true],
    ]);
    expect(mr[0]?.instances.map((i) => i.slicePosition)).toEqual([-33, -27, -21, -15, -9, -3, 3, 9, 15, 21, 27, 33]);
  });
});

describe('synthetic sample set → metadata table', () => {
  it('has one row per series', () => {
    expect(rows.map((r) => [r.modality, r.seriesNumber, r.instances, r.frames, r.framesSource])).toEqual(expect.arrayContaining([
      ['US', 1, 1, ECHO_FRAME.frames, 'sum of NumberOfFrames'],
      ['CT', expect.any(Number), CT_GEOMETRY.slices, CT_GEOMETRY.slices, 'instance count'],
      ['MR', 3, MR_GEOMETRY.slices, MR_GEOMETRY.slices, 'instance count'],
      ['MR', 4, MR_GEOMETRY.slices, MR_GEOMETRY.slices, 'instance count'],
    ]));
    expect(rows).toHaveLength(6);
  });

  it('classifies the MR series as T1 and T2 from their headers', () => {
    const mr = rows.filter((r) => r.modality === 'MR');
    expect(mr.map((r) => [r.seriesNumber, r.mrWeighting])).toEqual([
      [3, { weighting: 'T1', reason: 'TR 500 ms, TE 15 ms, SE: T1' }],
      [4, { weighting: 'T2', reason: 'TR 4000 ms, TE 100 ms, SE: T2' }],
    ]);
    expect(mr[0]).toMatchObject({
      pixelSpacing: { rowMm: 1.875, columnMm: 1.875, source: 'PixelSpacing' }, sliceThicknessMm: 5, burnedInAnnotation: 'NO', varying: {},
    });
  });

  it('reads the echo frame rate from FrameTime, agreeing with CineRate, and the ultrasound region', () => {
    const plan = planSampleSet(OPTIONS);
    const echo = rows.filter((r) => r.modality === 'US');
    expect(echo).toHaveLength(3);
    for (const row of echo) {
      const study = plan.cohort.studies.find((s) => s.patient.patientId === row.identifiers.patientId && s.studyInstanceUid === row.identifiers.studyInstanceUid);
      const frameTime = Math.round((60_000 / (study?.heartRateBpm ?? NaN) / ECHO_FRAME.frames) * 10) / 10; // as echo-study.ts writes it
      expect(row.frameRate?.source).toBe('FrameTime');
      expect(row.frameRate?.fps).toBeCloseTo(1000 / frameTime, 3);
      expect(row.frameRate?.disagreements).toEqual([]);
      expect(row.frameRate?.candidates.map((c) => c.source)).toEqual(['FrameTime', 'CineRate', 'RecommendedDisplayFrameRate']);
      expect(row).toMatchObject({
        rows: ECHO_FRAME.height, columns: ECHO_FRAME.width, burnedInAnnotation: 'YES',
        pixelSpacing: { rowMm: 1.6, columnMm: 1.6, source: 'SequenceOfUltrasoundRegions' },
        ultrasoundRegions: [{ spatialFormat: 1, dataType: 1, x0: 41, y0: 55, x1: 150, y1: 139, unitsX: 3, unitsY: 3, deltaX: 0.16, deltaY: 0.16 }],
      });
    }
  });

  it('exports a default CSV with none of the fake PHI of the headers', () => {
    const csv = metadataTableToCsv(rows);
    expect(parseCsv(csv).records).toHaveLength(7);
    // The fan of echo-cine.ts (apex 96,54, radius 86 px, ±40°); its bounds were checked independently.
    expect(csv).toContain('"2D tissue (41,55)-(150,139) dX 0.16 cm dY 0.16 cm"');
    const phi = new Set<string>();
    const keywords = [
      'PatientName', 'PatientID', 'IssuerOfPatientID', 'PatientBirthDate', 'PatientAddress', 'StudyInstanceUID', 'SeriesInstanceUID',
      'SOPInstanceUID', 'FrameOfReferenceUID', 'StudyDate', 'StudyTime', 'SeriesDate', 'ContentTime', 'AccessionNumber', 'StudyID',
      'StudyDescription', 'SeriesDescription', 'InstitutionName', 'InstitutionAddress', 'StationName', 'DeviceSerialNumber',
      'ReferringPhysicianName', 'OperatorsName', 'PerformingPhysicianName',
    ];
    for (const group of builder.seriesGroups()) {
      for (const reader of group.readers) {
        for (const keyword of keywords) {
          // Names by component: "DOE^JANE" must not leak as "DOE" either. "FAKE" marks every
          // synthetic value, device models included ("SYNTH-ECHO 3000"), so it proves nothing alone.
          const value = reader.string(keyword) ?? '';
          for (const part of [value, ...value.split(/[\^=]/)]) {
            if (part.trim().length >= 3 && part.trim() !== 'FAKE') phi.add(part.trim());
          }
        }
      }
    }
    expect(phi.size).toBeGreaterThan(50);
    const leaked = [...phi].filter((value) => csv.includes(value));
    expect(leaked).toEqual([]);
  });
});
