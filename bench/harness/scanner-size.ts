/**
 * A scanner-sized clip from a small synthetic one: the generated echo cines are 192×144 and one
 * beat long, while an acquired apical view is more like 800×600 over a few beats. Nearest-
 * neighbour upscaling and looping keep the content (sector, regions, timing) consistent.
 */
import type { ScanInput } from '../../src/lib/preprocess/run';

function framesOf(scan: ScanInput): Float32Array[] {
  if (Array.isArray(scan.data)) return scan.data;
  const [frames, rows, columns, samples] = scan.shape;
  const length = rows * columns * samples;
  return Array.from({ length: frames }, (_, i) => (scan.data as Float32Array).subarray(i * length, (i + 1) * length));
}

function upscaleFrame(frame: Float32Array, rows: number, columns: number, samples: number, factor: number): Float32Array {
  const outColumns = columns * factor;
  const out = new Float32Array(frame.length * factor * factor);
  for (let y = 0; y < rows * factor; y++) {
    const sourceRow = Math.floor(y / factor) * columns;
    for (let x = 0; x < outColumns; x++) {
      const from = (sourceRow + Math.floor(x / factor)) * samples;
      const to = (y * outColumns + x) * samples;
      for (let s = 0; s < samples; s++) out[to + s] = frame[from + s]!;
    }
  }
  return out;
}

/** Every frame `factor`× larger each way, the whole loop played `loops` times. */
export function scannerSized(scan: ScanInput, factor: number, loops: number): ScanInput {
  const [frames, rows, columns, samples] = scan.shape;
  const big = framesOf(scan).map((frame) => upscaleFrame(frame, rows, columns, samples, factor));
  const data = Array.from({ length: loops }, () => big).flat();
  let frameTimesMs: number[] | undefined;
  if (scan.frameTimesMs) {
    const times = scan.frameTimesMs;
    const step = times.length > 1 ? times[times.length - 1]! / (times.length - 1) : 1000 / (scan.frameRateFps ?? 30);
    const period = times[times.length - 1]! + step;
    frameTimesMs = Array.from({ length: loops }, (_, loop) => times.map((t) => t + loop * period)).flat();
  }
  return {
    ...scan,
    data,
    shape: [frames * loops, rows * factor, columns * factor, samples],
    frameTimesMs,
    pixelSpacingMm: scan.pixelSpacingMm ? [scan.pixelSpacingMm[0] / factor, scan.pixelSpacingMm[1] / factor] : undefined,
    ultrasoundRegions: scan.ultrasoundRegions?.map((r) => ({
      ...r, x0: r.x0 * factor, y0: r.y0 * factor, x1: r.x1 * factor + factor - 1, y1: r.y1 * factor + factor - 1,
    })),
  };
}
