/**
 * The per-instance de-identification pipeline, pure (no file system): what the CLI's worker
 * threads and the browser's de-identification worker both run, one file at a time.
 *
 *   const engine = createDeidEngine({ recognizer: () => createTesseractRecognizer() });
 *   const result = await deidentifyInstance(bytes, { engine, policy, secret, uidCache: new Map() });
 *   if (result.ok && blockingReasons(result).length === 0) save(result.outputPath, result.bytes);
 */
export type {
  DeidEngine, EngineInput, EngineOptions, EngineOutput, InstanceFailure, InstanceResult, InstanceSuccess, PipelineContext, PixelReport,
} from './types';
export { createDeidEngine } from './engine';
export { DEFAULT_MASK_POLICY, pixelStep, type PixelStepInput } from './pixel-step';
export { blockingReasons, deidentifyInstance, DICOMDIR_SOP_CLASS, keptKinds } from './deidentify-instance';
