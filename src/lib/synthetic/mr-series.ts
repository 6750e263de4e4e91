import { TAG, bytes, ds, is, num, str, type DicomDataset } from '../dicom/write';
import { createRng } from './random';
import { commonHeaders, imageTimingHeaders, crossSectionalHeaders, type StudyContext } from './phi-headers';

export const MR_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.4';

/**
 * MR-like axial head series. Each voxel is a tissue with proton density and 1.5 T relaxation
 * times; a spin-echo signal S = PD · (1 − e^(−TR/T1)) · e^(−TE/T2) turns the protocol's TR/TE
 * into contrast, so the T1 series shows fluid (CSF, the lesion) dark and fat bright, and the
 * T2 series shows fluid bright: the headers and the pixels agree by construction.
 * Magnitude (Rician) noise; unsigned 12-bit values in 16-bit words.
 */
export const MR_GEOMETRY = {
  rows: 128, columns: 128, slices: 12, pixelSpacingMm: 1.875, sliceThicknessMm: 5, spacingBetweenSlicesMm: 6,
} as const;

export const MR_TISSUES = {
  air: { pd: 0, t1: 1, t2: 1 },
  fat: { pd: 0.9, t1: 260, t2: 80 },
  bone: { pd: 0.05, t1: 500, t2: 20 },
  csf: { pd: 1, t1: 4000, t2: 2000 },
  gm: { pd: 0.75, t1: 920, t2: 100 },
  wm: { pd: 0.7, t1: 650, t2: 90 },
  lesion: { pd: 0.85, t1: 1200, t2: 250 },
} as const;
export type MrTissue = keyof typeof MR_TISSUES;

export interface MrProtocol {
  weighting: 'T1' | 'T2';
  seriesNumber: number;
  description: string;
  repetitionTimeMs: number;
  echoTimeMs: number;
  scanningSequence: string;
  sequenceVariant: string;
  sequenceName: string;
  echoTrainLength: number;
}

export const MR_PROTOCOLS: Readonly<Record<'T1' | 'T2', MrProtocol>> = {
  T1: {
    weighting: 'T1', seriesNumber: 3, description: 'FAKE T1 SE AX', repetitionTimeMs: 500, echoTimeMs: 15,
    scanningSequence: 'SE', sequenceVariant: 'NONE', sequenceName: 'SE2D', echoTrainLength: 1,
  },
  T2: {
    weighting: 'T2', seriesNumber: 4, description: 'FAKE T2 TSE AX', repetitionTimeMs: 4000, echoTimeMs: 100,
    scanningSequence: 'SE', sequenceVariant: 'SK', sequenceName: 'TSE2D16', echoTrainLength: 16,
  },
};

export const MR_LESION = { x: 30, y: 20, z: 6, radiusMm: 10 } as const;
const FULL_SCALE = 4000;
const NOISE = 0.008;

export function mrSignal(tissue: MrTissue, protocol: MrProtocol): number {
  const t = MR_TISSUES[tissue];
  return t.pd * (1 - Math.exp(-protocol.repetitionTimeMs / t.t1)) * Math.exp(-protocol.echoTimeMs / t.t2);
}

export function mrSliceZ(k: number): number {
  return (k - (MR_GEOMETRY.slices - 1) / 2) * MR_GEOMETRY.spacingBetweenSlicesMm;
}

export const MR_ORIGIN_MM = -((MR_GEOMETRY.columns - 1) / 2) * MR_GEOMETRY.pixelSpacingMm;

export function mrTissueAt(x: number, y: number, z: number): MrTissue {
  const shrink = Math.sqrt(Math.max(0, 1 - (z / 100) * (z / 100)));
  const ax = 75 * shrink;
  const ay = 95 * shrink;
  const shell = (inset: number): number => sq(x / (ax - inset)) + sq(y / (ay - inset));
  if (shell(0) > 1) return 'air';
  if (shell(5) > 1) return 'fat';
  if (shell(10) > 1) return 'bone';
  if (shell(12) > 1) return 'csf';
  if (sq(x - MR_LESION.x) + sq(y - MR_LESION.y) + sq(z - MR_LESION.z) <= sq(MR_LESION.radiusMm)) return 'lesion';
  if (Math.abs(z) < 20) {
    for (const side of [-1, 1]) if (sq((x - side * 10) / 5) + sq((y + 5) / 18) <= 1) return 'csf';
  }
  if (shell(16) > 1) return 'gm';
  return 'wm';
}

function sq(v: number): number {
  return v * v;
}

