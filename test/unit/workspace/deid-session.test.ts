/**
 * DeidSession over an ImportSession fed the synthetic sample set as Blobs (2 echo loops with a
 * burned-in banner, 2 MR series of 12 slices): outputs parse and hold none of the fake PHI, UIDs
 * stay linked across the MR series, the banner is masked, the zip holds what it should, cancel
 * keeps what is done, and a planted identifier blocks export.
 */
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { decryptPseudonymMap } from '../../../src/lib/deid/crypto';
import { defaultPolicy } from '../../../src/lib/deid/policy';
import { datasetReader, parseDicomBytes } from '../../../src/lib/dicom/parse';
import { ECHO_BANNER, ECHO_FRAME, FAKE_INSTITUTION_NAME, generateSampleSet, type SampleSet } from '../../../src/lib/synthetic';
import { DeidSession } from '../../../src/lib/workspace/deid-session';
import type { DeidSummary } from '../../../src/lib/workspace/deid-summary';
import { ImportSession } from '../../../src/lib/workspace/import-session';
import type { ViewerFrame } from '../../../src/lib/workspace/viewables';

const SECRET = new Uint8Array(32).map((_, i) => (i * 37 + 11) & 0xff);
const FAST = { iterations: 1000 };
const latin1 = new TextDecoder('latin1');

let set: SampleSet;
let imports: ImportSession;
let deid: DeidSession;
let summary: DeidSummary;
/** Fake identifying strings of the set: names (parts), IDs, accession numbers, birth dates, institution. */
let phi: string[];

beforeAll(async () => {
  set = await generateSampleSet({ patients: 2, echoStudies: 2, ct: false, mr: true });
  imports = new ImportSession();
  await imports.add(set.files.map((f) => ({ blob: new Blob([f.bytes as BlobPart]), path: f.path })));
  const found = new Set<string>([FAKE_INSTITUTION_NAME]);
  for (const f of set.files) {
    const r = datasetReader(parseDicomBytes(f.bytes, { mode: 'header' }));
    // "FAKE" marks every fake name and is also in ManufacturerModelName ("FAKE ECHO 3000"): not PHI on its own.
    for (const part of (r.string('PatientName') ?? '').split(/[\^ ]/)) if (part.length >= 3 && part !== 'FAKE') found.add(part);
    for (const key of ['PatientID', 'AccessionNumber', 'PatientBirthDate'] as const) {
      const value = r.string(key);
      if (value) found.add(value);
    }
  }
  phi = [...found];
  deid = new DeidSession(imports);
  summary = await deid.run({ policy: defaultPolicy(), secret: SECRET, passphrase: 'correct horse', encryption: FAST });
}, 120_000);

function seriesKeyOf(modality: string): string[] {
  return imports.viewables().filter((v) => v.label.includes(`: ${modality}`)).map((v) => v.key);
}

/** The summary without the series keys: those are the import tree's own handles (original UIDs, ID), which the UI already holds. */
function withoutSeriesKeys(value: unknown): string {
  return JSON.stringify(value, (key, v: unknown) => (key === 'seriesKey' ? undefined : v));
}

function leaks(text: string): string[] {
  return phi.filter((p) => text.includes(p));
}

function bannerPixels(frame: ViewerFrame): number {
  if (frame.kind !== 'dicom') throw new Error('expected a DICOM frame');
  const { data, columns } = frame.decoded;
  let n = 0;
  for (let i = 0; i < columns * 54; i++) if (data[i] === ECHO_BANNER.value) n++;
  return n;
}

