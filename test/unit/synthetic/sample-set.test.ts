import { beforeAll, describe, expect, it } from 'vitest';
import { TAG, isValidUid } from '../../../src/lib/dicom/write';
import {
  CT_GEOMETRY, CT_IMAGE_STORAGE, DEFAULT_SAMPLE_OPTIONS, ECHO_FRAME, LABEL_COLUMNS, MR_GEOMETRY, MR_IMAGE_STORAGE,
  US_MULTIFRAME_IMAGE_STORAGE, generateSampleSet, planSampleSet, sampleStamp, type SampleSet,
} from '../../../src/lib/synthetic';
import { errorLines, hasTool, runOnFile } from '../dicom/write/external-tools';
import { readBack } from './read-back';

let set: SampleSet;
beforeAll(async () => {
  set = await generateSampleSet();
});

const one = (kind: string) => {
  const file = set.files.find((f) => f.kind === kind);
  if (!file) throw new Error(`no ${kind} file`);
  return file;
};

describe('default sample set: contents', () => {
  it('has 22 echo loops, one 24-slice CT series and two 12-slice MR series', () => {
    const count = (kind: string) => set.files.filter((f) => f.kind === kind).length;
    expect(count('echo-cine')).toBe(22);
    expect(count('ct-slice')).toBe(24);
    expect(count('mr-t1-slice')).toBe(12);
    expect(count('mr-t2-slice')).toBe(12);
    expect(set.manifest.fileCount).toBe(70);
    expect(set.manifest.patientCount).toBe(16);
    expect(set.manifest.studyCount).toBe(24);
  });

  it('stays within the ~12 MB bundle budget', () => {
    const total = set.manifest.totalSize + set.labelsCsv.length + JSON.stringify(set.manifest).length;
    expect(total).toBeLessThan(12_000_000);
    expect(set.manifest.totalSize).toBe(set.files.reduce((s, f) => s + f.bytes.byteLength, 0));
  });

  it('puts the CT and MR studies on patients who also have echo studies', () => {
    const echoPatients = new Set(set.files.filter((f) => f.modality === 'US').map((f) => f.patientId));
    expect(echoPatients.has(one('ct-slice').patientId)).toBe(true);
    expect(echoPatients.has(one('mr-t1-slice').patientId)).toBe(true);
    const mrStudies = new Set(set.files.filter((f) => f.modality === 'MR').map((f) => f.studyInstanceUid));
    expect(mrStudies.size).toBe(1); // T1 and T2 series in one study
  });

  it('gives some patients several echo studies', () => {
    const perPatient = new Map<string, number>();
    for (const f of set.files.filter((x) => x.modality === 'US')) perPatient.set(f.patientId, (perPatient.get(f.patientId) ?? 0) + 1);
    expect(perPatient.size).toBe(16);
    expect(Math.max(...perPatient.values())).toBeGreaterThanOrEqual(2);
    expect(Math.max(...perPatient.values())).toBeLessThanOrEqual(3);
  });

  it('uses valid, unique UIDs everywhere', () => {
    const sops = set.files.map((f) => f.sopInstanceUid);
    expect(new Set(sops).size).toBe(sops.length);
    for (const f of set.files) {
      for (const uid of [f.sopInstanceUid, f.seriesInstanceUid, f.studyInstanceUid]) expect(isValidUid(uid), uid).toBe(true);
    }
    expect(new Set(set.files.map((f) => f.seriesInstanceUid)).size).toBe(22 + 1 + 2);
  });

  it('writes a manifest the app can fetch: relative paths, sizes, stamp, labels path', () => {
    const m = set.manifest;
    expect(m.format).toBe('enclave-sample-set');
    expect(m.stamp).toBe(sampleStamp());
    expect(m.stamp).toBe('v3-seed20261127-p16-e22-ct1-mr1');
    expect(m.labelsPath).toBe('labels.csv');
    expect(m.labelColumns).toEqual(LABEL_COLUMNS);
    for (const f of m.files) {
      expect(f.path).toMatch(/^(echo|ct|mr)\/FAKE-\d{4}\/[\w/-]+\.dcm$/);
      expect(f.size).toBeGreaterThan(0);
    }
    expect(m.files.map((f) => f.path)).toEqual(planSampleSet().files.map((f) => f.entry.path));
  });

  it('writes one labels row per echo study, in RFC 4180 form', () => {
    const lines = set.labelsCsv.split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines[0]).toBe(LABEL_COLUMNS.join(','));
    const rows = lines.slice(1, -1).map((l) => l.split(','));
    expect(rows).toHaveLength(22);
    const echoPaths = set.files.filter((f) => f.kind === 'echo-cine').map((f) => f.path);
    expect(rows.map((r) => r[0])).toEqual(echoPaths);
    for (const r of rows) {
      expect(r).toHaveLength(11);
      expect(r[4]).toBe(Number(r[5]) < 40 ? '1' : '0');
      expect(['F', 'M']).toContain(r[8]);
      expect(['A', 'B', 'C']).toContain(r[10]);
    }
    const classes = new Set(rows.map((r) => r[4]));
    expect(classes).toEqual(new Set(['0', '1']));
  });
});

