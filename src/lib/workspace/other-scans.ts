import { decodeStill, decodeVideo, type FrameDecoders, type ImageImportItem, type NiftiImportItem, type RgbaFrame, type VideoImportItem } from '../ingest';
import { EnclaveError } from '../jobs';
import type { Viewable, ViewerFrame } from './viewables';

type OtherItem = NiftiImportItem | ImageImportItem | VideoImportItem;

/** Videos longer than this are shown up to here; a cine loop in research data is far shorter. */
export const MAX_VIDEO_FRAMES = 600;

/**
 * Scans that came as NIfTI, video or a still image. A video is decoded once, when first shown,
 * and kept only while it is the one being viewed: random access by seeking would re-decode from
 * the previous key frame for every frame of a cine loop.
 */
export class OtherScans {
  readonly #items = new Map<string, OtherItem>();
  #decodedVideo: { key: string; frames: RgbaFrame[] } | undefined;

  constructor(private readonly decoders: FrameDecoders = {}) {}

  add(item: OtherItem): void {
    this.#items.set(`${item.kind}:${item.path}`, item);
  }

  get(key: string): OtherItem | undefined {
    return this.#items.get(key);
  }

  viewables(): Viewable[] {
    return [...this.#items.entries()].map(([key, item]) => viewableOf(key, item));
  }

  async frame(item: OtherItem, index: number): Promise<ViewerFrame> {
    if (item.kind === 'nifti') {
      const stored = await item.volume.readFrame(index);
      const { slope, intercept } = item.volume.intensityScale;
      const values = Float32Array.from(stored as ArrayLike<number>, (v) => v * slope + intercept);
      return { kind: 'scalar', width: item.volume.width, height: item.volume.height, values };
    }
    if (item.kind === 'image') {
      const frame = await decodeStill(item.source, this.decoders);
      return { kind: 'rgba', width: frame.width, height: frame.height, rgba: frame.data };
    }
    const key = `${item.kind}:${item.path}`;
    if (this.#decodedVideo?.key !== key) {
      const frames: RgbaFrame[] = [];
      for await (const frame of decodeVideo(item.source, this.decoders)) {
        frames.push(frame);
        if (frames.length >= MAX_VIDEO_FRAMES) break;
      }
      this.#decodedVideo = { key, frames };
    }
    const frame = this.#decodedVideo.frames[index];
    if (!frame) throw new EnclaveError('InvalidInputError', `Frame ${index + 1} does not exist; this video decoded to ${this.#decodedVideo.frames.length} frames.`);
    return { kind: 'rgba', width: frame.width, height: frame.height, rgba: frame.data };
  }

  clear(): void {
    this.#items.clear();
    this.#decodedVideo = undefined;
  }
}

function viewableOf(key: string, item: OtherItem): Viewable {
  switch (item.kind) {
    case 'nifti':
      return { key, kind: 'nifti', label: `${item.path} (NIfTI ${item.volume.width}×${item.volume.height}×${item.volume.frames})`, frameCount: item.volume.frames, frameRate: null };
    case 'image':
      return { key, kind: 'image', label: `${item.path} (${item.still.format.toUpperCase()} ${item.still.width}×${item.still.height})`, frameCount: 1, frameRate: null };
    case 'video':
      return {
        key,
        kind: 'video',
        label: `${item.path} (${item.video.codec ?? 'video'} ${item.video.width}×${item.video.height})`,
        frameCount: Math.min(item.video.frameCount, MAX_VIDEO_FRAMES),
        frameRate: { fps: item.video.frameRate, source: 'container' },
      };
  }
}
