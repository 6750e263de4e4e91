/**
 * Burned-in text in pixel data (PS3.15 Clean Pixel Data): find it (ultrasound regions and the
 * moving sector, static overlays in loops, OCR with tesseract.js, region rules, hand-drawn
 * rectangles), plan the masks, apply them and write native pixel data, then OCR the result.
 *
 *   const grey = frames.map((f, i) => greyView(f, description, i));
 *   const plan = await planMasks({ reader, identity: instanceIdentity(reader) }, grey, { strategy: 'both', ocr: true }, recognizer);
 *   const cleaned = await cleanPixelData(description, encodedFrames, plan);
 *   applyCleanedPixels(editableDataset, cleaned);                              // src/lib/dicom/edit
 */
export type { Box, FlaggedFrame, GreyImage, KeepArea, MaskPlan, MaskReason, MaskRectangle, OcrWord, TextRecognizer } from './types';
export { clipBox, complementOf, mergeNearby, padBox } from './boxes';
export { connectedComponents, type Component } from './components';
export { temporalRange, type TemporalRange } from './temporal-range';
export { detectStaticOverlay, type StaticOverlayOptions, type StaticOverlayResult } from './static-overlay';
export { estimateSector, findKeepArea, ultrasoundRegionBoxes, type SectorEstimateOptions } from './keep-area';
export { checkRegionRule, DEFAULT_REGION_RULES, matchRegionRule, parseRegionRules, ruleBoxes, ruleMatches, type ImageIdentity, type RegionRule } from './region-rules';
export { greyView } from './grey-view';
export { encodePgm, ocrScale, preprocessForOcr, type OcrPreprocessOptions } from './ocr-preprocess';
export { createTesseractRecognizer, type TesseractRecognizer, type TesseractRecognizerOptions, type TesseractSources } from './tesseract-recognizer';
export { instanceIdentity, planMasks, rectanglesForFrame, spreadFrames, type InstanceInfo, type MaskPolicy, type MaskStrategy } from './plan';
export { blackFill, maskFrame } from './mask-frame';
export { cleanPixelData, type CleanedPixelData, type CleanOptions } from './clean-pixel-data';
export { cleanInstance, type CleanInstanceInput, type CleanInstancePolicy, type CleanInstanceResult } from './clean-instance';
export { applyCleanedPixels } from './apply-to-dataset';
export { encodeRleFrame, RLE_LOSSLESS } from './rle-encode';
export { verifyMasked, type LegibleTextWarning, type VerifyOptions } from './verify';
