/**
 * Resizing frames, keeping the aspect ratio (pad) or not (stretch).
 *
 * The sampling convention is pinned to half-pixel centres (tf.image.resizeBilinear with
 * alignCorners false and halfPixelCenters true, the convention of OpenCV INTER_LINEAR, PIL,
 * torchvision and scipy.ndimage.zoom with grid_mode=True): output pixel i samples the input at
 * (i + 0.5) · in/out − 0.5, clamped to the edge pixels. There is no antialiasing filter, so a
 * large reduction (more than 2× per axis) aliases fine speckle; crop before resizing to keep
 * the reduction small.
 */
import * as tf from '@tensorflow/tfjs';

export interface ResizeGeometry {
  /** Size of the resampled picture inside the output. */
  scaledHeight: number;
  scaledWidth: number;
  /** Padding around it: the odd pixel goes to the bottom and the right. */
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export function resizeGeometry(rows: number, columns: number, height: number, width: number, mode: 'pad' | 'stretch'): ResizeGeometry {
  if (mode === 'stretch') return { scaledHeight: height, scaledWidth: width, top: 0, bottom: 0, left: 0, right: 0 };
  const scale = Math.min(height / rows, width / columns);
  // The limiting axis fills the output exactly; the other rounds to the nearest pixel.
  const scaledHeight = Math.min(height, Math.max(1, Math.round(rows * scale)));
  const scaledWidth = Math.min(width, Math.max(1, Math.round(columns * scale)));
  const top = Math.floor((height - scaledHeight) / 2);
  const left = Math.floor((width - scaledWidth) / 2);
  return { scaledHeight, scaledWidth, top, left, bottom: height - scaledHeight - top, right: width - scaledWidth - left };
}

export function resizeFrames(
  x: tf.Tensor4D,
  geometry: ResizeGeometry,
  interpolation: 'bilinear' | 'nearest' = 'bilinear',
  padValue = 0,
): tf.Tensor4D {
  return tf.tidy(() => {
    const size: [number, number] = [geometry.scaledHeight, geometry.scaledWidth];
    const unchanged = size[0] === x.shape[1] && size[1] === x.shape[2];
    const scaled = unchanged
      ? x
      : interpolation === 'nearest'
        ? tf.image.resizeNearestNeighbor(x, size, false, true)
        : tf.image.resizeBilinear(x, size, false, true);
    return padFrames(scaled, geometry, padValue);
  });
}

export function padFrames(x: tf.Tensor4D, p: Pick<ResizeGeometry, 'top' | 'bottom' | 'left' | 'right'>, value = 0): tf.Tensor4D {
  if (p.top === 0 && p.bottom === 0 && p.left === 0 && p.right === 0) return tf.clone(x);
  return tf.pad(x, [[0, 0], [p.top, p.bottom], [p.left, p.right], [0, 0]], value);
}
