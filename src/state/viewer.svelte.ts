import type { RenderedFrame, WindowChoice } from '../lib/dicom/pixels';
import type { HeaderRow } from '../lib/workspace/header-rows';
import { renderViewerFrame } from '../lib/workspace/render-viewer-frame';
import type { Viewable, ViewerFrame } from '../lib/workspace/viewables';
import type { ImportsState } from './imports.svelte';
import type { NoticesState } from './notices.svelte';

/** Window presets (centre/width) for CT, in HU; "file" and "auto" come from the frame itself. */
export const WINDOW_PRESETS: Record<string, WindowChoice> = {
  'CT brain': { center: 40, width: 80 },
  'CT abdomen': { center: 40, width: 400 },
  'CT lung': { center: -600, width: 1500 },
  'CT bone': { center: 400, width: 1800 },
};

const CACHE_FRAMES = 64;

/** The open scan, its frame, window/level, zoom/pan and cine playback. */
export class ViewerState {
  viewable = $state<Viewable | null>(null);
  index = $state(0);
  frame = $state.raw<ViewerFrame | null>(null);
  /** null: the file's own window (or min/max when it has none). */
  window = $state<WindowChoice | null>(null);
  zoom = $state(1);
  panX = $state(0);
  panY = $state(0);
  playing = $state(false);
  header = $state.raw<HeaderRow[]>([]);
  headerInstance = $state<string | null>(null);
  rendered = $derived<RenderedFrame | null>(this.frame ? renderViewerFrame(this.frame, this.window ?? undefined) : null);

  #cache = new Map<string, ViewerFrame>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #imports: ImportsState;
  #notices: NoticesState;
  #loading = 0;

  constructor(imports: ImportsState, notices: NoticesState) {
    this.#imports = imports;
    this.#notices = notices;
  }

  async open(viewable: Viewable): Promise<void> {
    this.stop();
    this.#cache.clear();
    this.viewable = viewable;
    this.window = null;
    this.zoom = 1;
    this.panX = this.panY = 0;
    await this.show(0);
  }

  async show(index: number): Promise<void> {
    const viewable = this.viewable;
    if (!viewable) return;
    const wrapped = ((index % viewable.frameCount) + viewable.frameCount) % viewable.frameCount;
    const ticket = ++this.#loading;
    try {
      const frame = await this.#load(viewable, wrapped);
      if (ticket !== this.#loading) return; // a newer request won
      this.index = wrapped;
      this.frame = frame;
      await this.#loadHeader(viewable, wrapped);
    } catch (error) {
      this.stop();
      this.#notices.error(error);
    }
  }

  step(delta: number): Promise<void> {
    return this.show(this.index + delta);
  }

  /** Drag: vertical moves the centre, horizontal the width, scaled to the current width. */
  adjustWindow(deltaCenter: number, deltaWidth: number): void {
    const current = this.window ?? this.rendered?.window;
    if (!current) return;
    const scale = Math.max(1, current.width / 256);
    this.window = { center: current.center - deltaCenter * scale, width: Math.max(1, current.width + deltaWidth * scale) };
  }

  play(): void {
    const rate = this.viewable?.frameRate?.fps;
    if (!this.viewable || this.viewable.frameCount < 2) return;
    this.playing = true;
    const interval = 1000 / (rate && rate > 0 ? rate : 10);
    const tick = async () => {
      if (!this.playing) return;
      const started = performance.now();
      await this.step(1);
      // Keep the file's own rate: the next frame is due one interval after this one began.
      this.#timer = setTimeout(tick, Math.max(0, interval - (performance.now() - started)));
    };
    void tick();
  }

  stop(): void {
    this.playing = false;
    clearTimeout(this.#timer);
  }

  async #load(viewable: Viewable, index: number): Promise<ViewerFrame> {
    const key = `${viewable.key}#${index}`;
    const cached = this.#cache.get(key);
    if (cached) return cached;
    const frame = await this.#imports.client.api.frame(viewable.key, index);
    if (this.#cache.size >= CACHE_FRAMES) this.#cache.delete(this.#cache.keys().next().value as string);
    this.#cache.set(key, frame);
    return frame;
  }

  async #loadHeader(viewable: Viewable, index: number): Promise<void> {
    const instance = viewable.kind === 'dicom-series' ? await this.#imports.client.api.instanceAt(viewable.key, index) : null;
    if (instance === this.headerInstance) return;
    this.headerInstance = instance;
    this.header = instance ? await this.#imports.client.api.header(instance) : [];
  }
}
