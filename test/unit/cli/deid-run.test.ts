import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runDeidCommand } from '../../../src/cli/deid/run';
import { TAG, str, writePart10 } from '../../../src/lib/dicom/write';
import { planSampleSet } from '../../../src/lib/synthetic';
import { execFileSync, spawnSync } from 'node:child_process';
import { decryptPseudonymMap, envelopeFromJson } from '../../../src/lib/deid/crypto';
import { ECHO_BANNER } from '../../../src/lib/synthetic';
import { CORPUS_DIR, corpusAvailable, decodedFrames, loadInstance } from '../deid/pixels/helpers';

const STUB = new URL('./stub-engine.ts', import.meta.url).href;
const root = mkdtempSync(join(tmpdir(), 'enclave-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function sink(): { write: (t: string) => boolean; text: () => string; isTTY: false } {
  const parts: string[] = [];
  return { isTTY: false, write: (t: string) => parts.push(t) > 0, text: () => parts.join('') };
}

function instance(patientId: string, sop: string, comments = ''): Uint8Array {
  return writePart10({
    [TAG.SOPClassUID]: str('UI', '1.2.840.10008.5.1.4.1.1.7'),
    [TAG.SOPInstanceUID]: str('UI', sop),
    // one study and series per patient
    [TAG.StudyInstanceUID]: str('UI', `1.2.9.${patientId.slice(-1)}`),
    [TAG.SeriesInstanceUID]: str('UI', `1.2.9.${patientId.slice(-1)}.1`),
    [TAG.PatientName]: str('PN', `TESTNAME^${patientId}`),
    [TAG.PatientID]: str('LO', patientId),
    [TAG.PatientComments]: str('LT', comments),
  });
}

function put(dir: string, path: string, bytes: Uint8Array | string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), bytes);
}

function tree(dir: string): string[] {
  const out = execFileSync('find', [dir, '-type', 'f'], { encoding: 'utf8' }).trim().split('\n');
  return out.map((p) => relative(dir, p)).sort();
}

