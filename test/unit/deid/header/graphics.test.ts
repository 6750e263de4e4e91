/**
 * Overlays (60xx), curves (50xx) and graphic annotations under the Clean Graphics option, in
 * the header engine and through the whole pipeline: removed (or dummied) by the Basic profile,
 * kept with their text cleaned under Clean Graphics, and overlays hidden in the pixel data's
 * unused bits removed with their group.
 */
import { describe, expect, it } from 'vitest';
import { deidentifyHeader } from '../../../../src/lib/deid/header';
import { createDeidEngine, deidentifyInstance } from '../../../../src/lib/deid/pipeline';
import { defaultPolicy, type DeidPolicy } from '../../../../src/lib/deid/policy';
import { datasetReader, parseDicomBytes } from '../../../../src/lib/dicom/parse';
import { TAG, bytes, num, seq, str, writePart10 } from '../../../../src/lib/dicom/write';
import { corpusBytes, HAS_CORPUS } from '../../dicom/parse/corpus';
import { editableFromBytes, latin1, SECRET } from './fixtures';
import type { EditableDataset, EditableElement, EditableItem } from '../../../../src/lib/dicom/edit';

function policy(cleanGraphics: boolean): DeidPolicy {
  const p = defaultPolicy();
  p.options.cleanGraphics = cleanGraphics;
  return p;
}

const inGroups = (from: number, to: number) => (e: EditableElement): boolean => e.tag >>> 16 >= from && e.tag >>> 16 <= to;

/** 8×8, 12 bits stored in 16, with an overlay in bit 15 (the retired "embedded" form) on the first row. */
function syntheticGraphics(): Uint8Array {
  const pixels = new Uint16Array(64).map((_, i) => (i * 61) % 4096 | (i < 8 ? 0x8000 : 0));
  return writePart10({
    [TAG.SOPClassUID]: str('UI', '1.2.840.10008.5.1.4.1.1.7'),
    [TAG.SOPInstanceUID]: str('UI', '1.2.826.0.1.3680043.2.1125.9.1'),
    [TAG.StudyInstanceUID]: str('UI', '1.2.826.0.1.3680043.2.1125.9.2'),
    [TAG.SeriesInstanceUID]: str('UI', '1.2.826.0.1.3680043.2.1125.9.3'),
    [TAG.Modality]: str('CS', 'OT'),
    [TAG.PatientName]: str('PN', 'SMITHERS^JOHNATHAN'),
    [TAG.PatientID]: str('LO', 'PID-4242'),
    [TAG.BurnedInAnnotation]: str('CS', 'NO'),
    [TAG.SamplesPerPixel]: num('US', 1),
    [TAG.PhotometricInterpretation]: str('CS', 'MONOCHROME2'),
    [TAG.Rows]: num('US', 8),
    [TAG.Columns]: num('US', 8),
    [TAG.BitsAllocated]: num('US', 16),
    [TAG.BitsStored]: num('US', 12),
    [TAG.HighBit]: num('US', 11),
    [TAG.PixelRepresentation]: num('US', 0),
    [TAG.PixelData]: bytes('OW', pixels),
    // The embedded overlay's description.
    '60000010': num('US', 8), '60000011': num('US', 8), '60000040': str('CS', 'G'), '60000050': num('SS', 1, 1),
    '60000100': num('US', 16), '60000102': num('US', 15),
    // A separate overlay with a label naming the patient.
    '60020010': num('US', 8), '60020011': num('US', 8), '60020040': str('CS', 'G'), '60020050': num('SS', 1, 1),
    '60020100': num('US', 1), '60020102': num('US', 0), '60021500': str('LO', 'SMITHERS left'), '60023000': bytes('OW', new Uint8Array(8).fill(0xff)),
    // A curve (retired group 50xx) with a description naming the patient.
    '50000005': num('US', 1), '50000010': num('US', 2), '50000020': str('CS', 'TAC'), '50000022': str('LO', 'JOHNATHAN curve'),
    '50000103': num('US', 0), '50003000': bytes('OW', new Uint16Array([1, 2])),
    // A graphic annotation whose text names the patient.
    '00700001': seq({
      '00700002': str('CS', 'LAYER1'),
      '00700008': seq({ '00700003': str('CS', 'PIXEL'), '00700006': str('ST', 'SMITHERS arrow here') }),
    }),
  });
}

function annotationText(ds: EditableDataset): string {
  const annotation = ds.elements.find((e) => e.tag === 0x00700001);
  const text = annotation?.items?.[0]?.elements.find((e) => e.tag === 0x00700008)?.items?.[0]?.elements.find((e: EditableElement) => e.tag === 0x00700006);
  return latin1(text?.value);
}

function pixelWords(ds: EditableDataset): number[] {
  const value = ds.elements.find((e) => e.tag === 0x7fe00010)!.value!;
  return Array.from({ length: value.length / 2 }, (_, i) => value[2 * i]! | (value[2 * i + 1]! << 8));
}

