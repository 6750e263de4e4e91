/**
 * Dummy values that are valid for their VR (PS3.5 6.2): no text in IS or DS, a real date in DA,
 * and so on. UIDs are not here: a dummy UID is the remapped UID (see uid-remap.ts), so
 * references stay consistent. Text dummies are short enough for the smallest VR (SH/CS/AE: 16).
 */
const TEXT_DUMMIES: Readonly<Record<string, string>> = {
  PN: 'ANONYMOUS',
  LO: 'ANONYMIZED', SH: 'ANONYMIZED', ST: 'ANONYMIZED', LT: 'ANONYMIZED', UT: 'ANONYMIZED', UC: 'ANONYMIZED',
  CS: 'ANONYMIZED', AE: 'ANONYMOUS',
  DA: '19000101', TM: '000000', DT: '19000101000000',
  IS: '0', DS: '0', AS: '000D',
  UR: 'urn:x-enclave:anonymized',
};

const BINARY_SIZES: Readonly<Record<string, number>> = {
  US: 2, SS: 2, UL: 4, SL: 4, FL: 4, FD: 8, AT: 4, SV: 8, UV: 8,
};

/** The dummy value's text for a text VR; undefined for binary VRs and SQ. */
export function dummyText(vr: string): string | undefined {
  return TEXT_DUMMIES[vr];
}

/**
 * The dummy bytes for a VR: ASCII text for text VRs; zeros for binary ones (one value of a
 * number VR, or as many bytes as before for OB/OW/UN… so array shapes survive).
 */
export function dummyBytes(vr: string, previousLength: number): Uint8Array {
  const text = TEXT_DUMMIES[vr];
  if (text !== undefined) {
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    return bytes;
  }
  const size = BINARY_SIZES[vr];
  if (size !== undefined) return new Uint8Array(size);
  return new Uint8Array(Math.max(2, previousLength + (previousLength % 2)));
}
