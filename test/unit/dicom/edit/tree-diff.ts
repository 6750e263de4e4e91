import type { EditableElement } from '../../../../src/lib/dicom/edit';
import { isDatasetGroupLength } from '../../../../src/lib/dicom/edit';
import { formatTag } from '../../../../src/lib/dicom/parse';

/**
 * Differences between two editable element trees, as "path: what" lines (empty: the same).
 * `expected` is the source tree; the serializer's documented changes are applied to it first:
 * sorted by tag, retired group lengths dropped, odd-length values padded (space for text VRs
 * other than UI, NUL otherwise).
 */
export function treeDifferences(expected: readonly EditableElement[], actual: readonly EditableElement[], path = ''): string[] {
  const want = [...expected].filter((e) => !isDatasetGroupLength(e.tag)).sort((a, b) => a.tag - b.tag);
  const got = [...actual].sort((a, b) => a.tag - b.tag);
  const out: string[] = [];
  const byTag = new Map(got.map((e) => [e.tag, e]));
  for (const e of want) {
    const at = `${path}${formatTag(e.tag)}`;
    const g = byTag.get(e.tag);
    byTag.delete(e.tag);
    if (!g) {
      out.push(`${at}: missing`);
      continue;
    }
    if (g.vr !== e.vr) out.push(`${at}: VR ${g.vr}, expected ${e.vr}`);
    if (e.items || g.items) {
      const a = e.items ?? [];
      const b = g.items ?? [];
      if (a.length !== b.length) out.push(`${at}: ${b.length} items, expected ${a.length}`);
      a.forEach((item, i) => out.push(...treeDifferences(item.elements, b[i]?.elements ?? [], `${at}[${i}].`)));
    } else if (e.fragments || g.fragments) {
      const a = e.fragments ?? [];
      const b = g.fragments ?? [];
      if (a.length !== b.length) out.push(`${at}: ${b.length} fragments, expected ${a.length}`);
      a.forEach((f, i) => {
        if (!sameBytes(padded(f, 0), b[i])) out.push(`${at}: fragment ${i} differs`);
      });
    } else {
      const pad = e.vr !== 'UI' && TEXT.has(e.vr) ? 0x20 : 0;
      if (!sameBytes(padded(e.value ?? new Uint8Array(0), pad), g.value)) out.push(`${at}: value differs`);
    }
  }
  for (const tag of byTag.keys()) out.push(`${path}${formatTag(tag)}: unexpected`);
  return out;
}

const TEXT = new Set(['AE', 'AS', 'CS', 'DA', 'DS', 'DT', 'IS', 'LO', 'LT', 'PN', 'SH', 'ST', 'TM', 'UC', 'UI', 'UR', 'UT']);

function padded(bytes: Uint8Array, pad: number): Uint8Array {
  if ((bytes.length & 1) === 0) return bytes;
  const out = new Uint8Array(bytes.length + 1);
  out.set(bytes);
  out[bytes.length] = pad;
  return out;
}

export function sameBytes(a: Uint8Array, b: Uint8Array | undefined): boolean {
  if (!b || a.length !== b.length) return false;
  return Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length));
}
