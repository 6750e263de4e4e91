/**
 * One instance, start to finish: decode every frame once, plan the masks, apply them, write
 * native pixels and (optionally) OCR the output. What the de-identification engine calls per
 * image; it then applies the result with applyCleanedPixels.
 */
import type { AttributeReader, EncodedFrames } from '../../dicom/attributes';
import { EXPLICIT_VR_LITTLE_ENDIAN } from '../../dicom/parse';
import { decodeEncodedFrame, decodeFrame, type DecodedFrame, type PixelImageDescription } from '../../dicom/pixels';
import { cancelledError, type JobOptions } from '../../jobs';
import { cleanPixelData, type CleanedPixelData } from './clean-pixel-data';
import { greyView } from './grey-view';
import { instanceIdentity, planMasks, spreadFrames, type MaskPolicy } from './plan';
import type { MaskPlan, TextRecognizer } from './types';
import { verifyMasked, type LegibleTextWarning } from './verify';

export interface CleanInstanceInput {
  reader: AttributeReader;
  description: PixelImageDescription;
  frames: EncodedFrames;
}

export interface CleanInstancePolicy extends MaskPolicy {
  /** OCR the output and report legible words (needs a recognizer). Default: when ocr is on. */
  verify?: boolean;
  /** See CleanOptions.losslessOutput. */
  losslessOutput?: 'native' | 'rle';
}

export interface CleanInstanceResult {
  plan: MaskPlan;
  cleaned: CleanedPixelData;
  /** Words still legible in the output (boxes and confidence only). */
  warnings: LegibleTextWarning[];
}

export async function cleanInstance(
  input: CleanInstanceInput,
  policy: CleanInstancePolicy,
  recognizer?: TextRecognizer,
  job: JobOptions = {},
): Promise<CleanInstanceResult> {
  const { reader, description, frames } = input;
  const decoded: DecodedFrame[] = [];
  for (let i = 0; i < frames.frameCount; i++) {
    if (job.signal?.aborted) throw cancelledError('Pixel cleaning');
    decoded.push(await decodeEncodedFrame(frames, i, description));
  }
  const grey = decoded.map((frame, i) => greyView(frame, description, i));
  const plan = await planMasks({ reader, identity: instanceIdentity(reader) }, grey, policy, recognizer);
  const cleaned = await cleanPixelData(description, frames, plan, { ...job, decoded, losslessOutput: policy.losslessOutput });
  const warnings: LegibleTextWarning[] = [];
  if ((policy.verify ?? policy.ocr) && recognizer) {
    const after: PixelImageDescription = {
      ...description,
      photometricInterpretation: String(cleaned.attributes.PhotometricInterpretation),
      samplesPerPixel: Number(cleaned.attributes.SamplesPerPixel),
      planarConfiguration: 0,
    };
    const indexes = spreadFrames(frames.frameCount, policy.ocrFrames ?? 1);
    const outGrey = await Promise.all(
      indexes.map(async (i) => greyView(await decodeFrame(cleaned.frames[i]!, EXPLICIT_VR_LITTLE_ENDIAN, after), after, i)),
    );
    for (const warning of await verifyMasked(outGrey, recognizer, { frames: outGrey.length })) {
      warnings.push({ ...warning, frame: indexes[warning.frame]! });
    }
  }
  return { plan, cleaned, warnings };
}
