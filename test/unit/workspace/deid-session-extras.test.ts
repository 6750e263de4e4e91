/**
 * DeidSession beyond a plain run: re-running one series, writing the export into a folder
 * handle, and pseudonyms carried over from an imported (encrypted) map into a project with
 * another secret.
 */
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { decryptPseudonymMap, encryptPseudonymMap, envelopeToJson, type EncryptedEnvelope } from '../../../src/lib/deid/crypto';
import { defaultPolicy } from '../../../src/lib/deid/policy';
import { datasetReader, parseDicomBytes } from '../../../src/lib/dicom/parse';
import { generateSampleSet } from '../../../src/lib/synthetic';
import { DeidSession } from '../../../src/lib/workspace/deid-session';
import { ImportSession } from '../../../src/lib/workspace/import-session';
import { importPseudonymMap } from '../../../src/lib/workspace/pseudonym-map-import';
import { MemoryDirectory } from './memory-directory';

const SECRET_A = new Uint8Array(32).fill(7);
const SECRET_B = new Uint8Array(32).fill(8);
const FAST = { iterations: 1000 };

let imports: ImportSession;
let firstMap: EncryptedEnvelope;
let firstPseudonyms: string[];

beforeAll(async () => {
  const set = await generateSampleSet({ patients: 2, echoStudies: 2, ct: false, mr: true });
  imports = new ImportSession();
  await imports.add(set.files.map((f) => ({ blob: new Blob([f.bytes as BlobPart]), path: f.path })));
  const session = new DeidSession(imports);
  const summary = await session.run({ policy: defaultPolicy(), secret: SECRET_A, passphrase: 'map pass', encryption: FAST });
  firstMap = summary.pseudonymMap!;
  firstPseudonyms = [...new Set(summary.series.flatMap((s) => s.pseudonyms))].sort();
}, 120_000);

describe('re-running one series', () => {
  it('replaces that series only and keeps the other outputs as they were', async () => {
    const session = new DeidSession(imports);
    const first = await session.run({ policy: defaultPolicy(), secret: SECRET_A });
    const mr = first.series.find((s) => s.frameCount === 12)!;
    const otherPaths = session.outputPaths().filter((p) => !p.includes(`/${mr.seriesRef}/`));
    const otherBytes = otherPaths.map((p) => session.output(p));
    const again = await session.run({ policy: defaultPolicy(), secret: SECRET_A, seriesKeys: [mr.seriesKey], keepOtherSeries: true });
    expect(again.outputs).toBe(first.outputs);
    expect(again.files).toBe(first.files);
    expect(again.series.map((s) => s.seriesKey).sort()).toEqual(first.series.map((s) => s.seriesKey).sort());
    expect(otherPaths.map((p) => session.output(p))).toEqual(otherBytes);
    for (const [i, p] of otherPaths.entries()) expect(session.output(p)).toBe(otherBytes[i]);
    // The catalogue datasets are built from follows: no output of the first run of that series is left in it.
    expect(session.outputs.items().map((item) => item.path).sort()).toEqual(session.outputPaths().sort());
    // Without keepOtherSeries a run of one series replaces everything.
    const only = await session.run({ policy: defaultPolicy(), secret: SECRET_A, seriesKeys: [mr.seriesKey] });
    expect(only.outputs).toBe(12);
  }, 60_000);

  it('numbers frames within the series for the review screen', async () => {
    const session = new DeidSession(imports);
    const summary = await session.run({ policy: defaultPolicy(), secret: SECRET_A });
    const frames = summary.series.map((s) => s.frameCount).sort((a, b) => a - b);
    expect(frames).toEqual([12, 12, 16, 16]);
    for (const s of summary.series) expect(s.seriesRef).toMatch(/^2\.25\.\d+$/);
  }, 60_000);
});

describe('export into a folder handle', () => {
  it('writes the same files as the zip, as pseudonym/study/series/<instance>.dcm plus the reports', async () => {
    const session = new DeidSession(imports);
    await session.run({ policy: defaultPolicy(), secret: SECRET_A });
    const root = new MemoryDirectory();
    const progress: number[] = [];
    const result = await session.exportToDirectory(root, { onProgress: (p) => progress.push(p.done) });
    const zip = unzipSync(new Uint8Array(await (await session.exportZip()).arrayBuffer()));
    const files = root.files();
    expect(result.files).toBe(29);
    expect(Object.keys(files).sort()).toEqual(Object.keys(zip).sort());
    for (const [path, bytes] of Object.entries(files)) {
      if (path.endsWith('.dcm')) {
        expect(path).toMatch(/^ENC-[A-Z2-7]{12}\/2\.25\.\d+\/2\.25\.\d+\/2\.25\.\d+\.dcm$/);
        expect(datasetReader(parseDicomBytes(bytes)).string('PatientName')).toBe(path.split('/')[0]);
        expect(bytes).toEqual(zip[path]);
      }
    }
    expect(root.names()).toEqual(expect.arrayContaining(['deid-audit.csv', 'deid-audit.json', 'leftover-phi.json']));
    expect(progress.at(-1)).toBe(29);
  }, 60_000);

  it('refuses while nothing was de-identified (fail-closed), writing nothing', async () => {
    const root = new MemoryDirectory();
    await expect(new DeidSession(imports).exportToDirectory(root)).rejects.toMatchObject({ name: 'ExportBlockedError' });
    expect(root.files()).toEqual({});
  });
});

