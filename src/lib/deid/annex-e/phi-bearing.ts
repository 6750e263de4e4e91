import { ANNEX_E_ROWS } from './table.generated';

const exactTags = new Set<number>();
const maskedTags: { value: number; mask: number }[] = [];
for (const row of ANNEX_E_ROWS) {
  if (row.tag === 'PRIVATE') continue; // handled by the odd-group test below
  if (/X/.test(row.tag)) {
    maskedTags.push({
      value: parseInt(row.tag.replace(/X/g, '0'), 16),
      mask: parseInt(row.tag.replace(/[0-9A-F]/g, 'F').replace(/X/g, '0'), 16),
    });
  } else {
    exactTags.add(parseInt(row.tag, 16));
  }
}

/**
 * Whether the Basic Profile treats an attribute as able to identify a patient: every attribute
 * in Table E.1-1, matching repeating groups (50xx, 60xx), and every private attribute, since the
 * profile removes private data it cannot vouch for.
 */
export function isPhiBearingTag(tag: number): boolean {
  const group = tag >>> 16;
  if (group % 2 === 1 && group > 0x0008) return true;
  if (exactTags.has(tag)) return true;
  return maskedTags.some(({ value, mask }) => ((tag & mask) >>> 0) === value);
}
