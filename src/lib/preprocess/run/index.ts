export type { PixelBox, ScanInput, ScanPhotometric, ScanRegion, ScanRescale, ScanWindow } from './scan-input';
export { checkScanInput } from './scan-input';
export { scanInputFromDecoded, type DecodedScanExtras } from './from-decoded';
export { volumeFromSlices, type SliceInput } from '../volume/from-slices';
export type { StepRecord } from './execute';
export { runRecipe, type RecipeResult, type RunOptions, type StepSnapshot } from './run-recipe';
export { previewRecipe, nearestFrame, type PreviewFrame } from './preview';
export { runRecipeOverScans, type ScanFailure, type ScanJob, type StreamOptions } from './stream';
