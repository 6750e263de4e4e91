import { CanvasSink } from 'mediabunny';
import { EnclaveError, throwIfCancelled } from '../jobs';
import type { ImportSource } from './import-source';
import { openVideoInput } from './video';

/**
 * Pixel decoding of stills and video frames needs the browser: createImageBitmap and
 * OffscreenCanvas for PNG/JPEG, WebCodecs (through mediabunny) for H.264/VP8/VP9/AV1. The
 * worker passes these capabilities in (usually `detectFrameDecoders()`); in Node they are
 * absent and decoding says so with an UnsupportedFileError, while everything else in ingest
 * (sniffing, headers, container metadata) still runs.
 */
export interface RgbaFrame {
  index: number;
  width: number;
  height: number;
  /** width × height × 4, row-major RGBA, 8 bits per sample (16-bit PNGs are reduced by the canvas). */
  data: Uint8ClampedArray;
  timestampSeconds?: number;
}

export interface VideoDecodeOptions {
  signal?: AbortSignal;
  startSeconds?: number;
  endSeconds?: number;
}

export interface FrameDecoders {
  decodeStill?(blob: Blob): Promise<RgbaFrame>;
  decodeVideo?(source: ImportSource, options?: VideoDecodeOptions): AsyncIterable<RgbaFrame>;
}

/** The globals the browser decoders use; a parameter so tests can pass a fake scope. */
interface DecoderScope {
  createImageBitmap?: unknown;
  OffscreenCanvas?: unknown;
  VideoDecoder?: unknown;
}

function context2d(width: number, height: number): OffscreenCanvasRenderingContext2D {
  const context = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
  if (!context) throw new EnclaveError('UnsupportedFileError', 'This browser gives no 2-D canvas in a worker, so images cannot be decoded.');
  return context;
}

async function decodeStillInBrowser(blob: Blob): Promise<RgbaFrame> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob, { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
  } catch (error) {
    throw new EnclaveError('UnsupportedFileError', `The browser could not decode this image (${(error as Error).message}).`, { cause: error });
  }
  try {
    const context = context2d(bitmap.width, bitmap.height);
    context.drawImage(bitmap, 0, 0);
    const image = context.getImageData(0, 0, bitmap.width, bitmap.height);
    return { index: 0, width: image.width, height: image.height, data: image.data };
  } finally {
    bitmap.close();
  }
}

async function* decodeVideoInBrowser(source: ImportSource, options: VideoDecodeOptions = {}): AsyncGenerator<RgbaFrame> {
  const input = openVideoInput(source);
  try {
    const track = await input.getPrimaryVideoTrack();
    if (!track) throw new EnclaveError('UnsupportedFileError', `${source.path} has no video track.`);
    if (!(await track.canDecode())) {
      throw new EnclaveError('UnsupportedFileError', `This browser cannot decode ${track.codec ?? 'this'} video (${source.path}); convert it to H.264 or VP9.`);
    }
    // Two pooled canvases: each frame's pixels are copied out before the next one is drawn.
    const sink = new CanvasSink(track, { poolSize: 2 });
    let index = 0;
    for await (const wrapped of sink.canvases(options.startSeconds, options.endSeconds)) {
      throwIfCancelled(options.signal, 'Decoding the video');
      const canvas = wrapped.canvas as OffscreenCanvas; // always offscreen in a worker
      const context = canvas.getContext('2d', { willReadFrequently: true });
      if (!context) throw new EnclaveError('UnsupportedFileError', 'This browser gives no 2-D canvas in a worker, so video frames cannot be read.');
      const image = context.getImageData(0, 0, canvas.width, canvas.height);
      yield { index: index++, width: image.width, height: image.height, data: image.data, timestampSeconds: wrapped.timestamp };
    }
  } finally {
    input.dispose();
  }
}

/** The decoders this environment can offer: both in a modern browser worker, none in Node. */
export function detectFrameDecoders(scope: DecoderScope = globalThis as DecoderScope): FrameDecoders {
  const canvas = typeof scope.OffscreenCanvas === 'function';
  return {
    ...(canvas && typeof scope.createImageBitmap === 'function' ? { decodeStill: decodeStillInBrowser } : {}),
    ...(canvas && typeof scope.VideoDecoder === 'function' ? { decodeVideo: decodeVideoInBrowser } : {}),
  };
}

/** Decodes a PNG/JPEG source with the injected decoder; zip entries are read into a Blob first (stills are small). */
export async function decodeStill(source: ImportSource, decoders: FrameDecoders): Promise<RgbaFrame> {
  if (!decoders.decodeStill) {
    throw new EnclaveError('UnsupportedFileError', 'Decoding PNG and JPEG images needs a browser (createImageBitmap and OffscreenCanvas); this environment has neither.');
  }
  const blob = source.blob ?? new Blob([(await source.open().read(0, source.size)) as BlobPart]);
  return decoders.decodeStill(blob);
}

export function decodeVideo(source: ImportSource, decoders: FrameDecoders, options?: VideoDecodeOptions): AsyncIterable<RgbaFrame> {
  if (!decoders.decodeVideo) {
    throw new EnclaveError('UnsupportedFileError', 'Decoding video frames needs a browser with WebCodecs (VideoDecoder); this environment has none.');
  }
  return decoders.decodeVideo(source, options);
}
