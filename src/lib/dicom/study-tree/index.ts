export { StudyTreeBuilder, buildStudyTree } from './builder';
export type { SortStats } from './series-state';
export {
  ORIENTATION_TOLERANCE, SAME_POSITION_MM, SPACING_TOLERANCE,
  orientationOf, positionOf, sliceNormal, summarisePositions,
} from './geometry';
export { dicomDateDays, dicomTimeSeconds, dicomDateTimeSeconds } from './dicom-time';
export { UNKNOWN_PATIENT_KEY } from './keys';
export type * from './types';
