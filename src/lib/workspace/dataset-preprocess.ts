/**
 * One planned scan from de-identified DICOM bytes to the recipe's output: parse, decode every
 * frame, gather the header facts the steps need (rescale, windows, spacing, frame timing, US
 * regions, slice positions), then runRecipe on whatever tfjs backend the worker selected.
 */
import type { AttributeReader } from '../dicom/attributes';
import { frameRateOf } from '../dicom/metadata/frame-rate';
import { ultrasoundRegions } from '../dicom/metadata/us-regions';
import { bytesSource, datasetReader, encodedFrames, parseDicomBytes } from '../dicom/parse';
import { decodeEncodedFrame, describeImagePixels, type DecodedFrame, type PixelImageDescription } from '../dicom/pixels';
import { EnclaveError } from '../jobs';
import { runRecipe, scanInputFromDecoded, volumeFromSlices, type ScanInput, type ScanPhotometric, type SliceInput } from '../preprocess/run';
import type { ScanPreprocessor } from './dataset-build';
import type { PlannedScan } from './dataset-plan';

export const preprocessPlannedScan: ScanPreprocessor = async (scan, read, recipe) => {
  const input = recipe.kind === 'volume' ? await volumeInput(scan, read) : await instanceInput(await read(scan.paths[0]!));
  const result = await runRecipe(input, recipe);
  return { data: result.data, shape: result.shape };
};

/** The scan input of one (possibly multi-frame) instance, for previews and image/cine recipes. */
export async function instanceInput(bytes: Uint8Array): Promise<ScanInput> {
  const { reader, description, frames } = await decodeAll(bytes);
  const vector = reader.numbers('FrameTimeVector');
  return scanInputFromDecoded(frames, description, {
    frameRateFps: frames.length > 1 ? frameRateOf(reader)?.fps : undefined,
    frameTimeVectorMs: vector.length === frames.length ? vector : undefined,
    ultrasoundRegions: ultrasoundRegions(reader),
  });
}

async function volumeInput(scan: PlannedScan, read: (path: string) => Promise<Uint8Array>): Promise<ScanInput> {
  const slices: SliceInput[] = [];
  for (const path of scan.paths) {
    const { description, frames } = await decodeAll(await read(path));
    const frame = frames[0]!;
    const { imagePositionPatient, imageOrientationPatient, pixelSpacing } = description.geometry;
    if (!imagePositionPatient || !imageOrientationPatient) {
      throw new EnclaveError('InvalidInputError', `A slice of ${scan.scanId} has no Image Position/Orientation (Patient), so the slices cannot be ordered into a volume.`);
    }
    if (frame.samplesPerPixel !== 1) throw new EnclaveError('InvalidInputError', `A slice of ${scan.scanId} is in colour; volumes must be grayscale.`);
    slices.push({
      data: Float32Array.from(frame.data), rows: frame.rows, columns: frame.columns, imagePositionPatient, imageOrientationPatient, pixelSpacing,
      rescale: description.rescale ? { slope: description.rescale.slope, intercept: description.rescale.intercept } : undefined,
      windows: description.windows.map((w) => ({ center: w.center, width: w.width, function: w.function })),
      photometric: monochrome(frame.photometricInterpretation) as Exclude<ScanPhotometric, 'RGB'>,
    });
  }
  return volumeFromSlices(slices);
}

async function decodeAll(bytes: Uint8Array): Promise<{ reader: AttributeReader; description: PixelImageDescription; frames: DecodedFrame[] }> {
  const parsed = parseDicomBytes(bytes, { mode: 'full' });
  const reader = datasetReader(parsed);
  if (!parsed.pixelData) throw new EnclaveError('UnsupportedFileError', 'This instance has no pixel data to preprocess.');
  const description = describeImagePixels(reader);
  const encoded = encodedFrames(parsed, bytesSource(bytes));
  const frames: DecodedFrame[] = [];
  for (let i = 0; i < description.numberOfFrames; i++) frames.push(await decodeEncodedFrame(encoded, i, description));
  return { reader, description, frames };
}

function monochrome(photometric: string): ScanPhotometric {
  return photometric === 'MONOCHROME1' ? 'MONOCHROME1' : 'MONOCHROME2';
}
