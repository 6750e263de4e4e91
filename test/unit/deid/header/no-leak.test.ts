import { describe, expect, it } from 'vitest';
import { deidentifyHeader } from '../../../../src/lib/deid/header';
import { defaultPolicy } from '../../../../src/lib/deid/policy';
import { serializePart10, type EditableDataset } from '../../../../src/lib/dicom/edit';
import { CORPUS_SKIP, SECRET, corpusAvailable, corpusEditable, corpusFiles, editableFromBytes, elementsByPath, latin1, syntheticFiles } from './fixtures';

/** Tags whose values identify the patient (Basic profile without retain options). */
const IDENTIFYING = {
  names: [0x00100010, 0x00080090, 0x00081050, 0x00081070, 0x00081060, 0x00081048, 0x00101001],
  whole: [0x00100020, 0x00101000, 0x00100030, 0x00080050, 0x00080080, 0x00080081, 0x00080020, 0x00101040, 0x00200010],
};
/** Values too generic to be identifiers: they also occur as ordinary header text. */
const GENERIC = /^(ANON.*|ANONYMOUS|ANONYMIZED|UNKNOWN|NONE|TEST|PATIENT|FAKE|DR|MR|MRS|MS|CT|US|MD|PHD|[0-9]{1,3}|.{0,2})$/i;

/** The original identifying values anywhere in a file (top level and inside sequences). */
function identifiers(ds: EditableDataset): string[] {
  const found = new Set<string>();
  for (const el of elementsByPath(ds).values()) {
    const text = latin1(el.value).trim();
    if (!text) continue;
    if (IDENTIFYING.names.includes(el.tag)) for (const part of text.split(/[\^=\\]/)) found.add(part.trim());
    if (IDENTIFYING.whole.includes(el.tag)) for (const value of text.split('\\')) found.add(value.trim());
  }
  return [...found].filter((v) => !GENERIC.test(v) && v.length >= 3);
}

/**
 * Placeholder values of corpus files that also occur, by coincidence, inside attributes the
 * profile keeps: rtplan.dcm's institution is "Here" and its Manufacturer "Manufacturer name here".
 */
const COINCIDENCES: Readonly<Record<string, readonly string[]>> = { 'rtplan.dcm': ['Here'] };

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Survivors: each identifier searched as a whole word (so "PRE" does not match "PREDECESSOR")
 * case-insensitively, in the serialized bytes and in every decoded value at every depth.
 */
async function survivors(input: EditableDataset, ignore: readonly string[] = []): Promise<string[]> {
  const originals = identifiers(input).filter((v) => !ignore.includes(v));
  const { dataset } = await deidentifyHeader(input, { policy: defaultPolicy(), secret: SECRET });
  const raw = latin1(serializePart10(dataset)).toUpperCase();
  const values = [...elementsByPath(dataset).values()].map((el) => latin1(el.value).toUpperCase());
  return originals.filter((v) => {
    const word = new RegExp(`(^|[^A-Z0-9_])${escape(v.toUpperCase())}($|[^A-Z0-9_])`);
    return word.test(raw) || values.some((text) => word.test(text));
  });
}

describe('no original identifying value survives (default policy)', () => {
  it('in the synthetic set (names, IDs, birth date, accession, institution, referrer, study date)', async () => {
    const files = await syntheticFiles();
    const found: string[] = [];
    let searched = 0;
    for (const file of files) {
      const input = editableFromBytes(file.bytes);
      searched += identifiers(input).length;
      found.push(...(await survivors(input)).map((v) => `${file.path}: ${v}`));
    }
    expect(found).toEqual([]);
    expect(searched).toBeGreaterThan(files.length * 8);
  }, 60_000);

  it.skipIf(!corpusAvailable)(`in every corpus file ${corpusAvailable ? '' : CORPUS_SKIP}`, async () => {
    const found: string[] = [];
    let searched = 0;
    for (const path of corpusFiles()) {
      let input: EditableDataset;
      try {
        input = corpusEditable(path);
      } catch {
        continue;
      }
      searched += identifiers(input).length;
      found.push(...(await survivors(input, COINCIDENCES[path])).map((v) => `${path}: ${v}`));
    }
    expect(found).toEqual([]);
    expect(searched).toBeGreaterThan(50);
  }, 120_000);
});