describe('default sample set: determinism', () => {
  it('gives identical bytes, labels and manifest for the same seed', async () => {
    const again = await generateSampleSet({ ...DEFAULT_SAMPLE_OPTIONS });
    expect(again.files.length).toBe(set.files.length);
    set.files.forEach((f, i) => {
      expect(Buffer.from(again.files[i]!.bytes).equals(Buffer.from(f.bytes)), f.path).toBe(true);
    });
    expect(again.labelsCsv).toBe(set.labelsCsv);
    expect(again.manifest).toEqual(set.manifest);
  });

  it('gives different UIDs, labels and pixels for a different seed', async () => {
    const small = { patients: 2, echoStudies: 2, ct: false, mr: false };
    const a = await generateSampleSet({ ...small, seed: 1 });
    const b = await generateSampleSet({ ...small, seed: 2 });
    expect(a.files[0]!.sopInstanceUid).not.toBe(b.files[0]!.sopInstanceUid);
    expect(a.labelsCsv).not.toBe(b.labelsCsv);
    const pa = readBack(a.files[0]!.bytes).pixels();
    const pb = readBack(b.files[0]!.bytes).pixels();
    expect(Buffer.from(pa).equals(Buffer.from(pb))).toBe(false);
  });

  it('reports progress per file and stops when cancelled', async () => {
    const seen: number[] = [];
    const controller = new AbortController();
    const run = generateSampleSet({ patients: 3, echoStudies: 3, ct: false, mr: false }, {
      signal: controller.signal,
      onProgress: (p) => { seen.push(p.done); if (p.done === 1) controller.abort(); },
    });
    await expect(run).rejects.toMatchObject({ name: 'CancelledError' });
    expect(seen).toEqual([1]); // nothing generated after the abort
  });
});

