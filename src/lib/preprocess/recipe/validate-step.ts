/**
 * One step of a recipe, from untrusted JSON to a RecipeStep with only known, checked fields.
 */
import { defined, FieldReader, isPlainObject, recipeError, describeValue } from './fields';
import { STEP_OPS, type RecipeStep, type StepOp, type WindowFunction } from './types';
import { voiPresetNames } from './voi-presets';

const WINDOW_FUNCTIONS: readonly WindowFunction[] = ['LINEAR', 'LINEAR_EXACT', 'SIGMOID'];
const LINEAR_OR_NEAREST = ['linear', 'nearest'] as const;

/** `index` is 0-based; messages count steps from 1, as a person reads the list. */
export function validateStep(json: unknown, index: number): RecipeStep {
  const number = index + 1;
  if (!isPlainObject(json)) throw recipeError(`Step ${number} must be an object with an "op" field, not ${describeValue(json)}.`);
  const op = json['op'];
  if (typeof op !== 'string' || !(STEP_OPS as readonly string[]).includes(op)) {
    throw recipeError(`Step ${number}: op must be one of ${STEP_OPS.join(', ')}, not ${describeValue(op)}.`);
  }
  const f: FieldReader = new FieldReader(json, `Step ${number} (${op})`);
  return readStep(op as StepOp, f);
}

function readStep(op: StepOp, f: FieldReader): RecipeStep {
  switch (op) {
    case 'modality-lut':
      f.onlyFields(['op']);
      return { op };
    case 'voi':
      return readVoi(f);
    case 'normalise':
      return readNormalise(f);
    case 'photometric':
      f.onlyFields(['op', 'to']);
      return { op, to: f.choice('to', ['grayscale', 'rgb']) };
    case 'resize':
      f.onlyFields(['op', 'height', 'width', 'mode', 'padValue', 'interpolation']);
      return defined({
        op, height: f.positiveInteger('height'), width: f.positiveInteger('width'),
        mode: f.optionalChoice('mode', ['pad', 'stretch']),
        padValue: f.optionalNumber('padValue', () => true, 'a number'),
        interpolation: f.optionalChoice('interpolation', ['bilinear', 'nearest']),
      });
    case 'centre-crop':
      f.onlyFields(['op', 'height', 'width', 'padValue']);
      return defined({
        op, height: f.positiveInteger('height'), width: f.positiveInteger('width'),
        padValue: f.optionalNumber('padValue', () => true, 'a number'),
      });
    case 'crop-sector':
      f.onlyFields(['op', 'from', 'pixels', 'minFraction']);
      return defined({
        op, from: f.optionalChoice('from', ['auto', 'regions', 'pixels']),
        pixels: f.optionalChoice('pixels', ['non-zero', 'changing']),
        minFraction: f.optionalNumber('minFraction', (v) => v > 0 && v <= 1, 'a fraction above 0 and at most 1'),
      });
    case 'crop-roi':
      return readRoi(f);
    case 'resample-spacing':
      return readSpacing(f);
    case 'fixed-slices':
      f.onlyFields(['op', 'count', 'interpolation']);
      return defined({ op, count: f.positiveInteger('count', 4096), interpolation: f.optionalChoice('interpolation', LINEAR_OR_NEAREST) });
    case 'resample-fps':
      f.onlyFields(['op', 'fps', 'interpolation']);
      return defined({
        op, fps: f.number('fps', (v) => v > 0 && v <= 10_000, 'a frame rate above 0 and at most 10000'),
        interpolation: f.optionalChoice('interpolation', LINEAR_OR_NEAREST),
      });
    case 'clip-length':
      f.onlyFields(['op', 'frames', 'mode', 'padWith']);
      return defined({
        op, frames: f.positiveInteger('frames', 4096), mode: f.choice('mode', ['sample', 'loop', 'pad']),
        padWith: f.optionalChoice('padWith', ['zeros', 'last']),
      });
  }
}

