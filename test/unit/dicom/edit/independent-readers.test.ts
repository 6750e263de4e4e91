import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rewrittenFiles, type RewrittenFile } from './rewrite-files';

/**
 * The rewritten files through independent readers:
 * - pydicom (Debian /usr/bin/python3, pydicom_compare.py): reads each output without force,
 *   every element accessed and equal to the input's (documented conversions aside), and
 *   pixel_array equal wherever pydicom decodes the input;
 * - dciodvfy (dicom3tools): no Error line on the output that the input did not have. Inputs
 *   dciodvfy cannot read (deflated) are first converted by dcmconv (dcmtk) for the baseline.
 */
const PYTHON = '/usr/bin/python3';
const COMPARE = resolve(process.cwd(), 'test/unit/dicom/edit/pydicom_compare.py');
const HAS_PYDICOM = spawnSync(PYTHON, ['-c', 'import pydicom, numpy'], { encoding: 'utf8' }).status === 0;
const HAS_DCIODVFY = spawnSync('dciodvfy', ['-help'], { encoding: 'utf8' }).error === undefined;
const HAS_DCMCONV = spawnSync('dcmconv', ['--version'], { encoding: 'utf8' }).error === undefined;
if (!HAS_PYDICOM) console.warn(`[skip] ${PYTHON} cannot import pydicom+numpy: install python3-pydicom to run the pydicom check of rewritten files`);
if (!HAS_DCIODVFY) console.warn('[skip] dciodvfy not found: install dicom3tools to run the dciodvfy check of rewritten files');

/** Tags whose values change by design (DICOMDIR record offsets; see dicomdir.ts). */
const REWRITTEN_VALUES = /^(00041200|00041202|.*\.0004(1400|1420)): value differs$/;

interface Comparison { differences?: string[]; pixels?: string; error?: string }

describe.skipIf(!HAS_PYDICOM)('pydicom reads every rewritten file the same as its source', () => {
  const files = rewrittenFiles();
  const args = files.flatMap((f) => [f.inputPath, f.outputPath]);
  const run = spawnSync(PYTHON, [COMPARE, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const result = JSON.parse(run.stdout || '{}') as Record<string, Comparison>;

  it.each(files.map((f) => [f.name, f] as const))('%s', (_name, file) => {
    const r = result[file.outputPath];
    expect(r?.error).toBeUndefined();
    // Encapsulated pixel data labelled OW in the source are written OB (PS3.5 A.4).
    const differences = (r?.differences ?? []).filter((d) => !REWRITTEN_VALUES.test(d) && d !== '7FE00010: VR OB, input OW');
    expect(differences).toEqual([]);
    expect(r?.pixels).toMatch(/^(equal|skipped: )/);
  });

  it('decodes the pixels of the big-endian and deflated sources to the same values', () => {
    for (const name of ['MR_small_bigendian.dcm', 'image_dfl.dcm', 'synthetic/ct-slice.dcm']) {
      const file = files.find((f) => f.name === name);
      if (file) expect(result[file.outputPath]?.pixels, name).toBe('equal');
    }
  });
});

/**
 * dciodvfy's Error lines, offsets normalised. The serializer copies SOP Class/Instance UID into
 * the meta group's Media Storage ones, so an error the source had on (0008,0016)/(0008,0018) is
 * reported again on (0002,0002)/(0002,0003): those are folded into the data set's line.
 */
function errorLines(path: string): { readable: boolean; errors: Set<string> } {
  const run = spawnSync('dciodvfy', [path], { encoding: 'utf8' });
  const lines = `${run.stdout}\n${run.stderr}`.split('\n').filter((l) => l.startsWith('Error'));
  const normalised = lines.map((l) => l.replace(/0x[0-9a-f]{5,}/gi, '0x…')
    .replace('(0x0002,0x0003) UI Media Storage SOP Instance UID', '(0x0008,0x0018) UI SOP Instance UID')
    .replace('(0x0002,0x0002) UI Media Storage SOP Class UID', '(0x0008,0x0016) UI SOP Class UID')
    .replace('(0x0002,0x0003) Media Storage SOP Instance UID', '(0x0008,0x0018) SOP Instance UID')
    .replace('(0x0002,0x0002) Media Storage SOP Class UID', '(0x0008,0x0016) SOP Class UID')
    .trim());
  return { readable: !lines.some((l) => l.includes('read failed')), errors: new Set(normalised) };
}

function baselineErrors(file: RewrittenFile): { readable: boolean; errors: Set<string> } {
  const direct = errorLines(file.inputPath);
  if (direct.readable || !HAS_DCMCONV) return direct;
  const converted = `${file.outputPath}.dcmconv-baseline`;
  const run = spawnSync('dcmconv', ['+te', file.inputPath, converted], { encoding: 'utf8' });
  return run.status === 0 ? errorLines(converted) : direct;
}

describe.skipIf(!HAS_DCIODVFY)('dciodvfy finds no new error in a rewritten file', () => {
  it.each(rewrittenFiles().map((f) => [f.name, f] as const))('%s', (_name, file) => {
    const before = baselineErrors(file);
    const after = errorLines(file.outputPath);
    // A source dciodvfy cannot read at all (a transfer syntax it does not know, e.g. 1.2.840.10008.1.2.8.1)
    // may stay unreadable; then the comparison is of the Error lines it does print.
    expect(after.readable || !before.readable).toBe(true);
    expect([...after.errors].filter((e) => !before.errors.has(e))).toEqual([]);
  });
});
