import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serializePart10, toEditable, type EditableDataset } from '../../../../src/lib/dicom/edit';
import { parseDicomBytes, type ParsedDicom } from '../../../../src/lib/dicom/parse';
import { planSampleSet } from '../../../../src/lib/synthetic';
import { CORPUS_DIR, corpusBytes, corpusFiles } from '../parse/corpus';

/** A file rewritten by toEditable + serializePart10, with what the checks need. */
export interface RewrittenFile {
  name: string;
  /** Path of the source on disk (corpus), or of the written synthetic source. */
  inputPath: string;
  outputPath: string;
  input: Uint8Array;
  output: Uint8Array;
  parsed: ParsedDicom;
  editable: EditableDataset;
}

/** Corpus files a rewrite is refused for (toEditable throws InvalidInputError), with why. */
export const REFUSED = new Map([['MR_truncated.dcm', 'truncated']]);

let cache: { files: RewrittenFile[]; dir: string } | undefined;

/**
 * Every corpus file (except REFUSED) and one synthetic file of each kind (echo cine, CT slice,
 * MR T1 and T2 slice), rewritten once per test run into a temporary folder.
 */
export function rewrittenFiles(): RewrittenFile[] {
  if (cache) return cache.files;
  const dir = mkdtempSync(join(tmpdir(), 'enclave-edit-'));
  mkdirSync(join(dir, 'in'));
  mkdirSync(join(dir, 'out'));
  const sources: { name: string; inputPath: string; input: Uint8Array }[] = [];
  for (const name of corpusFiles()) {
    if (!REFUSED.has(name)) sources.push({ name, inputPath: join(CORPUS_DIR, name), input: corpusBytes(name) });
  }
  const plan = planSampleSet({ patients: 2, echoStudies: 2 });
  const seen = new Set<string>();
  for (const file of plan.files) {
    if (seen.has(file.entry.kind)) continue;
    seen.add(file.entry.kind);
    const name = `synthetic/${file.entry.kind}.dcm`;
    const inputPath = join(dir, 'in', `${file.entry.kind}.dcm`);
    const input = file.write();
    writeFileSync(inputPath, input);
    sources.push({ name, inputPath, input });
  }
  const files = sources.map(({ name, inputPath, input }) => {
    const parsed = parseDicomBytes(input, { mode: 'full' });
    const editable = toEditable(parsed);
    const output = serializePart10(editable);
    const outputPath = join(dir, 'out', name.replace(/\//g, '__'));
    writeFileSync(outputPath, output);
    return { name, inputPath, outputPath, input, output, parsed, editable };
  });
  cache = { files, dir };
  return files;
}
