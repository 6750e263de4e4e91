import { ANNEX_E_ROWS } from '../annex-e/table.generated';
import type { AnnexERow } from '../annex-e/types';

const exact = new Map<number, AnnexERow>();
const masked: { value: number; mask: number; row: AnnexERow }[] = [];
let privateRow: AnnexERow | undefined;
for (const row of ANNEX_E_ROWS) {
  if (row.tag === 'PRIVATE') privateRow = row;
  else if (row.tag.includes('X')) {
    masked.push({
      value: Number.parseInt(row.tag.replace(/X/g, '0'), 16) >>> 0,
      mask: Number.parseInt(row.tag.replace(/[0-9A-F]/g, 'F').replace(/X/g, '0'), 16) >>> 0,
      row,
    });
  } else exact.set(Number.parseInt(row.tag, 16) >>> 0, row);
}

/** The Table E.1-1 row governing a standard tag (exact, or a 50xx/60xx repeating group); undefined when none. */
export function annexRowFor(tag: number): AnnexERow | undefined {
  const hit = exact.get(tag >>> 0);
  if (hit) return hit;
  for (const m of masked) if (((tag & m.mask) >>> 0) === m.value) return m.row;
  return undefined;
}

/** The row for every private attribute ("gggg,xxxx where gggg is odd"). */
export function privateAnnexRow(): AnnexERow {
  if (!privateRow) throw new Error('Table E.1-1 has no private-attributes row.');
  return privateRow;
}