describe('enclave deid (stub engine, worker threads)', () => {
  const input = join(root, 'in');
  put(input, 'DOE JOHN/a/1.dcm', instance('PID-0001', '1.2.3.1'));
  put(input, 'DOE JOHN/a/2.dcm', instance('PID-0001', '1.2.3.2'));
  put(input, 'ROE/3.dcm', instance('PID-0002', '1.2.3.3', 'LEAK'));
  put(input, 'notes.txt', 'not dicom');
  put(input, '.hidden', 'skipped');
  const secret = join(root, 'secret.hex');
  writeFileSync(secret, 'ab'.repeat(32));

  it('writes pseudonym/study/series/instance.dcm and reports; keeps the leaky file out (exit 1)', async () => {
    const out = join(root, 'out1');
    const stdout = sink();
    const stderr = sink();
    const code = await runDeidCommand([input, out, '--secret-file', secret, '--jobs', '2'], { stdout, stderr, engineModule: STUB });
    expect(code).toBe(1);
    expect(tree(out)).toEqual([
      'STUB-102594618/2.25.1011928664/2.25.2440378249/2.25.1849968371.dcm',
      'STUB-102594618/2.25.1011928664/2.25.2440378249/2.25.1866745990.dcm',
      'deid-audit-files.csv', 'deid-audit.csv', 'deid-audit.json', 'leftover-phi.json',
    ].sort());
    expect(stdout.text()).toContain('4 file(s): 2 written, 1 blocked (leftover PHI or pixels), 1 skipped (not DICOM / DICOMDIR), 0 duplicate(s), 0 failed');
    expect(stderr.text()).toContain('ROE/3.dcm: NOT written: leftover-phi');
    const leftover = JSON.parse(readFileSync(join(out, 'leftover-phi.json'), 'utf8')) as { totals: unknown; files: { file: string; status: string }[] };
    // PatientID and the name's given part (also PID-0002 in this fixture): two kinds, two errors
    expect(leftover.totals).toEqual({ files: 4, written: 2, blocked: 1, errors: 2, warnings: 0 });
    expect(leftover.files.map((f) => `${f.status}`)).toEqual(['blocked', 'skipped']);
    const reports = ['deid-audit.csv', 'deid-audit-files.csv', 'deid-audit.json', 'leftover-phi.json']
      .map((f) => readFileSync(join(out, f), 'utf8')).join('\n');
    for (const phi of ['DOE', 'ROE', 'PID-000', 'TESTNAME', 'notes']) expect(reports.includes(phi), phi).toBe(false);
    // rows follow the input order (1.dcm first), whatever order the workers finish in
    expect(readFileSync(join(out, 'deid-audit.csv'), 'utf8').split('\r\n')[1])
      .toBe('STUB-102594618/2.25.1011928664/2.25.2440378249/2.25.1866745990.dcm,"(0010,0010)",00100010,PatientName,D,stub');
  });

  it('writes it anyway with --allow-findings (exit 0)', async () => {
    const out = join(root, 'out2');
    const code = await runDeidCommand([input, out, '--secret-file', secret, '--jobs', '1', '--allow-findings'], {
      stdout: sink(), stderr: sink(), engineModule: STUB,
    });
    expect(code).toBe(0);
    expect(tree(out).filter((p) => p.endsWith('.dcm'))).toHaveLength(3);
  });

  it('generates a secret beside the output when none is given, and refuses an output inside the input', async () => {
    const out = join(root, 'out3');
    const stderr = sink();
    await runDeidCommand([join(input, 'DOE JOHN'), out, '--jobs', '1'], { stdout: sink(), stderr, engineModule: STUB });
    expect(stderr.text()).toContain(`WARNING no --secret-file given: generated a new project secret and saved it to ${out}.enclave-secret.hex`);
    expect(readFileSync(`${out}.enclave-secret.hex`, 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
    const inside = sink();
    expect(await runDeidCommand([input, join(input, 'out')], { stdout: sink(), stderr: inside, engineModule: STUB })).toBe(2);
    expect(inside.text()).toContain('must not be inside the input');
    expect(existsSync(join(input, 'out'))).toBe(false);
  });

  it('keeps the pseudonym map only encrypted, merged across runs', async () => {
    const map = join(root, 'map.json');
    const env = { ENCLAVE_MAP_PASSPHRASE: 'map pass' };
    const io = { stdout: sink(), engineModule: STUB, env, mapIterations: 1000 };
    const first = sink();
    await runDeidCommand([join(input, 'DOE JOHN'), join(root, 'm1'), '--secret-file', secret, '--map-file', map, '--jobs', '1'], { ...io, stderr: first });
    expect(first.text()).toContain(`pseudonym map ${map}: 1 patient(s), 1 new`);
    const second = sink();
    await runDeidCommand([input, join(root, 'm2'), '--secret-file', secret, '--map-file', map, '--jobs', '1', '--allow-findings'], { ...io, stderr: second });
    expect(second.text()).toContain(`pseudonym map ${map}: 2 patient(s), 1 new`);
    const text = readFileSync(map, 'utf8');
    for (const phi of ['PID-000', 'TESTNAME', 'STUB-']) expect(text.includes(phi), phi).toBe(false);
    const entries = await decryptPseudonymMap(envelopeFromJson(text, 'pseudonym-map'), 'map pass');
    expect(entries).toEqual([
      { patientId: 'PID-0001', issuerOfPatientId: '', patientName: 'TESTNAME^PID-0001', pseudonym: 'STUB-102594618' },
      { patientId: 'PID-0002', issuerOfPatientId: '', patientName: 'TESTNAME^PID-0002', pseudonym: 'STUB-85816999' },
    ]);
    const wrong = sink();
    expect(await runDeidCommand([input, join(root, 'm4'), '--secret-file', secret, '--map-file', map], {
      ...io, env: { ENCLAVE_MAP_PASSPHRASE: 'wrong' }, stderr: wrong,
    })).toBe(2);
    expect(wrong.text()).toContain('The pseudonym map could not be decrypted');
    expect(existsSync(join(root, 'm4', 'deid-audit.csv'))).toBe(false);
    const noPass = sink();
    expect(await runDeidCommand([input, join(root, 'm3'), '--map-file', map], { stdout: sink(), stderr: noPass, env: {} })).toBe(2);
    expect(noPass.text()).toContain('--map-file needs the passphrase in the environment variable ENCLAVE_MAP_PASSPHRASE');
  });

  it('exits 2 with the usage on bad arguments', async () => {
    const stderr = sink();
    expect(await runDeidCommand(['only-one'], { stdout: sink(), stderr })).toBe(2);
    expect(stderr.text()).toContain('usage: enclave deid <in> <out> [options]');
  });
});

describe('enclave deid (real engine)', () => {
  it('de-identifies synthetic CT/MR and cleans the echo loops: banner masked, everything written, exit 0', async () => {
    const input = join(root, 'real-in');
    const plan = planSampleSet({ patients: 2, echoStudies: 2, ct: true, mr: true });
    const echoes = plan.files.filter((f) => f.entry.modality === 'US').slice(0, 2);
    const others = [plan.files.find((f) => f.entry.modality === 'CT')!, plan.files.find((f) => f.entry.modality === 'MR')!];
    expect(echoes).toHaveLength(2);
    for (const f of [...echoes, ...others]) put(input, f.entry.path, f.write());
    const secret = join(root, 'real-secret.hex');
    writeFileSync(secret, '07'.repeat(32));
    const out = join(root, 'real-out');
    const stdout = sink();
    const code = await runDeidCommand([input, out, '--secret-file', secret, '--jobs', '2'], { stdout, stderr: sink() });
    expect(stdout.text()).toContain('4 file(s): 4 written, 0 blocked');
    expect(stdout.text()).toContain('pixels cleaned in 2 file(s), 2 with OCR\n');
    expect(code).toBe(0);
    const files = tree(out).filter((p) => p.endsWith('.dcm'));
    expect(files).toHaveLength(4);
    for (const f of files) expect(f).toMatch(/^ENC-[A-Z2-7]{12}\/2\.25\.\d+\/2\.25\.\d+\/2\.25\.\d+\.dcm$/);
    const everything = [...files.map((f) => readFileSync(join(out, f), 'latin1')), ...tree(out).map((p) => p)].join('\n');
    expect(everything.toUpperCase().includes('FAKE-0')).toBe(false);

    let loops = 0;
    for (const f of files) {
      const loaded = loadInstance(new Uint8Array(readFileSync(join(out, f))));
      if (loaded.reader.string('Modality') !== 'US') continue;
      loops++;
      expect(loaded.reader.string('BurnedInAnnotation')).toBe('NO');
      expect(loaded.frames.frameCount).toBe(16);
      for (const frame of await decodedFrames(loaded)) {
        let bannerLeft = 0;
        for (let i = 0; i < frame.columns * 54; i++) if (frame.data[i] === ECHO_BANNER.value) bannerLeft++;
        expect(bannerLeft).toBe(0);
      }
    }
    expect(loops).toBe(2);
    const summary = readFileSync(join(out, 'deid-audit-files.csv'), 'utf8');
    expect(summary.match(/,cleaned,/g)).toHaveLength(2);
  }, 120_000);

  it.skipIf(!corpusAvailable)('writes (does not withhold) the corpus files with burned-in identifiers, cleaned and leftover-clean', async () => {
    const input = join(root, 'corpus-in');
    for (const name of ['OBXXXX1A.dcm', 'examples_ybr_color.dcm']) put(input, name, readFileSync(join(CORPUS_DIR, name)));
    const out = join(root, 'corpus-out');
    const stdout = sink();
    const code = await runDeidCommand([input, out, '--secret-file', join(root, 'real-secret.hex'), '--jobs', '1', '--no-ocr'], { stdout, stderr: sink() });
    expect(stdout.text()).toContain('2 file(s): 2 written, 0 blocked');
    expect(stdout.text()).toContain('pixels cleaned in 2 file(s), 0 with OCR (--no-ocr)\n');
    expect(code).toBe(0);
    const leftover = JSON.parse(readFileSync(join(out, 'leftover-phi.json'), 'utf8')) as { totals: unknown };
    // two warnings (a date in SoftwareVersions, a name-like ProcessingFunction), no error
    expect(leftover.totals).toEqual({ files: 2, written: 2, blocked: 0, errors: 0, warnings: 2 });
    expect(readFileSync(join(out, 'deid-audit-files.csv'), 'utf8').match(/,cleaned,/g)).toHaveLength(2);
  }, 120_000);
});

describe('the bin launcher (src/cli/enclave.mjs)', () => {
  it('runs under plain Node without a build step', () => {
    const launcher = new URL('../../../src/cli/enclave.mjs', import.meta.url).pathname;
    const help = spawnSync(process.execPath, [launcher, 'deid', '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('usage: enclave deid <in> <out> [options]');
    const bad = spawnSync(process.execPath, [launcher, 'nope'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('enclave: unknown command "nope"');
  });
});