describe('DeidSession on the synthetic sample set', () => {
  it('de-identifies every file into parseable outputs without the fake PHI', () => {
    expect(set.files).toHaveLength(26);
    expect(phi.length).toBeGreaterThanOrEqual(8);
    expect(summary.files).toBe(26);
    expect(summary.outputs).toBe(26);
    expect(summary.cancelled).toBe(false);
    expect(summary.series.flatMap((s) => s.failed)).toEqual([]);
    for (const path of deid.outputPaths()) {
      expect(path).toMatch(/^[A-Za-z0-9_-]+\/2\.25\.\d+\/2\.25\.\d+\/2\.25\.\d+\.dcm$/);
      const bytes = deid.output(path)!;
      const reader = datasetReader(parseDicomBytes(bytes, { mode: 'full' }));
      expect(reader.string('PatientIdentityRemoved')).toBe('YES');
      expect(leaks(latin1.decode(bytes))).toEqual([]);
    }
  });

  it('keeps UIDs linked across the two MR series and apart from the originals', () => {
    const mr = seriesKeyOf('MR');
    expect(mr).toHaveLength(2);
    const readers = deid.outputPaths().map((p) => datasetReader(parseDicomBytes(deid.output(p)!, { mode: 'header' })))
      .filter((r) => r.string('Modality') === 'MR');
    expect(readers).toHaveLength(24);
    const distinct = (key: string) => new Set(readers.map((r) => r.string(key)));
    expect(distinct('StudyInstanceUID').size).toBe(1);
    expect(distinct('FrameOfReferenceUID').size).toBe(1);
    expect(distinct('SeriesInstanceUID').size).toBe(2);
    expect(distinct('SOPInstanceUID').size).toBe(24);
    const originals = new Set(set.files.flatMap((f) => [f.studyInstanceUid, f.seriesInstanceUid, f.sopInstanceUid]));
    for (const key of ['StudyInstanceUID', 'SeriesInstanceUID', 'SOPInstanceUID']) {
      for (const uid of distinct(key)) expect(originals.has(uid!)).toBe(false);
    }
    for (const s of summary.series.filter((x) => mr.includes(x.seriesKey))) {
      expect(s.files).toBe(12);
      expect(s.pixelsCleaned).toBe(0);
    }
  });

  it('masks the echo banner: the original frame has it, the de-identified frame has none', async () => {
    const echo = seriesKeyOf('US');
    expect(echo).toHaveLength(2);
    for (const key of echo) {
      const before = await imports.frame(key, 3);
      const after = await deid.deidFrame(key, 3);
      expect(bannerPixels(before)).toBeGreaterThan(100);
      expect(bannerPixels(after)).toBe(0);
      if (after.kind !== 'dicom') throw new Error('expected a DICOM frame');
      expect([after.decoded.columns, after.decoded.rows]).toEqual([ECHO_FRAME.width, ECHO_FRAME.height]);
      const s = summary.series.find((x) => x.seriesKey === key)!;
      expect(s.pixelsCleaned).toBe(1);
      expect(s.maskedFrames).toBe(16);
    }
    await expect(deid.deidFrame(echo[0]!, 16)).rejects.toMatchObject({ name: 'InvalidInputError' });
  });

  it('returns the pseudonym map only encrypted, and the summary holds no PHI', async () => {
    expect(summary.pseudonymMap).toBeDefined();
    const { pseudonymMap, ...plain } = summary;
    expect(leaks(withoutSeriesKeys(plain))).toEqual([]);
    expect(leaks(JSON.stringify(pseudonymMap))).toEqual([]);
    const entries = await decryptPseudonymMap(pseudonymMap!, 'correct horse');
    expect(entries).toHaveLength(2);
    const pseudonyms = new Set(summary.series.flatMap((s) => s.pseudonyms));
    expect(new Set(entries.map((e) => e.pseudonym))).toEqual(pseudonyms);
    expect(entries.every((e) => phi.includes(e.patientId))).toBe(true);
  });

  it('catalogues the outputs for datasets without PHI, and keeps the originals only for translating keys', () => {
    const items = deid.outputs.items();
    expect(items.map((i) => i.path)).toEqual(deid.outputPaths());
    expect(leaks(JSON.stringify(items))).toEqual([]);
    const echo = items.filter((i) => i.modality === 'US');
    expect(echo.map((i) => [i.frames, i.rows, i.columns, i.hasPixels])).toEqual(echo.map(() => [ECHO_FRAME.frames, ECHO_FRAME.height, ECHO_FRAME.width, true]));
    // Every original PatientID reaches exactly that patient's outputs, under its pseudonym.
    const byPatient = deid.outputs.outputsByOriginal('patientId');
    expect(byPatient.size).toBe(2);
    for (const [patientId, paths] of byPatient) {
      expect(phi).toContain(patientId);
      expect(new Set(paths.map((p) => deid.outputs.item(p)!.pseudonym)).size).toBe(1);
    }
    const bySource = deid.outputs.outputsByOriginal('sourcePath');
    expect([...bySource.keys()].sort()).toEqual(set.files.map((f) => f.path).sort());
  });

  it('exports a zip of the outputs and the audit files, none with PHI', async () => {
    // The leftover-PHI check is clean: no identifier and no PHI-like pattern remains.
    expect(summary.export).toEqual({ allowed: true, errors: 0, warnings: 0, reason: null });
    expect(summary.exportAllowed).toBe(true);
    expect(summary.series.flatMap((s) => s.leftover.findings)).toEqual([]);
    const blob = await deid.exportZip({ createdAt: new Date('2026-01-01T00:00:00Z') });
    expect(blob.type).toBe('application/zip');
    const files = unzipSync(new Uint8Array(await blob.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual([...deid.outputPaths(), 'deid-audit.csv', 'deid-audit.json', 'leftover-phi.json'].sort());
    // Byte-for-byte (Buffer.equals: toEqual on 400 kB arrays takes seconds).
    for (const path of deid.outputPaths()) expect(Buffer.from(files[path]!).equals(deid.output(path)!)).toBe(true);
    const csv = latin1.decode(files['deid-audit.csv']);
    expect(csv.split(/\r?\n/)[0]).toBe('file,element_path,tag,keyword,action,reason');
    const audit = JSON.parse(latin1.decode(files['deid-audit.json'])) as { files: unknown[]; createdAt: string };
    expect(audit.files).toHaveLength(26);
    expect(audit.createdAt).toBe('2026-01-01T00:00:00.000Z');
    const leftover = JSON.parse(latin1.decode(files['leftover-phi.json'])) as { files: { errors: number }[] };
    expect(leftover.files).toHaveLength(26);
    for (const name of ['deid-audit.csv', 'deid-audit.json', 'leftover-phi.json']) expect(leaks(latin1.decode(files[name]))).toEqual([]);
  });
});

describe('DeidSession cancel and fail-closed', () => {
  it('cancel after the first file keeps that one output', async () => {
    const session = new DeidSession(imports);
    const controller = new AbortController();
    const messages: string[] = [];
    const result = await session.run({
      policy: defaultPolicy(), secret: SECRET, signal: controller.signal,
      onProgress: (p) => {
        expect(p.stage).toBe('deidentify');
        messages.push(p.message ?? '');
        if (p.done === 1) controller.abort();
      },
    });
    expect(result.cancelled).toBe(true);
    expect(result.outputs).toBe(1);
    expect(result.pseudonymMap).toBeUndefined();
    expect(session.outputPaths()).toEqual([messages[0]]);
    expect(leaks(messages.join('\n'))).toEqual([]);
  });

  it('blocks export with ExportBlockedError when a kept PatientName survives', async () => {
    const session = new DeidSession(imports);
    const policy = { ...defaultPolicy(), overrides: { PatientName: 'K' as const } };
    const result = await session.run({ policy, secret: SECRET, seriesKeys: seriesKeyOf('MR').slice(0, 1) });
    expect(result.outputs).toBe(12);
    expect(result.exportAllowed).toBe(false);
    expect(result.export.errors).toBeGreaterThanOrEqual(12);
    const kinds = new Set(result.series.flatMap((s) => s.leftover.findings.map((f) => f.kind)));
    expect(kinds.has('patient-name')).toBe(true);
    expect(leaks(withoutSeriesKeys(result))).toEqual([]);
    await expect(session.exportZip({ acknowledgeWarnings: true })).rejects.toMatchObject({ name: 'ExportBlockedError' });
  });
});
