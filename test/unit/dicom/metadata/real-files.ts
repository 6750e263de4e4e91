import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { datasetReader, parseDicomBytes } from '../../../../src/lib/dicom/parse';
import type { TreeInstanceInput } from '../../../../src/lib/dicom/study-tree';

/** The public test files live outside the project (DESIGN.md: "Real data to test against"). */
export const CORPUS = resolve(__dirname, '../../../../../shared/corpus/dicom');
export const corpusAvailable = existsSync(join(CORPUS, 'MR_small.dcm'));
export const CORPUS_SKIP = `Skipping the corpus tests: ${CORPUS} is absent (see DESIGN.md, "Real data to test against").`;

/** Header-mode parse of bytes into a tree input, as the ingest worker does. */
export function treeInput(path: string, bytes: Uint8Array): TreeInstanceInput {
  return { id: path, path, reader: datasetReader(parseDicomBytes(bytes, { mode: 'header' })) };
}

/** Corpus files (relative paths) under `folder`, DICOMDIR and notes left out. */
export function corpusFiles(folder = ''): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (!name.endsWith('.md') && name !== 'DICOMDIR') out.push(relative(CORPUS, path));
    }
  };
  walk(join(CORPUS, folder));
  return out;
}

export function corpusInput(path: string): TreeInstanceInput {
  return treeInput(path, new Uint8Array(readFileSync(join(CORPUS, path))));
}
