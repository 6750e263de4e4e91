import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { deidentifyInstance } from '../../../src/cli/deid/pipeline';
import { createEngine } from '../../../src/cli/deid/real-engine';
import { defaultPolicy } from '../../../src/lib/deid/policy';

const CORPUS = new URL('../../../../shared/corpus/dicom', import.meta.url).pathname;
const present = existsSync(CORPUS);
if (!present) console.warn(`corpus-leftover: SKIPPED, no corpus at ${CORPUS}`);

/** Files the pipeline refuses on purpose, with the error name it gives. */
const REFUSED: Record<string, string> = {
  'MR_truncated.dcm': 'InvalidInputError',
  'dicomdir/DICOMDIR': 'UnsupportedFileError',
};

describe.skipIf(!present)('pipeline over the corpus (real header engine, default policy)', () => {
  it('leaves no original identifier in any output (decoded values at any depth, private tags, raw bytes)', async () => {
    const files = execFileSync('find', [CORPUS, '-type', 'f', '!', '-name', '*.md'], { encoding: 'utf8' }).trim().split('\n').sort();
    const ctx = { engine: createEngine({ ocr: false }), policy: defaultPolicy(), secret: new Uint8Array(32).fill(9), uidCache: new Map() };
    const errors: string[] = [];
    const refused: Record<string, string> = {};
    for (const path of files) {
      const name = path.slice(CORPUS.length + 1);
      const result = await deidentifyInstance(new Uint8Array(readFileSync(path)), ctx);
      if (!result.ok) refused[name] = result.reason;
      else for (const f of result.findings) if (f.severity === 'error') errors.push(`${name} ${f.path} ${f.kind}`);
    }
    expect(files.length).toBeGreaterThan(40);
    expect(refused).toEqual(REFUSED);
    expect(errors).toEqual([]);
  });
});