describe('default sample set: valid DICOM', () => {
  it('echo: US Multi-frame with cine timing, regions, burned-in flag and full pixel data', () => {
    const r = readBack(one('echo-cine').bytes);
    expect(r.meta['00020010']?.Value).toEqual(['1.2.840.10008.1.2.1']);
    expect(r.meta['00020002']?.Value).toEqual([US_MULTIFRAME_IMAGE_STORAGE]);
    expect(r.text(TAG.SOPClassUID)).toBe(US_MULTIFRAME_IMAGE_STORAGE);
    expect(r.text(TAG.Modality)).toBe('US');
    expect(r.text(TAG.PhotometricInterpretation)).toBe('MONOCHROME2');
    expect(r.number(TAG.Rows)).toBe(ECHO_FRAME.height);
    expect(r.number(TAG.Columns)).toBe(ECHO_FRAME.width);
    expect(r.number(TAG.NumberOfFrames)).toBe(16);
    expect(r.number(TAG.BitsAllocated)).toBe(8);
    expect(r.pixels().byteLength).toBe(144 * 192 * 16 * 1);
    expect(r.text(TAG.BurnedInAnnotation)).toBe('YES');
    const frameTime = r.number(TAG.FrameTime);
    const heartRate = r.number(TAG.HeartRate);
    expect(frameTime * 16).toBeCloseTo(60_000 / heartRate, -1);
    expect(r.number(TAG.CineRate)).toBe(Math.round(1000 / frameTime));
    expect(r.number(TAG.RecommendedDisplayFrameRate)).toBe(Math.round(1000 / frameTime));
    expect(r.first(TAG.FrameIncrementPointer)).toBe(0x00181063);
    const [region] = r.items(TAG.SequenceOfUltrasoundRegions);
    expect(region).toBeDefined();
    expect(r.number(TAG.RegionSpatialFormat, region)).toBe(1);
    expect(r.number(TAG.RegionLocationMaxX1, region)).toBeLessThan(192);
    expect(r.number(TAG.RegionLocationMaxY1, region)).toBeLessThan(144);
    expect(r.number(TAG.PhysicalDeltaX, region)).toBe(0.16);
  });

  it('CT: signed 16-bit slices with rescale, and geometry that agrees with itself', () => {
    const slices = set.files.filter((f) => f.kind === 'ct-slice').map((f) => readBack(f.bytes));
    const first = slices[0]!;
    expect(first.text(TAG.SOPClassUID)).toBe(CT_IMAGE_STORAGE);
    expect(first.number(TAG.PixelRepresentation)).toBe(1);
    expect(first.number(TAG.BitsAllocated)).toBe(16);
    expect(first.number(TAG.RescaleSlope)).toBe(1);
    expect(first.number(TAG.RescaleIntercept)).toBe(-1024);
    expect(first.pixels().byteLength).toBe(128 * 128 * 2);
    expect(first.dict[TAG.ImageOrientationPatient]?.Value).toEqual([1, 0, 0, 0, 1, 0]);
    expect(first.dict[TAG.PixelSpacing]?.Value).toEqual([2.5, 2.5]);
    const z = slices.map((s) => (s.dict[TAG.ImagePositionPatient]?.Value as number[])[2]!);
    const thickness = first.number(TAG.SliceThickness);
    z.slice(1).forEach((zk, k) => expect(zk - z[k]!).toBe(thickness));
    expect(z).toHaveLength(CT_GEOMETRY.slices);
    expect(new Set(slices.map((s) => s.text(TAG.FrameOfReferenceUID))).size).toBe(1);
    expect(slices.map((s) => s.number(TAG.InstanceNumber))).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
  });

  it('MR: T1 has short TR/TE, T2 long TR/TE, same frame of reference', () => {
    const t1 = readBack(one('mr-t1-slice').bytes);
    const t2 = readBack(one('mr-t2-slice').bytes);
    expect(t1.text(TAG.SOPClassUID)).toBe(MR_IMAGE_STORAGE);
    expect(t1.text(TAG.ScanningSequence)).toBe('SE');
    expect(t1.number(TAG.RepetitionTime)).toBeLessThan(800);
    expect(t1.number(TAG.EchoTime)).toBeLessThan(30);
    expect(t2.number(TAG.RepetitionTime)).toBeGreaterThan(2000);
    expect(t2.number(TAG.EchoTime)).toBeGreaterThan(80);
    expect(t1.text(TAG.SeriesInstanceUID)).not.toBe(t2.text(TAG.SeriesInstanceUID));
    expect(t1.text(TAG.FrameOfReferenceUID)).toBe(t2.text(TAG.FrameOfReferenceUID));
    expect(t1.pixels().byteLength).toBe(MR_GEOMETRY.rows * MR_GEOMETRY.columns * 2);
  });

  it('carries obviously fake PHI in the places de-identification must find', () => {
    for (const kind of ['echo-cine', 'ct-slice', 'mr-t2-slice']) {
      const r = readBack(one(kind).bytes);
      expect(r.text(TAG.PatientName)).toMatch(/^FAKE\^/);
      expect(r.text(TAG.PatientID)).toMatch(/^FAKE-\d{4}$/);
      expect(r.text(TAG.PatientBirthDate)).toMatch(/^(19|20)\d{6}$/);
      expect(r.text(TAG.PatientAge)).toMatch(/^\d{3}Y$/);
      expect(r.text(TAG.AccessionNumber)).toMatch(/^FAKEACC\d{5}$/);
      expect(r.text(TAG.InstitutionName)).toBe('Enclave Synthetic Hospital');
      for (const tag of [TAG.ReferringPhysicianName, TAG.OperatorsName, TAG.PerformingPhysicianName, TAG.StationName, TAG.DeviceSerialNumber]) {
        expect(r.text(tag), tag).toMatch(/^FAKE/);
      }
      expect(r.text(TAG.Manufacturer)).toMatch(/^Enclave FakeVendor/);
      expect(r.text('00330010')).toBe('ENCLAVE SYNTHETIC 1.0');
      expect(r.text('00331010')).toMatch(/^FAKE-MRN-/);
      const [privateItem] = r.items('00331012');
      expect(r.text(TAG.PatientName, privateItem)).toBe(r.text(TAG.PatientName));
      const [other] = r.items(TAG.OtherPatientIDsSequence);
      expect(r.text(TAG.PatientID, other)).toMatch(/^FAKE-MRN-/);
      const [request] = r.items(TAG.RequestAttributesSequence);
      expect(r.text(TAG.AccessionNumber, request)).toBe(r.text(TAG.AccessionNumber));
    }
  });
});

describe('default sample set: independent validators', () => {
  const kinds = ['echo-cine', 'ct-slice', 'mr-t1-slice', 'mr-t2-slice'] as const;

  it.skipIf(!hasTool('dciodvfy'))('dicom3tools dciodvfy finds no errors in one file of each kind', () => {
    for (const kind of kinds) {
      const run = runOnFile('dciodvfy', [], one(kind).bytes);
      expect(errorLines(run.output), `${kind}:\n${run.output}`).toEqual([]);
    }
  });

  it.skipIf(!hasTool('dcmdump'))('dcmtk dcmdump parses one file of each kind without complaint', () => {
    for (const kind of kinds) {
      const run = runOnFile('dcmdump', ['-q'], one(kind).bytes);
      expect(run.status, kind).toBe(0);
      expect(run.output, kind).not.toMatch(/^[EW]: /m);
      expect(run.output).toMatch(/\(0010,0010\) PN \[FAKE\^/);
    }
  });
});
