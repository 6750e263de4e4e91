import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS_DIR as CORPUS, HAS_CORPUS as corpusAvailable, corpusInstanceFiles } from '../../dicom/parse/corpus';
import { parseDicomBytes, formatTag } from '../../../../src/lib/dicom/parse';
import { toEditable, type EditableDataset, type EditableElement } from '../../../../src/lib/dicom/edit';
import { generateSampleSet } from '../../../../src/lib/synthetic';

/** The public test files live outside the project (DESIGN.md: "Real data to test against"). */
export { CORPUS, corpusAvailable };
export const CORPUS_SKIP = `Skipping the corpus tests: ${CORPUS} is absent (see DESIGN.md, "Real data to test against").`;

export const SECRET = new Uint8Array(32).map((_, i) => i * 7 + 1);
export const OTHER_SECRET = new Uint8Array(32).map((_, i) => 255 - i);

/** Corpus files (relative paths) under `folder`, DICOMDIR and notes left out. */
export { corpusInstanceFiles as corpusFiles };

export function editableFromBytes(bytes: Uint8Array): EditableDataset {
  return toEditable(parseDicomBytes(bytes, { mode: 'full' }));
}

export function corpusEditable(path: string): EditableDataset {
  return editableFromBytes(new Uint8Array(readFileSync(join(CORPUS, path))));
}

let sample: Promise<{ path: string; bytes: Uint8Array }[]> | undefined;
/** A small synthetic set (2 echo studies with banners, a CT and an MR series), generated once per run. */
export function syntheticFiles(): Promise<{ path: string; bytes: Uint8Array }[]> {
  sample ??= generateSampleSet({ patients: 2, echoStudies: 2, ct: true, mr: true }).then((set) => set.files.map((f) => ({ path: f.path, bytes: f.bytes })));
  return sample;
}

/** Every element at every depth, keyed by path "(gggg,eeee)[i]/(gggg,eeee)", meta elements included. */
export function elementsByPath(ds: EditableDataset): Map<string, EditableElement> {
  const out = new Map<string, EditableElement>();
  const visit = (list: readonly EditableElement[], prefix: string): void => {
    for (const el of list) {
      const path = `${prefix}${formatTag(el.tag)}`;
      out.set(path, el);
      el.items?.forEach((item, i) => visit(item.elements, `${path}[${i}]/`));
    }
  };
  visit(ds.meta, '');
  visit(ds.elements, '');
  return out;
}

export function latin1(bytes: Uint8Array | undefined): string {
  return bytes ? new TextDecoder('latin1').decode(bytes).replace(/[\0 ]+$/, '') : '';
}

/** The first top-level text value. */
export function topText(ds: EditableDataset, tag: number): string {
  return latin1(ds.elements.find((e) => e.tag === tag)?.value).trim();
}
