/**
 * The worker api's de-identification calls (what the UI reaches through comlink), and the
 * export gate's rules on hand-made records.
 */
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { decryptPseudonymMap } from '../../../src/lib/deid/crypto';
import { defaultPolicy } from '../../../src/lib/deid/policy';
import { generateSampleSet, type SampleSet } from '../../../src/lib/synthetic';
import { exportDecision, type DeidFileRecord } from '../../../src/lib/workspace/deid-summary';
import { createImportApi } from '../../../src/lib/workspace/import-api';

const SECRET = new Uint8Array(32).fill(7);
let set: SampleSet;

beforeAll(async () => {
  set = await generateSampleSet({ patients: 1, echoStudies: 1, ct: false, mr: false });
}, 60_000);

describe('import api: deidentify, summary, frame, export', () => {
  it('runs over the imported files, reports a damaged file as a row, and exports the clean result', async () => {
    const api = createImportApi({});
    const echo = set.files[0]!;
    // Cut inside the pixel data: the header still parses; the editable copy refuses a truncated file.
    const truncated = echo.bytes.subarray(0, echo.bytes.length - 1000);
    await api.add([{ blob: new Blob([echo.bytes as BlobPart]), path: 'a/echo.dcm' }, { blob: new Blob([truncated as BlobPart]), path: 'b/cut.dcm' }]);
    const [series] = await api.viewables();
    const stages: string[] = [];
    const summary = await api.deidentify(JSON.stringify(defaultPolicy()), SECRET, { passphrase: 'pass phrase' }, (p) => stages.push(p.stage));
    expect(stages.every((s) => s === 'deidentify')).toBe(true);
    expect(summary.files).toBe(2);
    expect(summary.outputs).toBe(1);
    expect(summary.series).toHaveLength(1);
    expect(summary.series[0]!.failed).toEqual([{ file: '#2', reason: 'InvalidInputError' }]);
    expect(summary.series[0]!.pixelsCleaned).toBe(1);
    expect((await decryptPseudonymMap(summary.pseudonymMap!, 'pass phrase')).map((e) => e.patientId)).toEqual([echo.patientId]);

    const after = await api.deidFrame(series!.key, 0);
    expect(after.kind).toBe('dicom');
    // The synthetic study comes out with no finding at all, so nothing needs acknowledging.
    expect(await api.deidSummary()).toMatchObject({ exportAllowed: true });
    const zip = unzipSync(new Uint8Array(await (await api.exportDeidZip()).arrayBuffer()));
    expect(Object.keys(zip).filter((p) => p.endsWith('.dcm'))).toHaveLength(1);
    const audit = JSON.parse(new TextDecoder().decode(zip['deid-audit.json'])) as { files: { summary: { file: string; failure: string | null } }[] };
    expect(audit.files.map((f) => f.summary.failure)).toEqual([null, 'InvalidInputError']);
    expect(audit.files[1]!.summary.file).toBe('#2');
  }, 60_000);

  it('refuses a policy that is not JSON or not valid', async () => {
    const api = createImportApi({});
    await expect(api.deidentify('{', SECRET)).rejects.toMatchObject({ name: 'DeidPolicyError' });
    await expect(api.deidentify(JSON.stringify({ version: 2 }), SECRET)).rejects.toMatchObject({ name: 'DeidPolicyError' });
  });
});

function record(overrides: Partial<DeidFileRecord>): DeidFileRecord {
  return { seriesKey: 's', file: 'P/1/2/3.dcm', ok: true, audit: [], findings: [], errors: 0, warnings: 0, blocking: [], ...overrides };
}

describe('exportDecision', () => {
  it('allows clean outputs and ignores failed files', () => {
    expect(exportDecision([record({}), record({ ok: false, file: '#2', reason: 'DicomParseError' })]))
      .toEqual({ allowed: true, errors: 0, warnings: 0, reason: null });
  });

  it('blocks on nothing to export, on pixels not cleaned, and on legible text until acknowledged', () => {
    expect(exportDecision([]).reason).toBe('Nothing was de-identified yet.');
    expect(exportDecision([record({ blocking: ['pixels-not-cleaned'] })]))
      .toEqual({ allowed: false, errors: 0, warnings: 0, reason: '1 file(s) may have burned-in text that was not cleaned.' });
    const legible = record({ pixel: { outcome: 'cleaned', maskedFrames: 3, flaggedFrames: [], legibleWarnings: 2, ocrUsed: true, notes: [] } });
    expect(exportDecision([legible])).toEqual({ allowed: false, errors: 0, warnings: 2, reason: '2 possible PHI pattern(s) need review and acknowledgement.' });
    expect(exportDecision([legible], true).allowed).toBe(true);
    expect(exportDecision([record({ errors: 1, blocking: ['leftover-phi'] })], true).allowed).toBe(false);
  });
});
