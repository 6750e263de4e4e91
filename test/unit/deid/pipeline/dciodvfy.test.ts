/**
 * Outside check of the FULL pipeline (pixels cleaned where the policy says, header, Part 10):
 * Debian's dciodvfy (dicom3tools) must report no error on an output that it did not already
 * report on the input. Messages are compared without the values in them (UIDs are remapped,
 * dates shifted, strings emptied), so "the same error about another value" counts as old.
 */
import { describe, expect, it } from 'vitest';
import { createDeidEngine, deidentifyInstance, type PipelineContext } from '../../../../src/lib/deid/pipeline';
import { defaultPolicy } from '../../../../src/lib/deid/policy';
import { planSampleSet } from '../../../../src/lib/synthetic';
import { CORPUS_DIR, HAS_CORPUS, corpusBytes, corpusFiles } from '../../dicom/parse/corpus';
import { errorLines, hasTool, runOnFile } from '../../dicom/write/external-tools';

const DCIODVFY = '/usr/bin/dciodvfy';
const HAS_DCIODVFY = hasTool(DCIODVFY);
const SKIP_REASON = !HAS_DCIODVFY
  ? `${DCIODVFY} not found (Debian package dicom3tools): the outside IOD check is skipped`
  : `DICOM corpus not found at ${CORPUS_DIR}: the outside IOD check is skipped`;

/**
 * An error line without the values in it (element values "= <…>", the offending character,
 * quoted strings, bare UIDs), keeping which element and module it is about.
 */
export function normalisedError(line: string): string {
  return line
    .replace(/ = <[^>]*>/g, ' = <>')
    .replace(/Character invalid for this VR = '.*?' \(0x?[0-9a-f]*\)/gi, 'Character invalid for this VR')
    .replace(/"[^"]*"/g, '""')
    .replace(/\d+(\.\d+){2,}/g, 'UID')
    .replace(/\s+/g, ' ')
    .trim();
}

/** When dciodvfy cannot read the input at all, there is no baseline to compare against. */
const UNREADABLE_INPUT = /Dicom dataset read failed|Tags out of order|Failed to read/;

interface Checked {
  /** The output was compared with its input (false: refused, or dciodvfy could not read the input). */
  compared: boolean;
  cleaned: boolean;
  errors: string[];
}

async function check(name: string, bytes: Uint8Array, context: PipelineContext): Promise<Checked> {
  const result = await deidentifyInstance(bytes, context);
  if (!result.ok) return { compared: false, cleaned: false, errors: [] }; // refusals (DICOMDIR, broken files): the pipeline's own tests
  const input = errorLines(runOnFile(DCIODVFY, [], bytes).output);
  if (input.some((line) => UNREADABLE_INPUT.test(line))) return { compared: false, cleaned: false, errors: [] };
  const before = new Set(input.map(normalisedError));
  const errors = errorLines(runOnFile(DCIODVFY, [], result.bytes).output)
    .map(normalisedError)
    .filter((line) => !before.has(line))
    .map((line) => `${name} (pixels ${result.pixels}): ${line}`);
  return { compared: true, cleaned: result.pixels === 'cleaned', errors };
}

describe('dciodvfy (dicom3tools) on full-pipeline output', () => {
  it('normalises the values out of an error line', () => {
    expect(normalisedError("Error - Value invalid for this VR - (0x0020,0x000d) UI Study Instance UID  UI [1] = <05fa52f0e5> - Character invalid for this VR = 'f' (0x66)"))
      .toBe('Error - Value invalid for this VR - (0x0020,0x000d) UI Study Instance UID UI [1] = <> - Character invalid for this VR');
    expect(normalisedError('Error - Referenced UID "1.2.840.113619.2.1.2" is not registered')).toBe('Error - Referenced UID "" is not registered');
    // Which element is missing is kept: another missing element is another error.
    expect(normalisedError('Error - Missing attribute Type 2C Conditional Element=<Laterality> Module=<GeneralSeries>'))
      .not.toBe(normalisedError('Error - Missing attribute Type 2C Conditional Element=<PatientName> Module=<Patient>'));
  });

  it.skipIf(!HAS_DCIODVFY || !HAS_CORPUS)(`finds no new error in the corpus and sample outputs ${HAS_DCIODVFY && HAS_CORPUS ? '' : `(${SKIP_REASON})`}`, async () => {
    const context: PipelineContext = {
      engine: createDeidEngine({ mask: { strategy: 'both', ocr: false } }),
      policy: defaultPolicy(),
      secret: new Uint8Array(32).fill(4),
      uidCache: new Map(),
    };
    const sample = planSampleSet({ patients: 2, echoStudies: 2, ct: true, mr: true });
    const inputs = [
      // The DICOMDIR study's instances are alike: one of them stands for the rest.
      ...corpusFiles().filter((p) => !p.startsWith('dicomdir/') || p.endsWith('4919')).map((name) => ({ name, bytes: corpusBytes(name) })),
      ...sample.files.filter((_, i) => i % 8 === 0).map((f) => ({ name: f.entry.path, bytes: f.write() })),
    ];
    const results = [];
    for (const input of inputs) results.push(await check(input.name, input.bytes, context));
    // Most files are compared, burned-in ultrasound among them (re-encoded pixels included).
    expect(results.filter((r) => r.compared).length).toBeGreaterThan(25);
    expect(results.filter((r) => r.compared && r.cleaned).length).toBeGreaterThanOrEqual(4);
    expect(results.flatMap((r) => r.errors)).toEqual([]);
  }, 240_000);
});
