import type { EditableElement, EditableItem } from './types';

/**
 * DICOMDIR record offsets (PS3.3 F.3): UL byte offsets, from the start of the file, of items of
 * the Directory Record Sequence. Rewriting moves the items, so the serializer notes where each
 * item and each offset value lands and patches the offsets afterwards (source offset → new
 * offset, through EditableItem.sourceOffset). 0 means "no record" and stays 0; an offset to an
 * item that is no longer there becomes 0 (the record it named was removed).
 */
export const DIRECTORY_RECORD_SEQUENCE = 0x00041220;
export const RECORD_OFFSET_TAGS = new Set([0x00041200, 0x00041202, 0x00041400, 0x00041420]);

export class DirectoryOffsets {
  private readonly itemAt = new Map<EditableItem, number>();
  private readonly valuesAt: number[] = [];

  static needed(elements: readonly EditableElement[]): boolean {
    return elements.some((e) => e.tag === DIRECTORY_RECORD_SEQUENCE);
  }

  item(item: EditableItem, position: number): void {
    this.itemAt.set(item, position);
  }

  offsetValue(position: number): void {
    this.valuesAt.push(position);
  }

  patch(out: Uint8Array): void {
    const moved = new Map<number, number>();
    for (const [item, position] of this.itemAt) if (item.sourceOffset !== undefined) moved.set(item.sourceOffset, position);
    const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
    for (const at of this.valuesAt) {
      const old = view.getUint32(at, true);
      if (old !== 0) view.setUint32(at, moved.get(old) ?? 0, true);
    }
  }
}
