import type { ByteWindow } from './types';

/** Helpers over ByteWindow: the loaded ranges of a file (or of an inflated data set). */

export function wholeWindow(bytes: Uint8Array): ByteWindow {
  return { segments: [{ offset: 0, bytes }], size: bytes.length };
}

/** The loaded bytes `[offset, offset + length)` as a view, or undefined when not all loaded. */
export function windowBytes(window: ByteWindow, offset: number, length: number): Uint8Array | undefined {
  const segment = segmentAt(window, offset);
  if (!segment) return length === 0 && offset <= window.size ? new Uint8Array(0) : undefined;
  const start = offset - segment.offset;
  if (start + length > segment.bytes.length) return undefined;
  return segment.bytes.subarray(start, start + length);
}

/** The segment holding `offset`, if any. */
export function segmentAt(window: ByteWindow, offset: number): ByteWindow['segments'][number] | undefined {
  for (const segment of window.segments) {
    if (offset >= segment.offset && offset < segment.offset + segment.bytes.length) return segment;
  }
  return undefined;
}

/** Where the loaded run that contains `offset` ends (offset itself when not loaded). */
export function loadedUntil(window: ByteWindow, offset: number): number {
  const segment = segmentAt(window, offset);
  return segment ? segment.offset + segment.bytes.length : offset;
}

export function loadedByteCount(window: ByteWindow): number {
  return window.segments.reduce((sum, s) => sum + s.bytes.length, 0);
}

/**
 * Adds bytes read at `offset`, merging with touching segments so the common case (a header
 * read in growing chunks) stays one contiguous segment.
 */
export function addToWindow(window: ByteWindow, offset: number, bytes: Uint8Array): void {
  if (bytes.length === 0) return;
  let start = offset;
  let end = offset + bytes.length;
  const touching = window.segments.filter((s) => s.offset <= end && s.offset + s.bytes.length >= start);
  if (touching.length === 0) {
    window.segments.push({ offset, bytes });
    window.segments.sort((a, b) => a.offset - b.offset);
    return;
  }
  for (const s of touching) {
    start = Math.min(start, s.offset);
    end = Math.max(end, s.offset + s.bytes.length);
  }
  const merged = new Uint8Array(end - start);
  for (const s of touching) merged.set(s.bytes, s.offset - start);
  merged.set(bytes, offset - start);
  window.segments = window.segments.filter((s) => !touching.includes(s));
  window.segments.push({ offset: start, bytes: merged });
  window.segments.sort((a, b) => a.offset - b.offset);
}
