/**
 * A generated ultrasound cine for the pixel-cleaning benchmark: 640×480, 8-bit grey, a fan of
 * speckle that sways and changes every frame (the moving sector), a static banner with fake
 * name, ID and date (value 235) above it, black elsewhere. No ultrasound regions and no region
 * rule match, so the keep area comes from the moving-sector estimate and the banner from the
 * static-overlay detection, the paths a real unknown scanner takes.
 */
import { TAG, bytes, is, num, str, writePart10 } from '../../src/lib/dicom/write';
import { drawText } from '../../src/lib/synthetic';

export const US_CINE = { width: 640, height: 480, frames: 32, apexX: 320, apexY: 90, radius: 370, bannerValue: 235 } as const;
export const US_BANNER_LINES = ['FAKE, BENCH PERSON', 'ID FAKE-9999', '2026-01-31'] as const;
export const US_BANNER_ROWS = 80;

export function usCinePixels(): Uint8Array {
  const { width, height, frames, apexX, apexY, radius } = US_CINE;
  let seed = 12345;
  const random = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const banner = { width, height, pixels: new Uint8Array(width * height) };
  US_BANNER_LINES.forEach((line, i) => drawText(banner, line, 10, 8 + i * 24, 3, US_CINE.bannerValue));
  const out = new Uint8Array(width * height * frames);
  for (let f = 0; f < frames; f++) {
    const frame = out.subarray(f * width * height, (f + 1) * width * height);
    frame.set(banner.pixels);
    const sway = 0.1 * Math.sin((2 * Math.PI * f) / frames);
    for (let y = apexY; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const dx = x - apexX;
        const dy = y - apexY;
        if (dx * dx + dy * dy > radius * radius || Math.abs(dx / dy - sway) > 0.8) continue;
        frame[y * width + x] = 40 + Math.floor(random() * 150);
      }
    }
  }
  return out;
}

/** The cine as one US Multi-frame Image Part 10 file with fake PHI in the header too. */
export function usCineFile(): Uint8Array {
  const { width, height, frames } = US_CINE;
  return writePart10({
    [TAG.SOPClassUID]: str('UI', '1.2.840.10008.5.1.4.1.1.3.1'),
    [TAG.SOPInstanceUID]: str('UI', '2.25.9876543210.3.1'),
    [TAG.StudyInstanceUID]: str('UI', '2.25.9876543210.1'),
    [TAG.SeriesInstanceUID]: str('UI', '2.25.9876543210.2'),
    [TAG.StudyDate]: str('DA', '20260131'),
    [TAG.Modality]: str('CS', 'US'),
    [TAG.Manufacturer]: str('LO', 'Enclave Bench'),
    [TAG.ManufacturerModelName]: str('LO', 'Bench Probe'),
    [TAG.PatientName]: str('PN', 'FAKE^BENCH PERSON'),
    [TAG.PatientID]: str('LO', 'FAKE-9999'),
    [TAG.PatientBirthDate]: str('DA', '19600101'),
    [TAG.FrameTime]: str('DS', '33.3'),
    [TAG.NumberOfFrames]: is(frames),
    [TAG.SamplesPerPixel]: num('US', 1),
    [TAG.PhotometricInterpretation]: str('CS', 'MONOCHROME2'),
    [TAG.Rows]: num('US', height),
    [TAG.Columns]: num('US', width),
    [TAG.BitsAllocated]: num('US', 8),
    [TAG.BitsStored]: num('US', 8),
    [TAG.HighBit]: num('US', 7),
    [TAG.PixelRepresentation]: num('US', 0),
    [TAG.PixelData]: bytes('OB', usCinePixels()),
  });
}
