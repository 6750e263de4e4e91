import type { AuditEntry } from './audit';
import type { EditableElement } from './edit-access';

const BITS_ALLOCATED = 0x00280100;
const HIGH_BIT = 0x00280102;
const PIXEL_DATA = 0x7fe00010;
const OVERLAY_BITS_ALLOCATED = 0x0100;
const OVERLAY_BIT_POSITION = 0x0102;

function us(elements: readonly EditableElement[], tag: number): number | undefined {
  const value = elements.find((e) => e.tag === tag)?.value;
  return value && value.length >= 2 ? value[0]! | (value[1]! << 8) : undefined;
}

/**
 * Bit positions of overlays stored in the pixel data itself (retired, but in old files):
 * OverlayBitsAllocated above 1 and OverlayBitPosition above the image's HighBit.
 */
export function embeddedOverlays(elements: readonly EditableElement[]): { group: number; bit: number }[] {
  const highBit = us(elements, HIGH_BIT);
  const bitsAllocated = us(elements, BITS_ALLOCATED);
  if (highBit === undefined || bitsAllocated !== 16) return [];
  const found: { group: number; bit: number }[] = [];
  for (let group = 0x6000; group <= 0x601e; group += 2) {
    const allocated = us(elements, ((group << 16) | OVERLAY_BITS_ALLOCATED) >>> 0);
    const bit = us(elements, ((group << 16) | OVERLAY_BIT_POSITION) >>> 0);
    if (allocated !== undefined && allocated > 1 && bit !== undefined && bit > highBit && bit < 16) found.push({ group, bit });
  }
  return found;
}

/**
 * Removing an overlay group (Clean Graphics off, or an override) does not remove an overlay embedded in the
 * unused high bits of native 16-bit pixel data: the bitmap, which may hold text, would stay in
 * every pixel. Clears exactly those bits (never one at or below HighBit, so the image is
 * unchanged) and records it. Encapsulated pixel data cannot embed overlays (PS3.5 8.1.2).
 */
export function clearEmbeddedOverlays(original: readonly EditableElement[], output: EditableElement[], audit: AuditEntry[]): void {
  // Only the overlays whose group was removed: a kept overlay (Clean Graphics) keeps its bitmap.
  const removed = embeddedOverlays(original).filter(({ group }) => !output.some((e) => e.tag >>> 16 === group));
  const bits = [...new Set(removed.map((o) => o.bit))].sort((a, b) => a - b);
  const at = output.findIndex((e) => e.tag === PIXEL_DATA);
  const pixels = output[at];
  if (bits.length === 0 || !pixels?.value || pixels.fragments) return;
  const keep = ~bits.reduce((mask, bit) => mask | (1 << bit), 0) & 0xffff;
  const value = pixels.value.slice();
  for (let i = 0; i + 1 < value.length; i += 2) {
    value[i] = value[i]! & (keep & 0xff);
    value[i + 1] = value[i + 1]! & (keep >>> 8);
  }
  output[at] = { ...pixels, value };
  audit.push({
    path: '(7FE0,0010)', tag: '7FE00010', keyword: 'PixelData', action: 'C',
    reason: `Table E.1-1 (overlay/curve group removed): its bitmap in bit(s) ${bits.join(', ')} of the pixel data cleared; image bits unchanged`,
  });
}
