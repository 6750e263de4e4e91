/**
 * Puts cleaned pixel data into an editable data set: the frames (native, through the edit
 * module's replacePixelData, which also sets the transfer syntax) and the pixel module values
 * that changed. BurnedInAnnotation is left to the header engine (see burnedInTextMasked).
 */
import { getElement, insertElement, makeElement, replacePixelData, type EditableDataset } from '../../dicom/edit';
import { EnclaveError } from '../../jobs';
import type { CleanedPixelData } from './clean-pixel-data';

const PIXEL_MODULE: Record<string, { tag: number; vr: string }> = {
  SamplesPerPixel: { tag: 0x00280002, vr: 'US' },
  PhotometricInterpretation: { tag: 0x00280004, vr: 'CS' },
  PlanarConfiguration: { tag: 0x00280006, vr: 'US' },
  LossyImageCompression: { tag: 0x00282110, vr: 'CS' },
};

export function applyCleanedPixels(ds: EditableDataset, cleaned: CleanedPixelData): void {
  replacePixelData(ds, cleaned.frames, { transferSyntaxUid: cleaned.transferSyntaxUid, encapsulated: cleaned.encapsulated });
  for (const [keyword, value] of Object.entries(cleaned.attributes)) {
    const spec = PIXEL_MODULE[keyword];
    if (!spec) throw new EnclaveError('InvalidInputError', `applyCleanedPixels does not know the attribute ${keyword}.`);
    const existing = getElement(ds.elements, spec.tag);
    // An existing element keeps its VR (e.g. an implicit source's); only the value changes.
    insertElement(ds.elements, makeElement(spec.tag, existing?.vr ?? spec.vr, typeof value === 'number' ? [value] : value));
  }
  for (const keyword of cleaned.removeAttributes) {
    const spec = PIXEL_MODULE[keyword];
    if (!spec) continue;
    const index = ds.elements.findIndex((el) => el.tag === spec.tag);
    if (index >= 0) ds.elements.splice(index, 1);
  }
}
