import { describe, expect, it } from 'vitest';
import {
  BUILTIN_RECIPES, ECHO_CLIP_112, validateRecipe, type PreprocessRecipe,
} from '../../../../src/lib/preprocess/recipe';

const base = (steps: unknown[], kind = 'image'): unknown => ({ version: 1, kind, steps, output: { channels: 1 } });

function messageOf(json: unknown): string {
  try {
    validateRecipe(json);
  } catch (error) {
    expect((error as Error).name).toBe('RecipeError');
    return (error as Error).message;
  }
  throw new Error('expected a RecipeError');
}

describe('validateRecipe', () => {
  it('accepts every built-in recipe unchanged, through JSON', () => {
    for (const recipe of BUILTIN_RECIPES) {
      expect(validateRecipe(JSON.parse(JSON.stringify(recipe)))).toEqual(recipe);
    }
  });

  it('returns a clean copy without undefined fields', () => {
    const recipe = validateRecipe(base([{ op: 'resize', height: 8, width: 8 }]));
    expect(JSON.stringify(recipe)).toBe('{"version":1,"kind":"image","steps":[{"op":"resize","height":8,"width":8}],"output":{"channels":1}}');
  });

  it('names the step (from 1) and the field', () => {
    expect(messageOf(base([{ op: 'modality-lut' }, { op: 'voi', source: 'file' }, { op: 'resize', height: 4, width: -4 }])))
      .toBe('Step 3 (resize): width must be a positive whole number (at most 65536), not -4.');
    expect(messageOf(base([{ op: 'resize', height: 2.5, width: 4 }])))
      .toBe('Step 1 (resize): height must be a positive whole number (at most 65536), not 2.5.');
    expect(messageOf(base([{ op: 'blur' }])))
      .toBe('Step 1: op must be one of modality-lut, voi, normalise, photometric, resize, centre-crop, crop-sector, crop-roi, resample-spacing, fixed-slices, resample-fps, clip-length, not "blur".');
    expect(messageOf(base([{ op: 'resize', height: 4, widht: 4 }])))
      .toBe('Step 1 (resize): unknown field "widht"; the fields are op, height, width, mode, padValue, interpolation.');
    expect(messageOf(base([{ op: 'voi', source: 'preset', preset: 'ct-heart' }])))
      .toBe('Step 1 (voi): preset must be one of "ct-brain", "ct-stroke", "ct-subdural", "ct-soft-tissue", "ct-mediastinum", "ct-liver", "ct-lung", "ct-bone", not "ct-heart".');
    expect(messageOf(base([{ op: 'voi', source: 'percentile', low: 99, high: 1 }])))
      .toBe('Step 1 (voi): low (99) must be below high (1).');
    expect(messageOf(base([{ op: 'normalise', method: 'z-score', per: 'frame' }])))
      .toBe('Step 1 (normalise): per must be one of "scan", "channel", not "frame".');
    expect(messageOf(base([{ op: 'crop-roi', x: 0.5, y: 0, width: 0.6, height: 1, units: 'fraction' }])))
      .toBe('Step 1 (crop-roi): x + width must be at most 1, not 1.1.');
    expect(messageOf(base([{ op: 'resample-spacing', spacingMm: [1, 1] }], 'volume')))
      .toBe('Step 1 (resample-spacing): spacingMm must be a list of three spacings [z, y, x] in mm, each a positive number or null (keep), not a list of 2.');
    expect(messageOf(base(['resize']))).toBe('Step 1 must be an object with an "op" field, not "resize".');
  });

  it('checks the recipe itself', () => {
    expect(messageOf({ version: 2, kind: 'image', steps: [], output: { channels: 1 } }))
      .toBe('The recipe: version must be 1 (this version of Enclave reads recipe version 1 only), not 2.');
    expect(messageOf({ version: 1, kind: 'video', steps: [], output: { channels: 1 } }))
      .toBe('The recipe: kind must be one of "image", "cine", "volume", not "video".');
    expect(messageOf({ version: 1, kind: 'image', steps: [], output: { channels: 2 } }))
      .toBe('The recipe output: channels must be 1 or 3, not 2.');
    expect(messageOf({ version: 1, kind: 'image', steps: {}, output: { channels: 1 } }))
      .toBe('The recipe: steps must be a list of steps, not an object.');
    expect(messageOf(null)).toBe('A recipe must be a JSON object, not null.');
  });

  it('refuses steps for another kind of scan and steps out of order', () => {
    expect(messageOf(base([{ op: 'resample-fps', fps: 25 }], 'image')))
      .toBe('Step 1 (resample-fps): this step is for cine recipes; this recipe is for image scans.');
    expect(messageOf(base([{ op: 'fixed-slices', count: 8 }], 'cine')))
      .toBe('Step 1 (fixed-slices): this step is for volume recipes; this recipe is for cine scans.');
    expect(messageOf(base([{ op: 'normalise', method: 'min-max' }, { op: 'modality-lut' }])))
      .toBe('Step 2 (modality-lut): must come before step 1 (normalise), which works on modality values.');
    expect(messageOf(base([{ op: 'normalise', method: 'z-score' }, { op: 'voi', source: 'file' }])))
      .toBe("Step 2 (voi): must come before step 1 (normalise), because a window is given in the scan's own units.");
    expect(messageOf(base([{ op: 'clip-length', frames: 8, mode: 'loop' }, { op: 'resample-fps', fps: 10 }], 'cine')))
      .toBe('Step 2 (resample-fps): must come before step 1 (clip-length), because the clip length counts frames at the target rate.');
    expect(messageOf(base([{ op: 'voi', source: 'file' }, { op: 'voi', source: 'file' }])))
      .toBe('Step 2 (voi): a recipe may have one voi step; step 1 is one already.');
  });

  it('accepts a full echo recipe with every optional field', () => {
    const recipe: PreprocessRecipe = {
      ...ECHO_CLIP_112,
      steps: [
        { op: 'crop-sector', from: 'pixels', pixels: 'changing', minFraction: 0.25 },
        { op: 'crop-roi', x: 0.1, y: 0, width: 0.8, height: 1, units: 'fraction' },
        { op: 'centre-crop', height: 100, width: 100, padValue: -1 },
        { op: 'voi', source: 'preset', center: 40, width: 400, function: 'LINEAR_EXACT' },
        { op: 'normalise', method: 'percentile-clip', low: 1, high: 99 },
      ],
    };
    expect(validateRecipe(recipe)).toEqual(recipe);
  });
});
