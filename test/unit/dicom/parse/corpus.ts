import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';

/**
 * The public DICOM test files in ../shared/corpus/dicom (relative to the project root; see
 * SOURCES.md there). Tests that need them skip, and say why, when the folder is absent.
 */
export const CORPUS_DIR = resolve(__dirname, '../../../../../shared/corpus/dicom');
export const HAS_CORPUS = existsSync(join(CORPUS_DIR, 'MR_small.dcm'));

if (!HAS_CORPUS) {
  console.warn(`[skip] DICOM corpus not found at ${CORPUS_DIR}: corpus tests are skipped (see DESIGN.md, "Real data to test against")`);
}

/** Every corpus file (top level and the dicomdir/ tree), as paths relative to the corpus, sorted. */
export function corpusFiles(): string[] {
  if (!HAS_CORPUS) return [];
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name !== 'SOURCES.md') out.push(relative(CORPUS_DIR, path));
    }
  };
  walk(CORPUS_DIR);
  return out;
}

/** Corpus files under `folder` that are DICOM instances: the DICOMDIR and notes left out. */
export function corpusInstanceFiles(folder = ''): string[] {
  const prefix = folder === '' ? '' : `${folder.replace(/\/$/, '')}/`;
  return corpusFiles().filter((f) => f.startsWith(prefix) && !f.endsWith('.md') && basename(f) !== 'DICOMDIR');
}

export function corpusBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(CORPUS_DIR, name)));
}
