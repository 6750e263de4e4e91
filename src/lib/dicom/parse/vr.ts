/** Value Representations (PS3.5 6.2) and the facts about them the parser needs. */

export const KNOWN_VRS = new Set([
  'AE', 'AS', 'AT', 'CS', 'DA', 'DS', 'DT', 'FD', 'FL', 'IS', 'LO', 'LT', 'OB', 'OD', 'OF', 'OL',
  'OV', 'OW', 'PN', 'SH', 'SL', 'SQ', 'SS', 'ST', 'SV', 'TM', 'UC', 'UI', 'UL', 'UN', 'UR', 'US',
  'UT', 'UV',
]);

/** VRs whose explicit encoding has 2 reserved bytes and a 4-byte length (PS3.5 Table 7.1-1). */
export const LONG_LENGTH_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'UC', 'UN', 'UR', 'UT', 'SV', 'UV']);

/** Character string VRs; the ones in CHARSET_VRS are decoded through Specific Character Set. */
export const TEXT_VRS = new Set(['AE', 'AS', 'CS', 'DA', 'DS', 'DT', 'IS', 'LO', 'LT', 'PN', 'SH', 'ST', 'TM', 'UC', 'UI', 'UR', 'UT']);
export const CHARSET_VRS = new Set(['LO', 'LT', 'PN', 'SH', 'ST', 'UC', 'UT']);
/** Single-valued text VRs: a backslash is text, not a value separator. */
export const SINGLE_VALUE_TEXT_VRS = new Set(['LT', 'ST', 'UT', 'UR']);

/** Binary number VRs and their size in bytes. */
export const NUMBER_VR_SIZE: Readonly<Record<string, number>> = {
  US: 2, SS: 2, UL: 4, SL: 4, FL: 4, FD: 8, AT: 4, SV: 8, UV: 8,
  OW: 2, OF: 4, OD: 8, OL: 4, OV: 8,
};

/** Maximum length of one value for fixed-width or bounded text VRs (PS3.5 Table 6.2-1). */
export const MAX_VALUE_LENGTH: Readonly<Record<string, number>> = {
  AE: 16, AS: 4, CS: 16, DA: 8, DS: 16, DT: 26, IS: 12, LO: 64, PN: 324, SH: 16, TM: 16, UI: 64,
};

export function isKnownVr(vr: string): boolean {
  return KNOWN_VRS.has(vr);
}

/** Whether two bytes can be an explicit VR: two upper-case ASCII letters of a known VR. */
export function vrFromBytes(a: number, b: number): string | undefined {
  if (a < 0x41 || a > 0x5a || b < 0x41 || b > 0x5a) return undefined;
  const vr = String.fromCharCode(a, b);
  return KNOWN_VRS.has(vr) ? vr : undefined;
}

/**
 * The concrete VR for a dictionary VR read without an explicit VR (implicit transfer syntax,
 * or UN re-read), following PS3.5 Annex A.1 and what pydicom does: "ox" pixel/overlay data is
 * OW (OB when encapsulated), "xs" follows Pixel Representation, "lt" LUT data is OW unless the
 * descriptor says one entry, "up" offsets are UL.
 */
export function resolveAmbiguousVr(
  vr: string,
  context: { undefinedLength: boolean; pixelRepresentation: number | undefined; lutEntries?: number | undefined },
): string {
  switch (vr) {
    case 'ox': return context.undefinedLength ? 'OB' : 'OW';
    case 'xs': return context.pixelRepresentation === 1 ? 'SS' : 'US';
    case 'lt': return context.lutEntries === 1 ? 'US' : 'OW';
    case 'up': return 'UL';
    case 'na': return 'UN';
    default: return vr;
  }
}
