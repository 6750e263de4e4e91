/**
 * A model is described by plain JSON (`ModelSpec`) so it can be saved in a run, shown in a model
 * card and rebuilt exactly: the seed makes every initial weight repeatable.
 */
import { EnclaveError } from '../../jobs';

export type ImageShape = [height: number, width: number, channels: number];
/** A clip ([frames, h, w, c]) or a volume ([depth, h, w, c]). */
export type StackShape = [depthOrFrames: number, height: number, width: number, channels: number];

export interface MobileNetV2Options {
  family: 'mobilenet-v2';
  /** Scales every block's filter count (Keras `alpha`): 0.35, 0.5, 0.75, 1.0… */
  widthMultiplier: number;
  /** How many of the seven MobileNetV2 stages to keep (1–7, default 7); fewer is smaller and faster. */
  stages?: number;
  /** Filters of the final 1×1 conv before pooling (default 1280, as Keras for width ≤ 1). */
  lastConvFilters?: number;
}

export interface ResNetSmallOptions {
  family: 'resnet-small';
  /** Basic residual blocks per stage, e.g. [2, 2, 2]; filters double and resolution halves per stage. */
  blocksPerStage: number[];
  baseFilters: number;
}

export type Backbone2DOptions = MobileNetV2Options | ResNetSmallOptions;

export type MobileNetV2Spec = MobileNetV2Options & { input: ImageShape };
export type ResNetSmallSpec = ResNetSmallOptions & { input: ImageShape };

export interface VideoFramePoolSpec {
  family: 'video-frame-pool';
  input: StackShape;
  /** The 2D network applied to every frame with shared weights. */
  backbone: Backbone2DOptions;
  /** 'mean' averages frame features; 'conv1d' learns a temporal filter over them first. */
  temporal: 'mean' | 'conv1d';
  temporalKernel?: number;
  temporalFilters?: number;
}

export interface VideoR2Plus1DSpec {
  family: 'video-r2plus1d';
  input: StackShape;
  blocksPerStage: number[];
  baseFilters: number;
}

export interface VolumeCnn3DSpec {
  family: 'volume-cnn3d';
  input: StackShape;
  /** Filters per stage; each stage halves every spatial dimension except the last. */
  filtersPerStage: number[];
}

export type BackboneSpec = MobileNetV2Spec | ResNetSmallSpec | VideoFramePoolSpec | VideoR2Plus1DSpec | VolumeCnn3DSpec;
export type ModelFamily = BackboneSpec['family'];

export interface ClassificationHead {
  task: 'classification';
  classes: number;
  /** softmax: one label per sample; sigmoid: independent labels (multi-label or a single binary output). */
  activation: 'softmax' | 'sigmoid';
}

export interface RegressionHead {
  task: 'regression';
  /** Number of continuous outputs, e.g. 1 for ejection fraction. */
  outputs: number;
}

export type HeadSpec = ClassificationHead | RegressionHead;

export type ModelSpec = BackboneSpec & {
  head: HeadSpec;
  /** Dropout rate before the head (0 ≤ rate < 1). */
  dropout?: number;
  seed: number;
};

export const MODEL_FAMILIES: readonly ModelFamily[] = [
  'mobilenet-v2', 'resnet-small', 'video-frame-pool', 'video-r2plus1d', 'volume-cnn3d',
];

/** Small defaults a CPU-emulated GPU can train in minutes. */
export function defaultModelSpec(family: ModelFamily, head: HeadSpec, seed = 1): ModelSpec {
  const common = { head, seed, dropout: 0.2 };
  switch (family) {
    case 'mobilenet-v2':
      return { family, input: [64, 64, 3], widthMultiplier: 0.35, stages: 7, lastConvFilters: 1280, ...common };
    case 'resnet-small':
      return { family, input: [64, 64, 3], blocksPerStage: [1, 1, 1], baseFilters: 16, ...common };
    case 'video-frame-pool':
      return {
        family, input: [8, 64, 64, 3], temporal: 'conv1d', temporalKernel: 3, temporalFilters: 64,
        backbone: { family: 'mobilenet-v2', widthMultiplier: 0.35, stages: 5, lastConvFilters: 256 }, ...common,
      };
    case 'video-r2plus1d':
      return { family, input: [8, 64, 64, 3], blocksPerStage: [1, 1, 1], baseFilters: 16, ...common };
    case 'volume-cnn3d':
      return { family, input: [32, 64, 64, 1], filtersPerStage: [8, 16, 32], ...common };
  }
}

