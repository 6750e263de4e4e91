/**
 * Test helpers for pixel cleaning: load an instance (corpus or generated), grey views of its
 * frames, grey views of cleaned output, and Debian's tesseract CLI over a PGM file.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AttributeReader, EncodedFrames } from '../../../../src/lib/dicom/attributes';
import { bytesSource, datasetReader, encodedFrames, EXPLICIT_VR_LITTLE_ENDIAN, parseDicomBytes } from '../../../../src/lib/dicom/parse';
import { decodeEncodedFrame, decodeFrame, describeImagePixels, type DecodedFrame, type PixelImageDescription } from '../../../../src/lib/dicom/pixels';
import { encodePgm, greyView, preprocessForOcr, type CleanedPixelData, type GreyImage } from '../../../../src/lib/deid/pixels';
import { planSampleSet } from '../../../../src/lib/synthetic';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
export const CORPUS_DIR = resolve(projectRoot, '../shared/corpus/dicom');
export const corpusAvailable = existsSync(resolve(CORPUS_DIR, 'OBXXXX1A.dcm'));
export const CORPUS_SKIP = `DICOM corpus not found at ${CORPUS_DIR}: burned-in text corpus tests skipped`;
export const tesseractCliAvailable = existsSync('/usr/bin/tesseract');

export interface LoadedInstance {
  reader: AttributeReader;
  description: PixelImageDescription;
  frames: EncodedFrames;
}

export function loadInstance(bytes: Uint8Array): LoadedInstance {
  const parsed = parseDicomBytes(bytes);
  const reader = datasetReader(parsed);
  const frames = encodedFrames(parsed, bytesSource(bytes));
  return { reader, description: describeImagePixels(reader, { bigEndian: frames.bigEndian }), frames };
}

export function loadCorpus(name: string): LoadedInstance {
  return loadInstance(new Uint8Array(readFileSync(resolve(CORPUS_DIR, name))));
}

/** The first generated echo loop (192×144×16, burned-in banner with fake name, ID and date). */
export function syntheticEcho(): LoadedInstance {
  const plan = planSampleSet({ patients: 2, echoStudies: 2, ct: false, mr: false });
  const file = plan.files.find((f) => f.entry.modality === 'US') ?? plan.files[0]!;
  return loadInstance(file.write());
}

export async function decodedFrames(instance: LoadedInstance, count = instance.frames.frameCount): Promise<DecodedFrame[]> {
  const out: DecodedFrame[] = [];
  for (let i = 0; i < count; i++) out.push(await decodeEncodedFrame(instance.frames, i, instance.description));
  return out;
}

export async function greyFrames(instance: LoadedInstance, count = instance.frames.frameCount): Promise<GreyImage[]> {
  return (await decodedFrames(instance, count)).map((f, i) => greyView(f, instance.description, i));
}

/** The description of the cleaned output (attribute changes applied). */
export function cleanedDescription(description: PixelImageDescription, cleaned: CleanedPixelData): PixelImageDescription {
  return {
    ...description,
    photometricInterpretation: String(cleaned.attributes.PhotometricInterpretation),
    samplesPerPixel: Number(cleaned.attributes.SamplesPerPixel),
    planarConfiguration: 0,
  };
}

export async function decodeCleanedFrame(description: PixelImageDescription, cleaned: CleanedPixelData, index: number): Promise<DecodedFrame> {
  return decodeFrame(cleaned.frames[index]!, EXPLICIT_VR_LITTLE_ENDIAN, cleanedDescription(description, cleaned));
}

/** Debian's tesseract CLI over the OCR-prepared image (the raw frames are too small for it). */
export function tesseractCli(image: GreyImage): string {
  const dir = mkdtempSync(join(tmpdir(), 'enclave-ocr-'));
  try {
    const path = join(dir, 'frame.pgm');
    writeFileSync(path, encodePgm(preprocessForOcr(image)));
    return execFileSync('/usr/bin/tesseract', [path, '-', '--psm', '11'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Letters and digits only, upper case: how OCR text and identifiers are compared. */
export function normalise(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** The identifiers to look for: name parts, ID and study date in the forms banners print. */
export function identifiers(reader: AttributeReader): string[] {
  const out = new Set<string>();
  for (const part of (reader.string('PatientName') ?? '').split(/[\^=\s,]+/)) if (part.length >= 2) out.add(normalise(part));
  const id = reader.string('PatientID');
  if (id) out.add(normalise(id));
  const date = reader.string('StudyDate');
  if (date && /^\d{8}$/.test(date)) {
    const [y, m, d] = [date.slice(0, 4), date.slice(4, 6), date.slice(6, 8)];
    out.add(date);
    out.add(`${Number(m)}${Number(d)}${y}`); // 5/25/2011
    out.add(`${y}${m}${d}`);
  }
  return [...out].filter((s) => s.length >= 2);
}
