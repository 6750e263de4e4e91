import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS_DIR as CORPUS, HAS_CORPUS as corpusAvailable, corpusInstanceFiles } from '../../dicom/parse/corpus';
import { datasetReader, parseDicomBytes } from '../../../../src/lib/dicom/parse';
import type { TreeInstanceInput } from '../../../../src/lib/dicom/study-tree';

/** The public test files live outside the project (DESIGN.md: "Real data to test against"). */
export { CORPUS, corpusAvailable };
export const CORPUS_SKIP = `Skipping the corpus tests: ${CORPUS} is absent (see DESIGN.md, "Real data to test against").`;

/** Header-mode parse of bytes into a tree input, as the ingest worker does. */
export function treeInput(path: string, bytes: Uint8Array): TreeInstanceInput {
  return { id: path, path, reader: datasetReader(parseDicomBytes(bytes, { mode: 'header' })) };
}

/** Corpus files (relative paths) under `folder`, DICOMDIR and notes left out. */
export { corpusInstanceFiles as corpusFiles };

export function corpusInput(path: string): TreeInstanceInput {
  return treeInput(path, new Uint8Array(readFileSync(join(CORPUS, path))));
}
