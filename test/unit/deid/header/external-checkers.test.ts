import { describe, expect, it } from 'vitest';
import { deidentifyHeader } from '../../../../src/lib/deid/header';
import { defaultPolicy } from '../../../../src/lib/deid/policy';
import { serializePart10 } from '../../../../src/lib/dicom/edit';
import { errorLines, hasTool, runOnFile } from '../../dicom/write/external-tools';
import { CORPUS, CORPUS_SKIP, SECRET, corpusAvailable, corpusFiles, editableFromBytes, syntheticFiles } from './fixtures';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** An error line without the UIDs and values in it, so "same error, remapped UID" compares equal. */
function normalized(line: string): string {
  return line.replace(/<[^>]*>/g, '<>').replace(/\d+(\.\d+){2,}/g, 'UID').replace(/"[^"]*"/g, '""').trim();
}

/** dciodvfy errors of the de-identified output that the input did not already have. */
async function newErrors(bytes: Uint8Array): Promise<string[]> {
  const { dataset } = await deidentifyHeader(editableFromBytes(bytes), { policy: defaultPolicy(), secret: SECRET });
  const input = errorLines(runOnFile('dciodvfy', [], bytes).output);
  // dciodvfy cannot read some inputs (deflated, or broken on purpose): no baseline to compare with.
  if (input.some((e) => /Dicom dataset read failed|Tags out of order/.test(e))) return [];
  const before = new Set(input.map(normalized));
  return errorLines(runOnFile('dciodvfy', [], serializePart10(dataset)).output).map(normalized).filter((e) => !before.has(e));
}

const dciodvfy = hasTool('dciodvfy');

describe('dciodvfy (dicom3tools) on de-identified output', () => {
  it.skipIf(!dciodvfy)('finds no error in the synthetic set that the input did not have', async () => {
    const files = (await syntheticFiles()).filter((_, i) => i % 8 === 0);
    const found: string[] = [];
    for (const file of files) found.push(...(await newErrors(file.bytes)).map((e) => `${file.path}: ${e}`));
    expect(found).toEqual([]);
  }, 120_000);

  it.skipIf(!dciodvfy || !corpusAvailable)(`finds no error in the corpus that the input did not have ${corpusAvailable ? '' : CORPUS_SKIP}`, async () => {
    const found: string[] = [];
    for (const path of corpusFiles().filter((p) => !p.startsWith('dicomdir/') || p.endsWith('4919'))) {
      const bytes = new Uint8Array(readFileSync(join(CORPUS, path)));
      try {
        editableFromBytes(bytes);
      } catch {
        continue; // truncated or broken on purpose
      }
      found.push(...(await newErrors(bytes)).map((e) => `${path}: ${e}`));
    }
    expect(found).toEqual([]);
  }, 120_000);
});