describe('pseudonyms from an imported map', () => {
  it('gives the same patients the same pseudonyms under another project secret, and keeps them in the returned map', async () => {
    const plain = await new DeidSession(imports).run({ policy: defaultPolicy(), secret: SECRET_B });
    const plainPseudonyms = [...new Set(plain.series.flatMap((s) => s.pseudonyms))].sort();
    expect(plainPseudonyms).not.toEqual(firstPseudonyms);

    const session = new DeidSession(imports);
    const summary = await session.run({ policy: defaultPolicy(), secret: SECRET_B, storedMap: firstMap, passphrase: 'map pass', encryption: FAST });
    expect([...new Set(summary.series.flatMap((s) => s.pseudonyms))].sort()).toEqual(firstPseudonyms);
    const entries = await decryptPseudonymMap(summary.pseudonymMap!, 'map pass');
    expect(entries.map((e) => e.pseudonym).sort()).toEqual(firstPseudonyms);
  }, 60_000);

  it('opens the stored map before any work: a wrong passphrase or none stops the run', async () => {
    const session = new DeidSession(imports);
    await expect(session.run({ policy: defaultPolicy(), secret: SECRET_B, storedMap: firstMap, passphrase: 'wrong' }))
      .rejects.toMatchObject({ name: 'DecryptionFailedError', message: expect.stringContaining('the passphrase is wrong') });
    await expect(session.run({ policy: defaultPolicy(), secret: SECRET_B, storedMap: firstMap }))
      .rejects.toMatchObject({ name: 'InvalidInputError', message: expect.stringContaining('enter its passphrase') });
    expect(session.outputPaths()).toEqual([]);
  });
});

describe('importPseudonymMap', () => {
  const entry = (id: string, pseudonym: string) => ({ patientId: id, issuerOfPatientId: '', patientName: `FAKE^${id}`, pseudonym });

  it('opens the file, merges it after the project map (whose pseudonyms win) and seals it again', async () => {
    const file = envelopeToJson(await encryptPseudonymMap([entry('P1', 'ENC-AAAA'), entry('P2', 'ENC-BBBB')], 'pass', FAST), 'pseudonym-map');
    const stored = await encryptPseudonymMap([entry('P2', 'ENC-CCCC'), entry('P3', 'ENC-DDDD')], 'pass', FAST);
    const result = await importPseudonymMap(file, 'pass', stored, FAST);
    expect({ patients: result.patients, added: result.added, conflicts: result.conflicts }).toEqual({ patients: 3, added: 1, conflicts: 1 });
    const merged = await decryptPseudonymMap(result.envelope, 'pass');
    expect(merged.map((e) => [e.patientId, e.pseudonym])).toEqual([['P2', 'ENC-CCCC'], ['P3', 'ENC-DDDD'], ['P1', 'ENC-AAAA']]);
    expect(new TextDecoder('latin1').decode(result.envelope.ciphertext)).not.toContain('FAKE');
  });

  it('says what went wrong: wrong passphrase, another passphrase for the project map, not a map file', async () => {
    const file = envelopeToJson(await encryptPseudonymMap([entry('P1', 'ENC-AAAA')], 'pass', FAST), 'pseudonym-map');
    await expect(importPseudonymMap(file, 'nope')).rejects.toMatchObject({
      name: 'DecryptionFailedError',
      message: 'The pseudonym map could not be decrypted: the passphrase is wrong, or the encrypted data were changed or damaged.',
    });
    const other = await encryptPseudonymMap([entry('P9', 'ENC-ZZZZ')], 'other', FAST);
    await expect(importPseudonymMap(file, 'pass', other)).rejects.toMatchObject({
      name: 'DecryptionFailedError', message: expect.stringContaining('sealed with another passphrase'),
    });
    await expect(importPseudonymMap('{"hello": 1}', 'pass')).rejects.toMatchObject({ name: 'InvalidInputError' });
  });
});