/** Checks untrusted JSON (a saved run, an imported card) and returns it typed, or says what is wrong. */
export function validateModelSpec(value: unknown): ModelSpec {
  const problems: string[] = [];
  const spec = asRecord(value, 'The model spec', problems);
  if (!spec) throw invalid(problems);
  const family = spec.family;
  if (!MODEL_FAMILIES.includes(family as ModelFamily)) {
    problems.push(`family must be one of ${MODEL_FAMILIES.join(', ')}, not ${JSON.stringify(family)}`);
    throw invalid(problems);
  }
  const rank = family === 'mobilenet-v2' || family === 'resnet-small' ? 3 : 4;
  checkShape(spec.input, rank, problems);
  switch (family as ModelFamily) {
    case 'mobilenet-v2':
    case 'resnet-small':
      checkBackbone2D(spec, problems);
      break;
    case 'video-frame-pool': {
      const backbone = asRecord(spec.backbone, 'backbone', problems);
      if (backbone) checkBackbone2D(backbone, problems);
      if (spec.temporal !== 'mean' && spec.temporal !== 'conv1d') problems.push(`temporal must be 'mean' or 'conv1d'`);
      checkOptionalInt(spec.temporalKernel, 'temporalKernel', 1, 15, problems);
      checkOptionalInt(spec.temporalFilters, 'temporalFilters', 1, 4096, problems);
      break;
    }
    case 'video-r2plus1d':
      checkIntList(spec.blocksPerStage, 'blocksPerStage', 1, 8, problems);
      checkInt(spec.baseFilters, 'baseFilters', 1, 512, problems);
      break;
    case 'volume-cnn3d':
      checkIntList(spec.filtersPerStage, 'filtersPerStage', 1, 1024, problems);
      break;
  }
  checkHead(spec.head, problems);
  if (spec.dropout !== undefined && !(typeof spec.dropout === 'number' && spec.dropout >= 0 && spec.dropout < 1)) {
    problems.push('dropout must be a number from 0 up to (not including) 1');
  }
  checkInt(spec.seed, 'seed', 0, 2 ** 31 - 1, problems);
  if (problems.length > 0) throw invalid(problems);
  return value as ModelSpec;
}

export function validateHeadSpec(value: unknown): HeadSpec {
  const problems: string[] = [];
  checkHead(value, problems);
  if (problems.length > 0) throw invalid(problems);
  return value as HeadSpec;
}

function checkBackbone2D(spec: Record<string, unknown>, problems: string[]): void {
  if (spec.family === 'mobilenet-v2') {
    const width = spec.widthMultiplier;
    if (!(typeof width === 'number' && width >= 0.1 && width <= 2)) problems.push('widthMultiplier must be a number from 0.1 to 2');
    checkOptionalInt(spec.stages, 'stages', 1, 7, problems);
    checkOptionalInt(spec.lastConvFilters, 'lastConvFilters', 1, 4096, problems);
  } else if (spec.family === 'resnet-small') {
    checkIntList(spec.blocksPerStage, 'blocksPerStage', 1, 8, problems);
    checkInt(spec.baseFilters, 'baseFilters', 1, 512, problems);
  } else {
    problems.push(`the per-frame backbone must be 'mobilenet-v2' or 'resnet-small', not ${JSON.stringify(spec.family)}`);
  }
}

function checkHead(value: unknown, problems: string[]): void {
  const head = asRecord(value, 'head', problems);
  if (!head) return;
  if (head.task === 'classification') {
    checkInt(head.classes, 'head.classes', 1, 10_000, problems);
    if (head.activation !== 'softmax' && head.activation !== 'sigmoid') problems.push(`head.activation must be 'softmax' or 'sigmoid'`);
    if (head.activation === 'softmax' && head.classes === 1) problems.push('a softmax head needs at least 2 classes; use sigmoid for one binary output');
  } else if (head.task === 'regression') {
    checkInt(head.outputs, 'head.outputs', 1, 10_000, problems);
  } else {
    problems.push(`head.task must be 'classification' or 'regression', not ${JSON.stringify(head.task)}`);
  }
}

function checkShape(value: unknown, rank: number, problems: string[]): void {
  if (!Array.isArray(value) || value.length !== rank || !value.every((d) => Number.isInteger(d) && d >= 1 && d <= 4096)) {
    problems.push(`input must be ${rank} positive whole numbers (${rank === 3 ? '[height, width, channels]' : '[frames or depth, height, width, channels]'})`);
  }
}

function checkInt(value: unknown, name: string, min: number, max: number, problems: string[]): void {
  if (!(Number.isInteger(value) && (value as number) >= min && (value as number) <= max)) {
    problems.push(`${name} must be a whole number from ${min} to ${max}`);
  }
}

function checkOptionalInt(value: unknown, name: string, min: number, max: number, problems: string[]): void {
  if (value !== undefined) checkInt(value, name, min, max, problems);
}

function checkIntList(value: unknown, name: string, min: number, max: number, problems: string[]): void {
  if (!Array.isArray(value) || value.length < 1 || value.length > 6 || !value.every((v) => Number.isInteger(v) && v >= min && v <= max)) {
    problems.push(`${name} must list 1 to 6 whole numbers from ${min} to ${max}`);
  }
}

function asRecord(value: unknown, what: string, problems: string[]): Record<string, unknown> | undefined {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  problems.push(`${what} must be a JSON object`);
  return undefined;
}

function invalid(problems: string[]): EnclaveError {
  return new EnclaveError('InvalidInputError', `The model settings are not valid: ${problems.join('; ')}.`);
}
