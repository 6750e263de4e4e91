import { describe, expect, it } from 'vitest';
import { blockingReasons, createDeidEngine, deidentifyInstance, type InstanceSuccess, type PipelineContext } from '../../../../src/lib/deid/pipeline';
import type { GreyImage, OcrWord, TextRecognizer } from '../../../../src/lib/deid/pixels';
import { defaultPolicy } from '../../../../src/lib/deid/policy';
import { datasetReader, parseDicomBytes } from '../../../../src/lib/dicom/parse';
import { TAG, bytes as binary, num, str, writePart10 } from '../../../../src/lib/dicom/write';
import { planSampleSet } from '../../../../src/lib/synthetic';

const plan = planSampleSet({ patients: 1, echoStudies: 1, ct: true, mr: false });
const echo = plan.files.find((f) => f.entry.modality === 'US')!.write();
const ct = plan.files.find((f) => f.entry.modality === 'CT')!.write();

function context(engine = createDeidEngine({ mask: { strategy: 'both', ocr: false } })): PipelineContext {
  return { engine, policy: defaultPolicy(), secret: new Uint8Array(32).fill(3), uidCache: new Map() };
}

function success(result: Awaited<ReturnType<typeof deidentifyInstance>>): InstanceSuccess {
  if (!result.ok) throw new Error(`expected success, got ${result.reason}: ${result.message}`);
  return result;
}

/** Reads one word at the banner, counting calls. */
class StubRecognizer implements TextRecognizer {
  calls = 0;
  recognize(_image: GreyImage): Promise<OcrWord[]> {
    this.calls++;
    return Promise.resolve([{ text: 'FAKE', confidence: 90, x: 4, y: 3, width: 40, height: 14 }]);
  }
}

describe('deidentifyInstance (shared per-instance pipeline)', () => {
  it('cleans the echo loop: 16 masked frames, BurnedInAnnotation NO, not blocked', async () => {
    const result = success(await deidentifyInstance(echo, context()));
    expect(result.pixels).toBe('cleaned');
    expect(result.pixel.cleaned).toBe(true);
    expect(result.pixel.maskedFrames).toBe(16);
    expect(result.pixel.notes[0]).toBe('BurnedInAnnotation is YES.');
    expect(blockingReasons(result)).toEqual([]);
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const out = datasetReader(parseDicomBytes(result.bytes));
    expect(out.string('BurnedInAnnotation')).toBe('NO');
    expect(out.string('PatientName')).toBe(result.pseudonym.pseudonym);
    expect(result.outputPath.startsWith(`${result.pseudonym.pseudonym}/`)).toBe(true);
  });

  it('leaves CT pixels alone under the default policy (not-needed) and cleans them when the policy says on', async () => {
    expect(success(await deidentifyInstance(ct, context())).pixel).toMatchObject({ outcome: 'not-needed', cleaned: false, maskedFrames: 0 });
    const on = context();
    on.policy = { ...on.policy, options: { ...on.policy.options, cleanPixelData: 'on' } };
    expect(success(await deidentifyInstance(ct, on)).pixels).toBe('cleaned');
  });

  it('uses the injected recognizer (created once, lazily), and goes on without OCR when it cannot start', async () => {
    const stub = new StubRecognizer();
    let created = 0;
    const ctx = context(createDeidEngine({ recognizer: () => Promise.resolve((created++, stub)) }));
    success(await deidentifyInstance(ct, ctx));
    expect(created).toBe(0);
    success(await deidentifyInstance(echo, ctx));
    success(await deidentifyInstance(echo, ctx));
    expect(created).toBe(1);
    // one frame read + one frame verified, per loop
    expect(stub.calls).toBe(4);
    const broken = context(createDeidEngine({ recognizer: () => Promise.reject(new Error('no tesseract')) }));
    const result = success(await deidentifyInstance(echo, broken));
    expect(result.pixels).toBe('cleaned');
    expect(result.pixel.notes).toContain('OCR unavailable (no recognizer): masks from the imaging area, static overlay and region rules only');
  });

  it('returns failures as data: not DICOM, a DICOMDIR; uncleanable pixels come out not-cleaned (blocking)', async () => {
    expect(await deidentifyInstance(new TextEncoder().encode('not dicom at all'), context())).toMatchObject({ ok: false, reason: 'DicomParseError' });
    const dicomdir = writePart10({ [TAG.SOPClassUID]: str('UI', '1.2.840.10008.1.3.10'), [TAG.SOPInstanceUID]: str('UI', '1.2.3.4') });
    expect(await deidentifyInstance(dicomdir, context())).toMatchObject({ ok: false, reason: 'UnsupportedFileError' });
    const broken = writePart10({
      [TAG.SOPClassUID]: str('UI', '1.2.840.10008.5.1.4.1.1.7'),
      [TAG.SOPInstanceUID]: str('UI', '1.2.3.5'),
      [TAG.Modality]: str('CS', 'OT'),
      [TAG.PatientID]: str('LO', 'PID-77'),
      [TAG.SamplesPerPixel]: num('US', 1),
      [TAG.PhotometricInterpretation]: str('CS', 'MONOCHROME2'),
      [TAG.Rows]: num('US', 64),
      [TAG.Columns]: num('US', 64),
      [TAG.BitsAllocated]: num('US', 8),
      [TAG.BitsStored]: num('US', 8),
      [TAG.HighBit]: num('US', 7),
      [TAG.PixelRepresentation]: num('US', 0),
      [TAG.PixelData]: binary('OB', new Uint8Array(100)), // 100 bytes for a 64×64 frame
    });
    const result = success(await deidentifyInstance(broken, context()));
    expect(result.pixels).toBe('not-cleaned');
    expect(result.pixel.notes[1]).toMatch(/^pixel cleaning failed \(\w+\)$/);
    expect(blockingReasons(result)).toEqual(['pixels-not-cleaned']);
  });
});