export function renderMrSlice(protocol: MrProtocol, k: number, noiseKey: string): Uint16Array {
  const { rows, columns, pixelSpacingMm } = MR_GEOMETRY;
  const rng = createRng(`mr-pixels|${noiseKey}|${k}`);
  const signal = Object.fromEntries(
    (Object.keys(MR_TISSUES) as MrTissue[]).map((t) => [t, mrSignal(t, protocol)]),
  ) as Record<MrTissue, number>;
  const z = mrSliceZ(k);
  const out = new Uint16Array(rows * columns);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const s = signal[mrTissueAt(MR_ORIGIN_MM + c * pixelSpacingMm, MR_ORIGIN_MM + r * pixelSpacingMm, z)];
      const re = s + NOISE * rng.normal();
      const im = NOISE * rng.normal();
      out[r * columns + c] = Math.min(4095, Math.round(FULL_SCALE * Math.sqrt(re * re + im * im)));
    }
  }
  return out;
}

export interface MrSeriesInput {
  ctx: StudyContext;
  protocol: MrProtocol;
  seriesInstanceUid: string;
  frameOfReferenceUid: string;
  sopInstanceUids: readonly string[];
}

export function mrSliceDataset(input: MrSeriesInput, k: number, pixels: Uint16Array): DicomDataset {
  const { ctx, protocol: p } = input;
  const sop = input.sopInstanceUids[k];
  if (sop === undefined) throw new RangeError(`No SOP Instance UID for MR slice ${k}`);
  const z = mrSliceZ(k);
  const g = MR_GEOMETRY;
  return {
    ...commonHeaders(ctx, MR_IMAGE_STORAGE, sop, 'SYNTH-MR 1.5T'),
    ...imageTimingHeaders(ctx.studyDate, ctx.studyTime, k + 1),
    ...crossSectionalHeaders(input.frameOfReferenceUid),
    [TAG.Modality]: str('CS', 'MR'),
    [TAG.SeriesInstanceUID]: str('UI', input.seriesInstanceUid),
    [TAG.SeriesNumber]: is(p.seriesNumber),
    [TAG.SeriesDescription]: str('LO', p.description),
    [TAG.BodyPartExamined]: str('CS', 'HEAD'),
    [TAG.PatientPosition]: str('CS', 'HFS'),
    [TAG.ProtocolName]: str('LO', p.description),
    [TAG.ImageType]: str('CS', 'ORIGINAL', 'PRIMARY', 'M', 'ND'),
    [TAG.BurnedInAnnotation]: str('CS', 'NO'),
    [TAG.ScanningSequence]: str('CS', p.scanningSequence),
    [TAG.SequenceVariant]: str('CS', p.sequenceVariant),
    [TAG.ScanOptions]: str('CS'),
    [TAG.MRAcquisitionType]: str('CS', '2D'),
    [TAG.SequenceName]: str('SH', p.sequenceName),
    [TAG.RepetitionTime]: ds(p.repetitionTimeMs),
    [TAG.EchoTime]: ds(p.echoTimeMs),
    [TAG.EchoTrainLength]: is(p.echoTrainLength),
    [TAG.EchoNumbers]: is(1),
    [TAG.NumberOfAverages]: ds(1),
    [TAG.ImagingFrequency]: ds(63.87),
    [TAG.ImagedNucleus]: str('SH', '1H'),
    [TAG.MagneticFieldStrength]: ds(1.5),
    [TAG.FlipAngle]: ds(90),
    [TAG.SliceThickness]: ds(g.sliceThicknessMm),
    [TAG.SpacingBetweenSlices]: ds(g.spacingBetweenSlicesMm),
    [TAG.ImagePositionPatient]: ds(MR_ORIGIN_MM, MR_ORIGIN_MM, z),
    [TAG.ImageOrientationPatient]: ds(1, 0, 0, 0, 1, 0),
    [TAG.SliceLocation]: ds(z),
    [TAG.PixelSpacing]: ds(g.pixelSpacingMm, g.pixelSpacingMm),
    [TAG.SamplesPerPixel]: num('US', 1),
    [TAG.PhotometricInterpretation]: str('CS', 'MONOCHROME2'),
    [TAG.Rows]: num('US', g.rows),
    [TAG.Columns]: num('US', g.columns),
    [TAG.BitsAllocated]: num('US', 16),
    [TAG.BitsStored]: num('US', 12),
    [TAG.HighBit]: num('US', 11),
    [TAG.PixelRepresentation]: num('US', 0),
    [TAG.WindowCenter]: ds(p.weighting === 'T1' ? 900 : 1000),
    [TAG.WindowWidth]: ds(p.weighting === 'T1' ? 1800 : 2200),
    [TAG.PixelData]: bytes('OW', pixels),
  };
}