describe('Clean Graphics in the header engine (synthetic overlays, curve and annotation)', () => {
  const input = editableFromBytes(syntheticGraphics());
  const original = pixelWords(input);

  it('Basic profile: overlay and curve groups removed, embedded overlay bits cleared, annotation text dummied', async () => {
    const { dataset, audit } = await deidentifyHeader(editableFromBytes(syntheticGraphics()), { policy: policy(false), secret: SECRET });
    expect(dataset.elements.filter(inGroups(0x5000, 0x50ff))).toEqual([]);
    expect(dataset.elements.filter(inGroups(0x6000, 0x60ff))).toEqual([]);
    const words = pixelWords(dataset);
    expect(words.filter((w) => w & 0x8000)).toEqual([]);
    expect(words).toEqual(original.map((w) => w & 0x0fff));
    expect(original.filter((w) => w & 0x8000)).toHaveLength(8);
    expect(audit.find((a) => a.tag === '7FE00010')?.reason).toBe('Table E.1-1 (overlay/curve group removed): its bitmap in bit(s) 15 of the pixel data cleared; image bits unchanged');
    const text = annotationText(dataset);
    expect(text).not.toMatch(/SMITHERS|arrow/);
    expect(audit.find((a) => a.tag === '00700001')?.action).toBe('D');
  });

  it('Clean Graphics: groups kept (bitmaps byte for byte), their text and the annotation cleaned of the identifiers', async () => {
    const { dataset, audit } = await deidentifyHeader(editableFromBytes(syntheticGraphics()), { policy: policy(true), secret: SECRET });
    const tags = (ds: EditableDataset, from: number, to: number) => ds.elements.filter(inGroups(from, to)).map((e) => e.tag);
    expect(tags(dataset, 0x5000, 0x50ff)).toEqual(tags(input, 0x5000, 0x50ff));
    expect(tags(dataset, 0x6000, 0x60ff)).toEqual(tags(input, 0x6000, 0x60ff));
    const value = (ds: EditableDataset, tag: number) => ds.elements.find((e) => e.tag === tag)?.value;
    expect(value(dataset, 0x60023000)).toEqual(value(input, 0x60023000));
    expect(value(dataset, 0x50003000)).toEqual(value(input, 0x50003000));
    expect(pixelWords(dataset)).toEqual(original);
    expect(latin1(value(dataset, 0x60021500))).not.toContain('SMITHERS');
    expect(latin1(value(dataset, 0x60021500))).toContain('left');
    expect(latin1(value(dataset, 0x50000022))).not.toContain('JOHNATHAN');
    expect(annotationText(dataset)).not.toContain('SMITHERS');
    expect(annotationText(dataset)).toContain('arrow here');
    expect(audit.find((a) => a.tag === '00700001')).toMatchObject({ action: 'C', reason: 'Table E.1-1, Clean Graphics option' });
    expect(audit.some((a) => a.tag === '7FE00010')).toBe(false);
    const items: EditableItem[] = dataset.elements.find((e) => e.tag === 0x00700001)?.items ?? [];
    expect(items).toHaveLength(1);
  });
});

describe.skipIf(!HAS_CORPUS)('Clean Graphics through the whole pipeline (corpus examples_overlay.dcm)', () => {
  const run = async (cleanGraphics: boolean) => {
    const result = await deidentifyInstance(corpusBytes('examples_overlay.dcm'), {
      engine: createDeidEngine({ mask: { strategy: 'both', ocr: false } }), policy: policy(cleanGraphics), secret: SECRET, uidCache: new Map(),
    });
    if (!result.ok) throw new Error(result.message);
    return { result, out: parseDicomBytes(result.bytes, { mode: 'full' }) };
  };
  const overlayElements = (bytes: Uint8Array) => editableFromBytes(bytes).elements.filter(inGroups(0x6000, 0x60ff));
  const methodCodes = (bytes: Uint8Array): string[] => {
    const sequence = editableFromBytes(bytes).elements.find((e) => e.tag === 0x00120064);
    return (sequence?.items ?? []).map((item) => latin1(item.elements.find((e) => e.tag === 0x00080100)?.value).trim());
  };

  it('removes the overlay by default and says Clean Graphics was not used', async () => {
    const { result, out } = await run(false);
    expect(overlayElements(result.bytes)).toEqual([]);
    expect(methodCodes(result.bytes)).not.toContain('113103');
    expect(datasetReader(out).string('PatientIdentityRemoved')).toBe('YES');
    expect(result.leftover.errors).toBe(0);
  });

  it('keeps it under Clean Graphics, overlay data byte for byte, and records the option (113103)', async () => {
    const input = overlayElements(corpusBytes('examples_overlay.dcm'));
    const { result } = await run(true);
    const kept = overlayElements(result.bytes);
    expect(kept.map((e) => e.tag)).toEqual(input.map((e) => e.tag));
    expect(kept.find((e) => e.tag === 0x60003000)?.value).toEqual(input.find((e) => e.tag === 0x60003000)?.value);
    expect(input.find((e) => e.tag === 0x60003000)?.value?.length).toBe(18150);
    expect(methodCodes(result.bytes)).toContain('113103');
    expect(result.leftover.errors).toBe(0);
  });
});
