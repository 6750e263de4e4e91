/**
 * A generated CT series for benchmarks: 512×512 16-bit slices with a realistic header (fake
 * PHI included, so de-identification benchmarks have work to do). Shared by bench:ingest and
 * the later bench:deid.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TAG, bytes, ds, is, num, seq, str, writePart10, type DicomDataset } from '../../src/lib/dicom/write';

export const CT_SIZE = 512;
const SIZE = CT_SIZE;

export function ctSlice(k: number, pixels: Int16Array): DicomDataset {
  const uid = (suffix: string): string => `2.25.1234567890123456789.${suffix}`;
  return {
    [TAG.SpecificCharacterSet]: str('CS', 'ISO_IR 100'),
    [TAG.ImageType]: str('CS', 'ORIGINAL', 'PRIMARY', 'AXIAL'),
    [TAG.SOPClassUID]: str('UI', '1.2.840.10008.5.1.4.1.1.2'),
    [TAG.SOPInstanceUID]: str('UI', uid(`3.${k + 1}`)),
    [TAG.StudyDate]: str('DA', '20260101'),
    [TAG.StudyTime]: str('TM', '101500'),
    [TAG.AccessionNumber]: str('SH', 'BENCH0001'),
    [TAG.Modality]: str('CS', 'CT'),
    [TAG.Manufacturer]: str('LO', 'Enclave Bench'),
    [TAG.InstitutionName]: str('LO', 'Bench Hospital'),
    [TAG.ReferringPhysicianName]: str('PN', 'BENCH^REFERRER'),
    [TAG.StudyDescription]: str('LO', 'BENCH CT CHEST'),
    [TAG.SeriesDescription]: str('LO', 'AXIAL 1.25 MM'),
    [TAG.PatientName]: str('PN', 'BENCH^PATIENT'),
    [TAG.PatientID]: str('LO', 'BENCH-0001'),
    [TAG.PatientBirthDate]: str('DA', '19600101'),
    [TAG.PatientSex]: str('CS', 'O'),
    [TAG.OtherPatientIDsSequence]: seq({ [TAG.PatientID]: str('LO', 'MRN-0001'), [TAG.TypeOfPatientID]: str('CS', 'TEXT') }),
    [TAG.SliceThickness]: ds(1.25),
    [TAG.KVP]: ds(120),
    [TAG.StudyInstanceUID]: str('UI', uid('1')),
    [TAG.SeriesInstanceUID]: str('UI', uid('2')),
    [TAG.SeriesNumber]: is(2),
    [TAG.InstanceNumber]: is(k + 1),
    [TAG.ImagePositionPatient]: ds(-250, -250, -k * 1.25),
    [TAG.ImageOrientationPatient]: ds(1, 0, 0, 0, 1, 0),
    [TAG.FrameOfReferenceUID]: str('UI', uid('4')),
    [TAG.SliceLocation]: ds(-k * 1.25),
    [TAG.SamplesPerPixel]: num('US', 1),
    [TAG.PhotometricInterpretation]: str('CS', 'MONOCHROME2'),
    [TAG.Rows]: num('US', SIZE),
    [TAG.Columns]: num('US', SIZE),
    [TAG.PixelSpacing]: ds(0.9765625, 0.9765625),
    [TAG.BitsAllocated]: num('US', 16),
    [TAG.BitsStored]: num('US', 16),
    [TAG.HighBit]: num('US', 15),
    [TAG.PixelRepresentation]: num('US', 1),
    [TAG.WindowCenter]: ds(40),
    [TAG.WindowWidth]: ds(400),
    [TAG.RescaleIntercept]: ds(-1024),
    [TAG.RescaleSlope]: ds(1),
    [TAG.PixelData]: bytes('OW', pixels),
  };
}

/** The whole series as Part 10 files in memory. */
export function benchCtSeries(slices: number): Uint8Array[] {
  const pixels = new Int16Array(SIZE * SIZE).map((_, i) => ((i % SIZE) + Math.floor(i / SIZE)) % 2048 - 1024);
  return Array.from({ length: slices }, (_, k) => writePart10(ctSlice(k, pixels)));
}

/** Writes the files into a new temporary folder and returns it with the paths. */
export function writeToTempFolder(files: readonly Uint8Array[], prefix = 'enclave-bench-'): { dir: string; paths: string[] } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const paths = files.map((f, k) => {
    const path = join(dir, `slice-${String(k + 1).padStart(3, '0')}.dcm`);
    writeFileSync(path, f);
    return path;
  });
  return { dir, paths };
}
