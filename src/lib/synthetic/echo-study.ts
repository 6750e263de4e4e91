import { TAG, bytes, ds, is, num, seq, str, writePart10, type DicomDataset } from '../dicom/write';
import type { EchoStudyPlan } from './cohort';
import { ECHO_CM_PER_PIXEL, ECHO_SECTOR, renderEchoCine, type EchoCine } from './echo-cine';
import { isoFromDicomDate } from './fake-identity';
import { commonHeaders, imageTimingHeaders, type StudyContext } from './phi-headers';

export const US_MULTIFRAME_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.3.1';

/** The three banner lines burned into every frame: name, ID and study date. */
export function echoBannerLines(plan: EchoStudyPlan): string[] {
  return [plan.patient.bannerName, `ID ${plan.patient.patientId}`, isoFromDicomDate(plan.studyDate)];
}

export function renderEchoStudy(plan: EchoStudyPlan): EchoCine {
  return renderEchoCine({
    ejectionFraction: plan.ejectionFraction,
    imageGain: plan.imageGain,
    bannerLines: echoBannerLines(plan),
    noiseKey: plan.sopInstanceUid,
  });
}

export function echoStudyContext(plan: EchoStudyPlan): StudyContext {
  return {
    patient: plan.patient,
    modality: 'US',
    studyInstanceUid: plan.studyInstanceUid,
    studyDate: plan.studyDate,
    studyTime: plan.studyTime,
    ageYears: plan.ageYears,
    accessionNumber: plan.accessionNumber,
    studyId: plan.studyId,
    studyDescription: 'FAKE ECHO TTE',
  };
}

/** One US Multi-frame Image instance: the whole cine loop of one study. */
export function echoDataset(plan: EchoStudyPlan, cine: EchoCine): DicomDataset {
  const ctx = echoStudyContext(plan);
  // One cardiac cycle per loop, so the loop plays seamlessly at the patient's heart rate.
  const frameTimeMs = Math.round((60_000 / plan.heartRateBpm / cine.frames) * 10) / 10;
  const fps = Math.round(1000 / frameTimeMs);
  const { region } = cine;
  return {
    ...commonHeaders(ctx, US_MULTIFRAME_IMAGE_STORAGE, plan.sopInstanceUid, 'SYNTH-ECHO 3000'),
    ...imageTimingHeaders(plan.studyDate, plan.studyTime, 1),
    [TAG.Modality]: str('CS', 'US'),
    [TAG.SeriesInstanceUID]: str('UI', plan.seriesInstanceUid),
    [TAG.SeriesNumber]: is(1),
    [TAG.SeriesDescription]: str('LO', 'FAKE ECHO APICAL 4CH'),
    [TAG.BodyPartExamined]: str('CS', 'HEART'),
    [TAG.ImageType]: str('CS', 'ORIGINAL', 'PRIMARY', 'HEART', '0001'),
    [TAG.BurnedInAnnotation]: str('CS', 'YES'),
    [TAG.LossyImageCompression]: str('CS', '00'),
    [TAG.HeartRate]: is(plan.heartRateBpm),
    [TAG.FrameTime]: ds(frameTimeMs),
    [TAG.CineRate]: is(fps),
    [TAG.RecommendedDisplayFrameRate]: is(fps),
    [TAG.NumberOfFrames]: is(cine.frames),
    [TAG.FrameIncrementPointer]: num('AT', 0x00181063),
    [TAG.SequenceOfUltrasoundRegions]: seq({
      [TAG.RegionSpatialFormat]: num('US', 1), // 2D (sector)
      [TAG.RegionDataType]: num('US', 1), // tissue
      [TAG.RegionFlags]: num('UL', 0),
      [TAG.RegionLocationMinX0]: num('UL', region.minX),
      [TAG.RegionLocationMinY0]: num('UL', region.minY),
      [TAG.RegionLocationMaxX1]: num('UL', region.maxX),
      [TAG.RegionLocationMaxY1]: num('UL', region.maxY),
      // The reference pixel is the transducer (the fan's apex), relative to the region.
      [TAG.ReferencePixelX0]: num('SL', ECHO_SECTOR.apexX - region.minX),
      [TAG.ReferencePixelY0]: num('SL', ECHO_SECTOR.apexY - region.minY),
      [TAG.PhysicalUnitsXDirection]: num('US', 3), // cm
      [TAG.PhysicalUnitsYDirection]: num('US', 3),
      [TAG.ReferencePixelPhysicalValueX]: num('FD', 0),
      [TAG.ReferencePixelPhysicalValueY]: num('FD', 0),
      [TAG.PhysicalDeltaX]: num('FD', ECHO_CM_PER_PIXEL),
      [TAG.PhysicalDeltaY]: num('FD', ECHO_CM_PER_PIXEL),
    }),
    [TAG.SamplesPerPixel]: num('US', 1),
    [TAG.PhotometricInterpretation]: str('CS', 'MONOCHROME2'),
    [TAG.Rows]: num('US', cine.height),
    [TAG.Columns]: num('US', cine.width),
    [TAG.BitsAllocated]: num('US', 8),
    [TAG.BitsStored]: num('US', 8),
    [TAG.HighBit]: num('US', 7),
    [TAG.PixelRepresentation]: num('US', 0),
    [TAG.PixelData]: bytes('OB', cine.pixels),
  };
}

export function writeEchoStudy(plan: EchoStudyPlan): Uint8Array {
  return writePart10(echoDataset(plan, renderEchoStudy(plan)));
}
