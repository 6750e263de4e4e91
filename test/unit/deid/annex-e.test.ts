import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ANNEX_E_ROWS } from '../../../src/lib/deid/annex-e/table.generated';
import { isPhiBearingTag } from '../../../src/lib/deid/annex-e/phi-bearing';

const REFERENCE = '../shared/reference/ps3.15-table-E.1-1.json';

describe('PS3.15 Table E.1-1', () => {
  it.skipIf(!existsSync(REFERENCE))('holds every row of the reference copy with its actions (needs ../shared)', () => {
    const reference = JSON.parse(readFileSync(REFERENCE, 'utf8')) as { id: string; basicProfile: string; rtnUIDsOpt?: string }[];
    expect(ANNEX_E_ROWS).toHaveLength(reference.length);
    const byTag = new Map(ANNEX_E_ROWS.map((row) => [row.tag, row]));
    for (const row of reference) {
      const ours = byTag.get(row.id.startsWith('gggg') ? 'PRIVATE' : row.id.toUpperCase());
      expect(ours?.basic, row.id).toBe(row.basicProfile);
      expect(ours?.rtnUIDsOpt, row.id).toBe(row.rtnUIDsOpt);
    }
  });

  it('knows the actions of well-known attributes', () => {
    const byTag = new Map(ANNEX_E_ROWS.map((row) => [row.tag, row]));
    expect(byTag.get('00100010')).toMatchObject({ name: "Patient's Name", basic: 'Z' });
    expect(byTag.get('0020000D')).toMatchObject({ basic: 'U', rtnUIDsOpt: 'K' });
    expect(byTag.get('00080020')).toMatchObject({ basic: 'Z', rtnLongFullDatesOpt: 'K', rtnLongModifDatesOpt: 'C' });
  });

  it('marks PHI-bearing tags: listed, repeating groups and private; not pixel geometry', () => {
    expect(isPhiBearingTag(0x00100010)).toBe(true); // PatientName
    expect(isPhiBearingTag(0x00080080)).toBe(true); // InstitutionName
    expect(isPhiBearingTag(0x60023000)).toBe(true); // Overlay Data, group 6002
    expect(isPhiBearingTag(0x50001000)).toBe(true); // curve data
    expect(isPhiBearingTag(0x00331010)).toBe(true); // private
    expect(isPhiBearingTag(0x00280010)).toBe(false); // Rows
    expect(isPhiBearingTag(0x00080060)).toBe(false); // Modality
    expect(isPhiBearingTag(0x7fe00010)).toBe(false); // Pixel Data (burned-in text is a pixel matter)
  });
});
