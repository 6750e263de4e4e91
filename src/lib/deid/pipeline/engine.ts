import { serializePart10, toEditable } from '../../dicom/edit';
import { deidentifyHeader, pseudonymousUid } from '../header';
import { datasetReader } from '../../dicom/parse';
import type { TextRecognizer } from '../pixels';
import { DEFAULT_MASK_POLICY, pixelStep } from './pixel-step';
import type { DeidEngine, EngineInput, EngineOptions, EngineOutput } from './types';

/**
 * The real engine: editable copy → pixels cleaned when the policy says so → header
 * de-identification (told the pixels were cleaned, so BurnedInAnnotation NO is honest) → Part 10.
 * The recognizer (tesseract.js) is created lazily, once, on the first instance that needs OCR;
 * when it cannot be created the pipeline goes on without OCR and says so in the notes.
 */
export function createDeidEngine(options: EngineOptions = {}): DeidEngine {
  const mask = { ...DEFAULT_MASK_POLICY, ...options.mask };
  let recognizer: Promise<TextRecognizer | undefined> | undefined;
  const getRecognizer = (): Promise<TextRecognizer | undefined> => {
    const given = options.recognizer;
    if (!given) return Promise.resolve(undefined);
    if (typeof given !== 'function') return Promise.resolve(given);
    recognizer ??= given().catch(() => undefined);
    return recognizer;
  };
  return {
    async deidentify({ parsed, bytes, policy, secret, uidCache }: EngineInput): Promise<EngineOutput> {
      const editable = toEditable(parsed);
      const seriesUid = datasetReader(parsed).string('SeriesInstanceUID')?.trim();
      const seriesRef = seriesUid ? await pseudonymousUid(secret, seriesUid, uidCache) : undefined;
      const pixel = await pixelStep({ parsed, bytes, policy, editable, mask, recognizer: getRecognizer, seriesRef });
      const result = await deidentifyHeader(editable, { policy, secret, uidCache, pixelsCleanedOrChecked: pixel.cleaned });
      const { outcome, ...details } = pixel;
      return {
        bytes: serializePart10(result.dataset),
        audit: result.audit,
        pseudonym: result.pseudonym,
        pixels: outcome,
        pixel: details,
        ...(seriesRef ? { seriesRef } : {}),
      };
    },
  };
}
