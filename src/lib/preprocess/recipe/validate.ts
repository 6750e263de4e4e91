/**
 * validateRecipe: untrusted JSON (a saved dataset, a file a person picked) to a PreprocessRecipe,
 * or a RecipeError naming the step (counted from 1) and the field, e.g.
 * "Step 3 (resize): width must be a positive whole number (at most 65536), not -4."
 */
import { defined, FieldReader, isPlainObject, recipeError, describeValue } from './fields';
import { RECIPE_VERSION, STEP_KINDS, type PreprocessRecipe, type RecipeStep, type ScanKind } from './types';
import { validateStep } from './validate-step';

const KINDS: readonly ScanKind[] = ['image', 'cine', 'volume'];
const MAX_STEPS = 64;

export function validateRecipe(json: unknown): PreprocessRecipe {
  if (!isPlainObject(json)) throw recipeError(`A recipe must be a JSON object, not ${describeValue(json)}.`);
  const f: FieldReader = new FieldReader(json, 'The recipe');
  f.onlyFields(['version', 'name', 'kind', 'steps', 'output']);
  if (json['version'] !== RECIPE_VERSION) {
    f.fail('version', `${RECIPE_VERSION} (this version of Enclave reads recipe version ${RECIPE_VERSION} only)`);
  }
  const name = f.has('name') ? f.string('name') : undefined;
  const kind = f.choice('kind', KINDS);
  const rawSteps = json['steps'];
  if (!Array.isArray(rawSteps)) f.fail('steps', 'a list of steps');
  if (rawSteps.length > MAX_STEPS) f.fail('steps', `a list of at most ${MAX_STEPS} steps`);
  const steps = rawSteps.map((step, i) => validateStep(step, i));
  checkOrder(steps, kind);
  const output = readOutput(json['output']);
  return defined({ version: RECIPE_VERSION, name, kind, steps, output });
}

function readOutput(json: unknown): PreprocessRecipe['output'] {
  if (!isPlainObject(json)) throw recipeError(`The recipe: output must be an object like {"channels": 1}, not ${describeValue(json)}.`);
  const f: FieldReader = new FieldReader(json, 'The recipe output');
  f.onlyFields(['channels', 'dtype']);
  const channels = f.number('channels', (v) => v === 1 || v === 3, '1 or 3') as 1 | 3;
  return defined({ channels, dtype: f.optionalChoice('dtype', ['float32', 'float16', 'uint8']) });
}

/**
 * Rules a step list must follow whatever the scan: a step for another kind of scan, intensity
 * steps before the modality LUT (whose units they assume), a window after a normalisation
 * (the window is in modality units), and a clip length before the frame-rate resampling.
 */
function checkOrder(steps: readonly RecipeStep[], kind: ScanKind): void {
  const seen = new Map<string, number>();
  steps.forEach((step, i) => {
    const where = `Step ${i + 1} (${step.op})`;
    const kinds = STEP_KINDS[step.op];
    if (kinds && !kinds.includes(kind)) {
      throw recipeError(`${where}: this step is for ${kinds.join(' or ')} recipes; this recipe is for ${kind} scans.`);
    }
    const once = ['modality-lut', 'voi', 'resample-fps', 'clip-length', 'fixed-slices'];
    if (once.includes(step.op) && seen.has(step.op)) {
      throw recipeError(`${where}: a recipe may have one ${step.op} step; step ${seen.get(step.op)! + 1} is one already.`);
    }
    const after = (op: string, reason: string): void => {
      const first = seen.get(op);
      if (first !== undefined) throw recipeError(`${where}: must come before step ${first + 1} (${op}), ${reason}.`);
    };
    if (step.op === 'modality-lut') {
      after('voi', 'which works on modality values');
      after('normalise', 'which works on modality values');
    }
    if (step.op === 'voi') after('normalise', 'because a window is given in the scan\'s own units');
    if (step.op === 'resample-fps') after('clip-length', 'because the clip length counts frames at the target rate');
    if (!seen.has(step.op)) seen.set(step.op, i);
  });
}
