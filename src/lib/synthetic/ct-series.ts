import { TAG, bytes, ds, is, num, str, type DicomDataset } from '../dicom/write';
import { createRng } from './random';
import { commonHeaders, imageTimingHeaders, crossSectionalHeaders, type StudyContext } from './phi-headers';

export const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';

/**
 * A CT-like axial series of an abdomen phantom in patient coordinates (LPS, mm): a body
 * ellipse with a subcutaneous fat rim, a liver on the patient's right holding a hypodense
 * lesion, a vertebra (cortical ring, cancellous core) posteriorly, lung bases in the upper
 * slices, 12 HU noise, and −2000 stored outside the circular reconstruction field.
 * Stored values are signed 16-bit; HU = stored · CT_RESCALE.slope + CT_RESCALE.intercept.
 */
export const CT_GEOMETRY = { rows: 128, columns: 128, slices: 24, pixelSpacingMm: 2.5, sliceThicknessMm: 5 } as const;
export const CT_RESCALE = { slope: 1, intercept: -1024 } as const;
export const CT_OUTSIDE_FOV_STORED = -2000;
export const CT_LESION = { x: -60, y: -5, z: -10, radiusMm: 15, hu: 5 } as const;
export const CT_HU = { air: -1000, lung: -850, fat: -100, soft: 40, liver: 60, cancellous: 300, cortical: 1000 } as const;

/** z (mm) of slice k, head-ward from foot: slices are centred on z = 0. */
export function ctSliceZ(k: number): number {
  return (k - (CT_GEOMETRY.slices - 1) / 2) * CT_GEOMETRY.sliceThicknessMm;
}

/** Top-left pixel centre of every slice: x and y of the first column/row, in mm. */
export const CT_ORIGIN_MM = -((CT_GEOMETRY.columns - 1) / 2) * CT_GEOMETRY.pixelSpacingMm;

function huAt(x: number, y: number, z: number): number {
  // Plain products and sqrt only (no ** or hypot), which every engine computes bit-identically.
  const taper = 1 - 0.1 * sq(z / 60);
  const bx = 140 * taper;
  const by = 100 * taper;
  const body = sq(x / bx) + sq(y / by);
  if (body > 1) return CT_HU.air;
  const inner = sq(x / (bx - 10)) + sq(y / (by - 10));
  if (inner > 1) return CT_HU.fat;
  const vertebra = Math.sqrt(sq(x) + sq(y - 62));
  if (vertebra <= 16) return vertebra >= 12 ? CT_HU.cortical : CT_HU.cancellous;
  if (z > 20) {
    // Lung bases: two ellipses whose cross-section grows toward the head.
    const grow = Math.min(1, (z - 20) / 30);
    for (const side of [-1, 1]) {
      if (sq((x - side * 60) / (35 * grow + 5)) + sq((y - 5) / (45 * grow + 5)) <= 1) return CT_HU.lung;
    }
  }
  if (z < 30 && sq((x + 55) / 48) + sq((y + 5) / 55) <= 1) {
    const d = Math.sqrt(sq(x - CT_LESION.x) + sq(y - CT_LESION.y) + sq(z - CT_LESION.z));
    return d <= CT_LESION.radiusMm ? CT_LESION.hu : CT_HU.liver;
  }
  return CT_HU.soft;
}

function sq(v: number): number {
  return v * v;
}

/** Stored (signed) values of slice k. */
export function renderCtSlice(k: number, noiseKey: string): Int16Array {
  const { rows, columns, pixelSpacingMm } = CT_GEOMETRY;
  const rng = createRng(`ct-pixels|${noiseKey}|${k}`);
  const z = ctSliceZ(k);
  const fovRadius = (columns / 2) * pixelSpacingMm;
  const out = new Int16Array(rows * columns);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const x = CT_ORIGIN_MM + c * pixelSpacingMm;
      const y = CT_ORIGIN_MM + r * pixelSpacingMm;
      if (x * x + y * y > fovRadius * fovRadius) {
        out[r * columns + c] = CT_OUTSIDE_FOV_STORED;
        continue;
      }
      const hu = huAt(x, y, z) + 12 * rng.normal();
      out[r * columns + c] = Math.round((hu - CT_RESCALE.intercept) / CT_RESCALE.slope);
    }
  }
  return out;
}

export interface CtSeriesInput {
  ctx: StudyContext;
  seriesInstanceUid: string;
  frameOfReferenceUid: string;
  sopInstanceUids: readonly string[];
}

export function ctSliceDataset(input: CtSeriesInput, k: number, pixels: Int16Array): DicomDataset {
  const { ctx } = input;
  const sop = input.sopInstanceUids[k];
  if (sop === undefined) throw new RangeError(`No SOP Instance UID for CT slice ${k}`);
  const z = ctSliceZ(k);
  const { rows, columns, pixelSpacingMm, sliceThicknessMm } = CT_GEOMETRY;
  return {
    ...commonHeaders(ctx, CT_IMAGE_STORAGE, sop, 'SYNTH-CT 64'),
    ...imageTimingHeaders(ctx.studyDate, ctx.studyTime, k + 1),
    ...crossSectionalHeaders(input.frameOfReferenceUid),
    [TAG.Modality]: str('CS', 'CT'),
    [TAG.SeriesInstanceUID]: str('UI', input.seriesInstanceUid),
    [TAG.SeriesNumber]: is(2),
    [TAG.SeriesDescription]: str('LO', 'FAKE ABDOMEN AXIAL 5MM'),
    [TAG.BodyPartExamined]: str('CS', 'ABDOMEN'),
    [TAG.PatientPosition]: str('CS', 'HFS'),
    [TAG.ProtocolName]: str('LO', 'FAKE ABDOMEN ROUTINE'),
    [TAG.ImageType]: str('CS', 'ORIGINAL', 'PRIMARY', 'AXIAL'),
    [TAG.BurnedInAnnotation]: str('CS', 'NO'),
    [TAG.KVP]: ds(120),
    [TAG.SliceThickness]: ds(sliceThicknessMm),
    [TAG.ReconstructionDiameter]: ds(columns * pixelSpacingMm),
    [TAG.ConvolutionKernel]: str('SH', 'SYNTH B30'),
    [TAG.XRayTubeCurrent]: is(200),
    [TAG.ImagePositionPatient]: ds(CT_ORIGIN_MM, CT_ORIGIN_MM, z),
    [TAG.ImageOrientationPatient]: ds(1, 0, 0, 0, 1, 0),
    [TAG.SliceLocation]: ds(z),
    [TAG.PixelSpacing]: ds(pixelSpacingMm, pixelSpacingMm),
    [TAG.SamplesPerPixel]: num('US', 1),
    [TAG.PhotometricInterpretation]: str('CS', 'MONOCHROME2'),
    [TAG.Rows]: num('US', rows),
    [TAG.Columns]: num('US', columns),
    [TAG.BitsAllocated]: num('US', 16),
    [TAG.BitsStored]: num('US', 16),
    [TAG.HighBit]: num('US', 15),
    [TAG.PixelRepresentation]: num('US', 1),
    [TAG.RescaleIntercept]: ds(CT_RESCALE.intercept),
    [TAG.RescaleSlope]: ds(CT_RESCALE.slope),
    [TAG.RescaleType]: str('LO', 'HU'),
    [TAG.WindowCenter]: ds(40),
    [TAG.WindowWidth]: ds(400),
    [TAG.PixelData]: bytes('OW', pixels),
  };
}
