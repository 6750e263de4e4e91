/**
 * The one place the pixel tests get attributes and frame bytes from corpus files: our own
 * parser (src/lib/dicom/parse), its AttributeReader and its EncodedFrames.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AttributeReader, EncodedFrames } from '../../../../src/lib/dicom/attributes';
import { bytesSource, datasetReader, encodedFrames, parseDicomBytes } from '../../../../src/lib/dicom/parse';
import { describeImagePixels, type PixelImageDescription } from '../../../../src/lib/dicom/pixels';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
export const CORPUS_DIR = resolve(projectRoot, '../shared/corpus/dicom');
export const corpusAvailable = existsSync(resolve(CORPUS_DIR, 'MR_small.dcm'));
export const SKIP_MESSAGE = `DICOM corpus not found at ${CORPUS_DIR}: corpus tests skipped (see DESIGN.md, "Real data to test against")`;

export interface CorpusImage {
  name: string;
  reader: AttributeReader;
  description: PixelImageDescription;
  frames: EncodedFrames;
}

export function corpusPath(name: string): string {
  return resolve(CORPUS_DIR, name);
}

/** Only the attributes, for files whose pixels cannot be split into frames. */
export function loadCorpusReader(name: string): AttributeReader {
  return datasetReader(parseDicomBytes(new Uint8Array(readFileSync(corpusPath(name)))));
}

export function loadCorpusImage(name: string): CorpusImage {
  const bytes = new Uint8Array(readFileSync(corpusPath(name)));
  const parsed = parseDicomBytes(bytes);
  const reader = datasetReader(parsed);
  const frames = encodedFrames(parsed, bytesSource(bytes));
  const description = describeImagePixels(reader, { bigEndian: frames.bigEndian });
  return { name, reader, description, frames };
}
