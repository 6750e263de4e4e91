/**
 * A preprocessed cine clip as an H.264 MP4, through WebCodecs (mediabunny muxes it). WebCodecs
 * exists in browsers and their workers, not in Node, so this runs in the dataset worker only and
 * is tested end to end in Chromium with ffprobe reading the file.
 */
import { BufferTarget, canEncodeVideo, Mp4OutputFormat, Output, QUALITY_HIGH, VideoSample, VideoSampleSource } from 'mediabunny';
import { EnclaveError } from '../jobs';

export interface ClipTensor {
  data: Float32Array;
  /** [frames, rows, columns, channels], channels 1 or 3. */
  shape: readonly number[];
}

/**
 * Values map linearly from the clip's own min..max to 0..255 (a normalised clip has no fixed
 * range); odd sizes are padded by one black row or column, which H.264's 4:2:0 needs.
 */
export async function encodeClipMp4(clip: ClipTensor, fps: number): Promise<Uint8Array> {
  const [frames = 0, rows = 0, columns = 0, channels = 0] = clip.shape;
  if (clip.shape.length !== 4 || frames < 1 || (channels !== 1 && channels !== 3)) {
    throw new EnclaveError('InvalidInputError', `Only clips shaped [frames, rows, columns, 1 or 3] can become MP4, not [${clip.shape.join(', ')}].`);
  }
  if (!(fps > 0)) throw new EnclaveError('InvalidInputError', `An MP4 needs a positive frame rate, not ${fps}.`);
  const width = columns + (columns % 2);
  const height = rows + (rows % 2);
  if (!(await canEncodeVideo('avc', { width, height }))) {
    throw new EnclaveError('UnsupportedFileError', 'This browser cannot encode H.264 video (WebCodecs), so the clips cannot be exported as MP4; export them as .npy instead.');
  }
  const { low, scale } = byteScale(clip.data);
  const output = new Output({ format: new Mp4OutputFormat({ fastStart: 'in-memory' }), target: new BufferTarget() });
  const source = new VideoSampleSource({ codec: 'avc', quality: QUALITY_HIGH, keyFrameInterval: 1 });
  output.addVideoTrack(source, { frameRate: fps });
  await output.start();
  const rgbx = new Uint8Array(width * height * 4);
  for (let f = 0; f < frames; f++) {
    fillFrame(rgbx, clip.data, f, rows, columns, channels, width, low, scale);
    const sample = new VideoSample(rgbx, { format: 'RGBX', codedWidth: width, codedHeight: height, timestamp: f / fps, duration: 1 / fps });
    try {
      await source.add(sample);
    } finally {
      sample.close();
    }
  }
  await output.finalize();
  const buffer = output.target.buffer;
  if (!buffer) throw new EnclaveError('InvalidInputError', 'The MP4 encoder produced no file.');
  return new Uint8Array(buffer);
}

function byteScale(data: Float32Array): { low: number; scale: number } {
  let low = Infinity;
  let high = -Infinity;
  for (const v of data) {
    if (v < low) low = v;
    if (v > high) high = v;
  }
  return { low, scale: high > low ? 255 / (high - low) : 0 };
}

function fillFrame(
  out: Uint8Array, data: Float32Array, frame: number, rows: number, columns: number, channels: number,
  width: number, low: number, scale: number,
): void {
  out.fill(0);
  const frameOffset = frame * rows * columns * channels;
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < columns; x++) {
      const src = frameOffset + (y * columns + x) * channels;
      const dst = (y * width + x) * 4;
      for (let c = 0; c < 3; c++) {
        const value = data[src + (channels === 3 ? c : 0)] ?? low;
        out[dst + c] = Math.round((value - low) * scale);
      }
      out[dst + 3] = 255;
    }
  }
}
