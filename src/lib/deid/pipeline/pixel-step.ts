/**
 * The pixel half of one instance: decide Clean Pixel Data, and when it is needed decode the
 * frames, plan masks (outside the ultrasound keep area + static overlay + region rules + OCR when
 * a recognizer is at hand), mask, and put native pixels into the editable data set.
 */
import type { EditableDataset } from '../../dicom/edit';
import { bytesSource, datasetReader, encodedFrames, type ParsedDicom } from '../../dicom/parse';
import { describeImagePixels } from '../../dicom/pixels';
import { describeError } from '../../jobs';
import { applyCleanedPixels, cleanInstance, instanceIdentity, matchRegionRule, type CleanInstancePolicy, type TextRecognizer } from '../pixels';
import { decideCleanPixelData, handDrawnFor, pixelRulesOf, type DeidPolicy } from '../policy';
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
  /** The series' pseudonymous UID (see HandDrawnMask.seriesRef), for the hand-drawn rectangles. */
  seriesRef?: string;
}

/**
 * The mask policy for this instance with the person's own rules in it. When the automatic
 * decision says "not needed" but the person drew rectangles on the series, or one of their
 * region rules matches, only those rectangles are applied: no imaging-area guess, no OCR.
 */
function maskFor(input: PixelStepInput, identity: ReturnType<typeof instanceIdentity>, automatic: boolean): CleanInstancePolicy {
  const rules = pixelRulesOf(input.policy);
  const handDrawn = handDrawnFor(input.policy, input.seriesRef, identity.rows, identity.columns)
    .map(([x, y, width, height]) => ({ x, y, width, height }));
  if (automatic) return { ...input.mask, regionRules: rules.regionRules, useDefaultRules: rules.useDefaultRules, handDrawn };
  return { strategy: 'text-boxes', ocr: false, staticOverlay: false, verify: false, regionRules: rules.regionRules, useDefaultRules: false, handDrawn };
}

/** Why the person's own rectangles apply to an instance the automatic decision would leave alone. */
function userReason(input: PixelStepInput, identity: ReturnType<typeof instanceIdentity>): string | undefined {
  if (handDrawnFor(input.policy, input.seriesRef, identity.rows, identity.columns).length > 0) return 'Rectangles were drawn by hand on this series.';
  const rule = matchRegionRule(identity, pixelRulesOf(input.policy).regionRules, false);
  return rule ? `The region rule "${rule.name}" matches this device and image size.` : undefined;
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
  const identity = instanceIdentity(reader);
  const forced = decision.clean ? undefined : userReason(input, identity);
  if (!decision.clean && !forced) return none('not-needed', [decision.reason]);
  const reasons = forced ? [decision.reason, forced] : [decision.reason];
  try {
    const frames = encodedFrames(parsed, bytesSource(input.bytes));
    const description = describeImagePixels(reader, { bigEndian: frames.bigEndian });
    const wanted = maskFor(input, identity, decision.clean);
    const recognizer = wanted.ocr ? await input.recognizer() : undefined;
    const mask: CleanInstancePolicy = { ...wanted, ocr: wanted.ocr && recognizer !== undefined };
    const result = await cleanInstance({ reader, description, frames }, mask, recognizer);
    applyCleanedPixels(input.editable, result.cleaned);
    const notes = [...reasons, ...result.plan.notes];
    if (wanted.ocr && !recognizer) notes.push('OCR unavailable (no recognizer): masks from the imaging area, static overlay and region rules only');
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
    return none('not-cleaned', [...reasons, `pixel cleaning failed (${name})`]);
  }
}
