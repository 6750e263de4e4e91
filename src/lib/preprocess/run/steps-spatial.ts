/**
 * The spatial steps on a ScanState: resize, centre crop, sector crop, ROI crop. Each keeps
 * the pixel spacing and the ultrasound regions true to the new frame.
 */
import type * as tf from '@tensorflow/tfjs';
import { cropRegions, scaleRegions } from '../spatial/boxes';
import { centreCrop, centreCropGeometry, cropFrames } from '../spatial/crop';
import { resizeFrames, resizeGeometry } from '../spatial/resize';
import { boxOfMask, sectorBoxFromRegions, sectorMask } from '../spatial/sector';
import type { CentreCropStep, CropRoiStep, CropSectorStep, ResizeStep } from '../recipe/types';
import type { PixelBox } from './scan-input';
import type { ScanState, StepResult } from './state';
import { stepError, type StepContext } from './step-error';

function size(state: ScanState): { frames: number; rows: number; columns: number } {
  const [frames, rows, columns] = state.tensor.shape;
  return { frames, rows, columns };
}

export function resizeStep(state: ScanState, step: ResizeStep): StepResult {
  const { rows, columns } = size(state);
  const g = resizeGeometry(rows, columns, step.height, step.width, step.mode ?? 'pad');
  const tensor = resizeFrames(state.tensor, g, step.interpolation ?? 'bilinear', step.padValue ?? 0);
  const scaleY = g.scaledHeight / rows;
  const scaleX = g.scaledWidth / columns;
  const result: StepResult = { tensor, regions: scaleRegions(state.regions, scaleY, scaleX, g.top, g.left) };
  if (state.pixelSpacingMm) {
    result.pixelSpacingMm = [(state.pixelSpacingMm[0] * rows) / g.scaledHeight, (state.pixelSpacingMm[1] * columns) / g.scaledWidth];
  }
  return result;
}

export function centreCropStep(state: ScanState, step: CentreCropStep): StepResult {
  const { rows, columns } = size(state);
  const g = centreCropGeometry(rows, columns, step.height, step.width);
  return {
    tensor: centreCrop(state.tensor, g, step.padValue ?? 0),
    regions: scaleRegions(cropRegions(state.regions, g.box), 1, 1, g.top, g.left),
  };
}

export async function cropSectorStep(state: ScanState, step: CropSectorStep, context: StepContext): Promise<StepResult> {
  const { frames, rows, columns } = size(state);
  const from = step.from ?? 'auto';
  let box: PixelBox | undefined;
  let note: string;
  if (from !== 'pixels') box = sectorBoxFromRegions(state.regions, rows, columns);
  if (box) {
    note = 'sector from the ultrasound regions';
  } else {
    if (from === 'regions') throw stepError(context, 'this scan has no ultrasound regions inside the image; use from "auto" or "pixels".');
    const pixels = step.pixels ?? 'non-zero';
    const minFraction = step.minFraction ?? 0.5;
    if (pixels === 'changing' && frames < 2) throw stepError(context, 'finding the pixels that change needs at least 2 frames; this scan has 1.');
    const mask = sectorMask(state.tensor, pixels, minFraction);
    try {
      box = await boxOfMask(mask);
    } finally {
      mask.dispose();
    }
    if (!box) throw stepError(context, `no pixel is ${pixels} in at least ${minFraction * 100}% of the frames; this scan shows no sector.`);
    note = `sector from the ${pixels} pixels`;
  }
  return { ...cropTo(state, box), note: `${note}: x ${box.x0}–${box.x1}, y ${box.y0}–${box.y1}` };
}

export function cropRoiStep(state: ScanState, step: CropRoiStep, context: StepContext): StepResult {
  const { rows, columns } = size(state);
  let box: PixelBox;
  if (step.units === 'fraction') {
    const x0 = Math.min(columns - 1, Math.round(step.x * columns));
    const y0 = Math.min(rows - 1, Math.round(step.y * rows));
    box = {
      x0, y0,
      x1: Math.min(columns - 1, x0 + Math.max(1, Math.round(step.width * columns)) - 1),
      y1: Math.min(rows - 1, y0 + Math.max(1, Math.round(step.height * rows)) - 1),
    };
  } else {
    box = { x0: step.x, y0: step.y, x1: step.x + step.width - 1, y1: step.y + step.height - 1 };
    if (box.x1 >= columns || box.y1 >= rows) {
      throw stepError(context, `the ROI (x ${box.x0}–${box.x1}, y ${box.y0}–${box.y1}) falls outside this ${rows}×${columns} image; use fractions or a smaller ROI.`);
    }
  }
  return cropTo(state, box);
}

function cropTo(state: ScanState, box: PixelBox): StepResult & { tensor: tf.Tensor4D } {
  return { tensor: cropFrames(state.tensor, box), regions: cropRegions(state.regions, box) };
}
