export * from './label-model';
export { planEchoCohort, type CohortOptions, type EchoCohort, type EchoStudyPlan, type FakePatient } from './cohort';
export {
  renderEchoCine, ECHO_FRAME, ECHO_SECTOR, ECHO_BANNER, ECHO_CAVITY_RANGE, ECHO_TISSUE_MIN, ECHO_CM_PER_PIXEL,
  type EchoCine, type EchoRenderInput,
} from './echo-cine';
export { echoBannerLines, echoDataset, renderEchoStudy, writeEchoStudy, US_MULTIFRAME_IMAGE_STORAGE } from './echo-study';
export * from './ct-series';
export * from './mr-series';
export { drawText, measureText, FONT_CHARACTERS, GLYPH_HEIGHT, GLYPH_WIDTH, type GrayImage, type TextBox } from './bitmap-font';
export { FAKE_INSTITUTION_NAME, fakeIdentity } from './fake-identity';
export { FAKE_PRIVATE_CREATOR, FAKE_PRIVATE_GROUP, SITE_MANUFACTURER, type SyntheticModality } from './phi-headers';
export { syntheticUid } from './uids';
export { toCsv } from '../csv';
export * from './manifest';
export * from './sample-set';
