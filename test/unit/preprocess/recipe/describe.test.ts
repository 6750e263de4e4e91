import { describe, expect, it } from 'vitest';
import { describeRecipe, ECHO_CLIP_112, CT_SLICE_128 } from '../../../../src/lib/preprocess/recipe';

describe('describeRecipe', () => {
  it('says each built-in step in plain words', () => {
    expect(describeRecipe(ECHO_CLIP_112)).toEqual([
      'Grayscale (BT.601 luma)',
      'Resample to 25 fps (linear)',
      '32 frames (pad with zeros)',
      'Crop to the ultrasound sector (regions, else pixels)',
      'Resize to 112×112, aspect kept, padded with 0 (bilinear)',
      'Z-score over the scan',
      'Output: 1 channel',
    ]);
    expect(describeRecipe(CT_SLICE_128).slice(0, 2)).toEqual([
      'Modality LUT (rescale slope and intercept)',
      'Window ct-soft-tissue (centre 40, width 400) to 0–1',
    ]);
  });
});
