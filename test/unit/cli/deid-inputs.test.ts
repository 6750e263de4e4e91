import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { createInputReader, displayRef, listInputs } from '../../../src/cli/deid/inputs';
import { runDeidCommand } from '../../../src/cli/deid/run';
import { TAG, str, writePart10 } from '../../../src/lib/dicom/write';
import { CORPUS_DIR, HAS_CORPUS } from '../dicom/parse/corpus';

const STUB = new URL('./stub-engine.ts', import.meta.url).href;
const root = mkdtempSync(join(tmpdir(), 'enclave-cli-inputs-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function instance(patientId: string, sop: string): Uint8Array {
  return writePart10({
    [TAG.SOPClassUID]: str('UI', '1.2.840.10008.5.1.4.1.1.7'),
    [TAG.SOPInstanceUID]: str('UI', sop),
    [TAG.StudyInstanceUID]: str('UI', '1.2.9.1'),
    [TAG.SeriesInstanceUID]: str('UI', '1.2.9.1.1'),
    [TAG.PatientName]: str('PN', `TESTNAME^${patientId}`),
    [TAG.PatientID]: str('LO', patientId),
  });
}

function put(dir: string, path: string, bytes: Uint8Array | string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), bytes);
}

function sink(): { write: (t: string) => boolean; text: () => string; isTTY: false } {
  const parts: string[] = [];
  return { isTTY: false, write: (t: string) => parts.push(t) > 0, text: () => parts.join('') };
}

const SECRET = join(root, 'secret.hex');
writeFileSync(SECRET, 'cd'.repeat(32));
const a = instance('PID-0001', '1.2.3.1');
const b = instance('PID-0001', '1.2.3.2');
const c = instance('PID-0002', '1.2.3.3');
const input = join(root, 'in');
put(input, 'loose/c.dcm', c);
put(input, 'export.zip', zipSync({
  'CT/IM0001': [a, { level: 6 }],
  'CT/IM0002': [b, { level: 0 }],
  '__MACOSX/CT/._IM0001': new Uint8Array([1, 2, 3]),
  'README.txt': new TextEncoder().encode('not dicom'),
}));
put(input, 'fake.zip', 'a text file with a zip name');

describe('CLI inputs: folders, zip archives, a DICOMDIR', () => {
  it('lists zip entries (system files set aside) beside plain files, and reads them lazily in the worker', async () => {
    const listing = await listInputs(input);
    expect(listing.refs.map((r) => displayRef(input, r))).toEqual(['export.zip/CT/IM0001', 'export.zip/CT/IM0002', 'export.zip/README.txt', 'fake.zip', 'loose/c.dcm']);
    expect(listing.problems).toEqual([{ display: 'export.zip/__MACOSX/', code: 'system', reason: 'macOS resource-fork folder (__MACOSX): not part of the scans (1 file)' }]);
    const read = createInputReader();
    expect(await read(listing.refs[0]!)).toEqual(a);
    expect(await read(listing.refs[1]!)).toEqual(b);
    expect(await read(listing.refs[4]!)).toEqual(c);
  });

  it('de-identifies the entries of a zip like files (stub engine): written, the text entries skipped, exit 0', async () => {
    const out = join(root, 'out-zip');
    const stdout = sink();
    const stderr = sink();
    const code = await runDeidCommand([input, out, '--secret-file', SECRET, '--jobs', '2'], { stdout, stderr, engineModule: STUB });
    expect(stdout.text()).toContain('6 file(s): 3 written, 0 blocked (leftover PHI or pixels), 3 skipped');
    expect(code).toBe(0);
    expect(stderr.text()).toContain('export.zip/__MACOSX/: skipped (system)');
    const audit = JSON.parse(readFileSync(join(out, 'deid-audit.json'), 'utf8')) as { files: { summary: { file: string } }[] };
    expect(audit.files.filter((f) => f.summary.file.endsWith('.dcm'))).toHaveLength(3);
  });

  it('fails (exit 3) when an archive cannot be read, naming why', async () => {
    const broken = join(root, 'broken');
    const whole = readFileSync(join(input, 'export.zip'));
    put(broken, 'cut.zip', whole.subarray(0, whole.length - 40));
    const stderr = sink();
    const code = await runDeidCommand([broken, join(root, 'out-broken'), '--secret-file', SECRET], { stdout: sink(), stderr, engineModule: STUB });
    expect(stderr.text()).toContain('cut.zip: NOT read (damaged)');
    expect(code).toBe(3);
  });

  it.skipIf(!HAS_CORPUS)('takes a DICOMDIR as the input: the files it lists, and says which are missing', async () => {
    const copy = join(root, 'cd');
    cpSync(join(CORPUS_DIR, 'dicomdir'), copy, { recursive: true });
    const listing = await listInputs(join(copy, 'DICOMDIR'));
    expect(listing.refs).toHaveLength(17);
    expect(listing.refs.every((r) => r.kind === 'file' && relative(copy, r.path).startsWith('98892003/'))).toBe(true);
    // pydicom's copy keeps the DICOMDIR of a whole CD but only one patient's files.
    const missing = listing.problems.length;
    expect(missing).toBe(14);
    expect(listing.problems.every((p) => p.code === 'missing' && !p.display.startsWith('98892003/'))).toBe(true);

    rmSync(join(copy, '98892003/MR2/4981'));
    const stdout = sink();
    const stderr = sink();
    const code = await runDeidCommand([join(copy, 'DICOMDIR'), join(root, 'out-cd'), '--secret-file', SECRET, '--jobs', '2'], { stdout, stderr, engineModule: STUB });
    expect(stderr.text()).toContain('98892003/MR2/4981: NOT read (missing): listed in the DICOMDIR but not found next to it');
    expect(stdout.text()).toContain(`${16 + missing + 1} file(s): 16 written`);
    expect(code).toBe(3);
  });
});
