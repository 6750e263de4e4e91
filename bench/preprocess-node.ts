/**
 * Preprocessing benchmark: the 112×112 echo-clip recipe (ECHO_CLIP_112: grayscale, resample to
 * 25 fps, 32 frames, crop the sector, resize 112×112 with padding, z-score) on synthetic echo
 * clips, on the tfjs cpu backend in Node.
 *
 *   npx tsx bench/preprocess-node.ts [--frames 80] [--fps 50] [--rows 600] [--columns 800] [--rgb] [--clips 5]
 *
 * Each clip is a fan-shaped sector of moving speckle on a black screen with a static text
 * band, described by an ultrasound region, as a scanner writes it. Prints input frames/s
 * (source frames consumed) and output frames/s (32-frame clips produced); no pass/fail.
 */
import * as tf from '@tensorflow/tfjs';
import { ECHO_CLIP_112 } from '../src/lib/preprocess/recipe';
import { runRecipe, type ScanInput } from '../src/lib/preprocess/run';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const FRAMES = option('--frames', 80);
const FPS = option('--fps', 50);
const ROWS = option('--rows', 600);
const COLUMNS = option('--columns', 800);
const CLIPS = option('--clips', 5);
const SAMPLES = args.includes('--rgb') ? 3 : 1;

/** A deterministic echo-like clip: sector of speckle that drifts frame to frame. */
function syntheticEcho(seed: number): ScanInput {
  const apexX = COLUMNS / 2;
  const apexY = Math.round(ROWS * 0.08);
  const radius = ROWS * 0.85;
  const halfAngle = (40 * Math.PI) / 180;
  let state = seed * 2654435761 >>> 0;
  const random = (): number => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const speckle = Float32Array.from({ length: 4096 }, () => 40 + 180 * random());
  const frameLength = ROWS * COLUMNS * SAMPLES;
  const data = Array.from({ length: FRAMES }, (_, t) => {
    const frame = new Float32Array(frameLength);
    for (let y = 0; y < ROWS; y++) {
      for (let x = 0; x < COLUMNS; x++) {
        const dx = x - apexX;
        const dy = y - apexY;
        const inFan = dy > 0 && Math.hypot(dx, dy) < radius && Math.abs(Math.atan2(dx, dy)) < halfAngle;
        const inText = y < apexY && x < COLUMNS / 3;
        const value = inFan ? speckle[(x * 31 + y * 17 + t * 7) & 4095]! : inText ? 235 : 0;
        frame.fill(value, (y * COLUMNS + x) * SAMPLES, (y * COLUMNS + x + 1) * SAMPLES);
      }
    }
    return frame;
  });
  const x0 = Math.max(0, Math.floor(apexX - radius * Math.sin(halfAngle)));
  return {
    data, shape: [FRAMES, ROWS, COLUMNS, SAMPLES], photometric: SAMPLES === 3 ? 'RGB' : 'MONOCHROME2', frameRateFps: FPS,
    ultrasoundRegions: [{ x0, y0: apexY, x1: Math.min(COLUMNS - 1, COLUMNS - x0), y1: Math.min(ROWS - 1, Math.ceil(apexY + radius)), spatialFormat: 1 }],
    pixelSpacingMm: [0.3, 0.3],
  };
}

async function main(): Promise<void> {
  await tf.setBackend('cpu');
  await tf.ready();
  console.log(`ECHO_CLIP_112 on tfjs ${tf.version.tfjs}, backend ${tf.getBackend()}: ${CLIPS} clips of ${FRAMES} frames ${ROWS}×${COLUMNS}×${SAMPLES} at ${FPS} fps`);
  const clips = Array.from({ length: CLIPS }, (_, i) => syntheticEcho(i + 1));
  const warm = await runRecipe(clips[0]!, ECHO_CLIP_112);
  console.log(`  output ${warm.shape.join('×')}; steps: ${warm.steps.map((s) => `${s.op} ${s.shape.join('×')}`).join(' → ')}`);
  const baseline = tf.memory().numTensors;
  const seconds: number[] = [];
  let outputFrames = 0;
  for (const clip of clips) {
    const started = performance.now();
    const result = await runRecipe(clip, ECHO_CLIP_112);
    seconds.push((performance.now() - started) / 1000);
    outputFrames += result.shape[0]!;
  }
  const total = seconds.reduce((a, b) => a + b, 0);
  const sorted = [...seconds].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  console.log(`  per clip: median ${(median * 1000).toFixed(0)} ms, best ${(sorted[0]! * 1000).toFixed(0)} ms`);
  console.log(`  input frames/s:  ${((CLIPS * FRAMES) / total).toFixed(1)}`);
  console.log(`  output frames/s: ${(outputFrames / total).toFixed(1)} (${(CLIPS / total).toFixed(2)} clips/s)`);
  console.log(`  tensors alive after the runs: ${tf.memory().numTensors} (baseline ${baseline})`);
}

void main();
