/**
 * An independent, minimal reader of Explicit VR Little Endian bytes for checking what the
 * writer produced (group lengths, padding, delimiters) without trusting dcmjs to read back
 * what dcmjs wrote.
 */
export interface RawElement {
  tag: string;
  vr: string;
  /** Value length as written (0xFFFFFFFF for undefined length). */
  length: number;
  valueOffset: number;
  /** Offset just past the element (past its delimiter for undefined-length sequences). */
  end: number;
  items?: RawElement[][];
}

const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'UC', 'UN', 'UR', 'UT']);
const UNDEFINED = 0xffffffff;

export function readTag(view: DataView, offset: number): string {
  const hex = (n: number): string => n.toString(16).toUpperCase().padStart(4, '0');
  return hex(view.getUint16(offset, true)) + hex(view.getUint16(offset + 2, true));
}

/** Elements from `offset` until `stop` (exclusive) or an item/sequence delimiter. */
export function walk(bytes: Uint8Array, offset: number, stop = bytes.length): { elements: RawElement[]; end: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const elements: RawElement[] = [];
  let at = offset;
  while (at < stop) {
    const tag = readTag(view, at);
    if (tag === 'FFFEE00D' || tag === 'FFFEE0DD') return { elements, end: at + 8 };
    const vr = String.fromCharCode(bytes[at + 4] ?? 0, bytes[at + 5] ?? 0);
    const long = LONG_VRS.has(vr);
    const length = long ? view.getUint32(at + 8, true) : view.getUint16(at + 6, true);
    const valueOffset = at + (long ? 12 : 8);
    if (vr === 'SQ') {
      const items: RawElement[][] = [];
      let p = valueOffset;
      const seqStop = length === UNDEFINED ? stop : valueOffset + length;
      while (p < seqStop) {
        const itemTag = readTag(view, p);
        if (itemTag === 'FFFEE0DD') { p += 8; break; }
        const itemLength = view.getUint32(p + 4, true);
        const inner = walk(bytes, p + 8, itemLength === UNDEFINED ? stop : p + 8 + itemLength);
        items.push(inner.elements);
        p = itemLength === UNDEFINED ? inner.end : p + 8 + itemLength;
      }
      elements.push({ tag, vr, length, valueOffset, end: p, items });
      at = p;
    } else {
      elements.push({ tag, vr, length, valueOffset, end: valueOffset + length });
      at = valueOffset + length;
    }
  }
  return { elements, end: at };
}

export function valueBytes(bytes: Uint8Array, element: RawElement): Uint8Array {
  return bytes.subarray(element.valueOffset, element.valueOffset + element.length);
}

export function valueText(bytes: Uint8Array, element: RawElement): string {
  return String.fromCharCode(...valueBytes(bytes, element));
}
