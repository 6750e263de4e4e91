/**
 * The pixel half of one instance: decide Clean Pixel Data, and when it is needed decode the
 * frames, plan masks (outside the ultrasound keep area + static overlay + region rules + OCR when
 * a recognizer is at hand), mask, and put native pixels into the editable data set.
 */
import type { EditableDataset } from '../../dicom/edit';
import { bytesSource, datasetReader, encodedFrames, type ParsedDicom } from '../../dicom/parse';
import { describeImagePixels } from '../../dicom/pixels';
import { describeError } from '../../jobs';
import { applyCleanedPixels, cleanInstance, type CleanInstancePolicy, type TextRecognizer } from '../pixels';
import { decideCleanPixelData, type DeidPolicy } from '../policy';
import type { PixelReport } from './types';

export const DEFAULT_MASK_POLICY: CleanInstancePolicy = { strategy: 'both', ocr: true };

export interface PixelStepInput {
  parsed: ParsedDicom;
  bytes: Uint8Array;
  policy: DeidPolicy;
  /** Changed in place when the pixels are cleaned. */
  editable: EditableDataset;
  mask: CleanInstancePolicy;
  recognizer: () => Promise<TextRecognizer | undefined>;
}

export async function pixelStep(input: PixelStepInput): Promise<PixelReport> {
  const { parsed, policy } = input;
  const none = (outcome: PixelReport['outcome'], notes: string[]): PixelReport => ({ outcome, cleaned: false, ocrUsed: false, maskedFrames: 0, flaggedFrames: [], notes });
  if (!parsed.pixelData) return none('none', []);
  const reader = datasetReader(parsed);
  const decision = decideCleanPixelData({
    modality: reader.string('Modality'),
    sopClassUid: reader.string('SOPClassUID'),
    burnedInAnnotation: reader.string('BurnedInAnnotation'),
  }, policy);
  if (!decision.clean) return none('not-needed', [decision.reason]);
  try {
    const frames = encodedFrames(parsed, bytesSource(input.bytes));
    const description = describeImagePixels(reader, { bigEndian: frames.bigEndian });
    const recognizer = input.mask.ocr ? await input.recognizer() : undefined;
    const mask: CleanInstancePolicy = { ...input.mask, ocr: input.mask.ocr && recognizer !== undefined };
    const result = await cleanInstance({ reader, description, frames }, mask, recognizer);
    applyCleanedPixels(input.editable, result.cleaned);
    const notes = [decision.reason, ...result.plan.notes];
    if (input.mask.ocr && !recognizer) notes.push('OCR unavailable (no recognizer): masks from the imaging area, static overlay and region rules only');
    if (result.warnings.length > 0) notes.push(`${result.warnings.length} word(s) still legible after masking: review the flagged frames`);
    return {
      outcome: 'cleaned',
      cleaned: true,
      ocrUsed: mask.ocr,
      maskedFrames: result.cleaned.maskedFrames,
      flaggedFrames: [
        ...result.plan.flaggedFrames,
        ...result.warnings.map((w) => ({ frame: w.frame, reason: `legible text after masking (confidence ${Math.round(w.confidence)})` })),
      ],
      notes,
    };
  } catch (error) {
    // Fail-closed: the header is still de-identified, but the file is reported 'not-cleaned' (blocking).
    const { name } = describeError(error);
    return none('not-cleaned', [decision.reason, `pixel cleaning failed (${name})`]);
  }
}