function readVoi(f: FieldReader): RecipeStep {
  const source = f.choice('source', ['file', 'preset', 'percentile']);
  if (source === 'file') {
    f.onlyFields(['op', 'source', 'windowIndex']);
    return defined({ op: 'voi', source, windowIndex: f.optionalNumber('windowIndex', (v) => Number.isInteger(v) && v >= 0, 'a whole number from 0') });
  }
  if (source === 'percentile') {
    f.onlyFields(['op', 'source', 'low', 'high']);
    const [low, high] = percentilePair(f);
    return { op: 'voi', source, low, high };
  }
  f.onlyFields(['op', 'source', 'preset', 'center', 'width', 'function']);
  const fn = f.optionalChoice('function', WINDOW_FUNCTIONS);
  if (f.has('preset')) {
    if (f.has('center') || f.has('width')) throw f.error(`give either a preset or a center and width, not both.`);
    const preset = f.choice('preset', voiPresetNames());
    return defined({ op: 'voi', source, preset, function: fn });
  }
  if (!f.has('center') && !f.has('width')) {
    throw f.error(`a preset window needs a preset name (${voiPresetNames().join(', ')}) or a center and width.`);
  }
  const center = f.number('center', () => true, 'a number');
  const width = f.number('width', (v) => v >= 1 || (fn !== undefined && fn !== 'LINEAR' && v > 0), 'a number of at least 1');
  return defined({ op: 'voi', source, center, width, function: fn });
}

function readNormalise(f: FieldReader): RecipeStep {
  const method = f.choice('method', ['min-max', 'z-score', 'percentile-clip']);
  if (method === 'min-max') {
    f.onlyFields(['op', 'method']);
    return { op: 'normalise', method };
  }
  if (method === 'z-score') {
    f.onlyFields(['op', 'method', 'per']);
    return defined({ op: 'normalise', method, per: f.optionalChoice('per', ['scan', 'channel']) });
  }
  f.onlyFields(['op', 'method', 'low', 'high']);
  const [low, high] = percentilePair(f);
  return { op: 'normalise', method, low, high };
}

function readRoi(f: FieldReader): RecipeStep {
  f.onlyFields(['op', 'x', 'y', 'width', 'height', 'units']);
  const units = f.optionalChoice('units', ['pixels', 'fraction']) ?? 'pixels';
  if (units === 'pixels') {
    const origin = (field: string): number => f.number(field, (v) => Number.isInteger(v) && v >= 0, 'a whole number of pixels from 0');
    return { op: 'crop-roi', x: origin('x'), y: origin('y'), width: f.positiveInteger('width'), height: f.positiveInteger('height'), units };
  }
  const start = (field: string): number => f.number(field, (v) => v >= 0 && v < 1, 'a fraction from 0 to below 1');
  const size = (field: string): number => f.number(field, (v) => v > 0 && v <= 1, 'a fraction above 0 and at most 1');
  const roi = { op: 'crop-roi' as const, x: start('x'), y: start('y'), width: size('width'), height: size('height'), units };
  if (roi.x + roi.width > 1 + 1e-9) throw f.error(`x + width must be at most 1, not ${roi.x + roi.width}.`);
  if (roi.y + roi.height > 1 + 1e-9) throw f.error(`y + height must be at most 1, not ${roi.y + roi.height}.`);
  return roi;
}

function readSpacing(f: FieldReader): RecipeStep {
  f.onlyFields(['op', 'spacingMm', 'interpolation']);
  const raw = f.raw('spacingMm');
  const ok = Array.isArray(raw) && raw.length === 3
    && raw.every((v) => v === null || (typeof v === 'number' && Number.isFinite(v) && v > 0));
  if (!ok) f.fail('spacingMm', 'a list of three spacings [z, y, x] in mm, each a positive number or null (keep)');
  const spacingMm = raw as [number | null, number | null, number | null];
  if (spacingMm.every((v) => v === null)) throw f.error(`spacingMm keeps every axis; give at least one spacing.`);
  return defined({ op: 'resample-spacing', spacingMm: [...spacingMm] as typeof spacingMm, interpolation: f.optionalChoice('interpolation', LINEAR_OR_NEAREST) });
}

function percentilePair(f: FieldReader): [number, number] {
  const low = f.percentile('low');
  const high = f.percentile('high');
  if (low >= high) throw f.error(`low (${low}) must be below high (${high}).`);
  return [low, high];
}
