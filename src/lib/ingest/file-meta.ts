/**
 * A quick look at the DICOM File Meta Information (group 0002) from the first bytes of a file,
 * enough to tell a DICOMDIR from an image and to show the transfer syntax before the full
 * parse. Group 0002 is always explicit VR little endian (PS3.10 §7.1), so this needs no parser.
 */
export interface FileMetaSummary {
  mediaStorageSopClassUid?: string;
  mediaStorageSopInstanceUid?: string;
  transferSyntaxUid?: string;
  /** Offset just past the meta group, where the data set begins (when it could be found). */
  dataSetOffset: number;
}

export const DICOMDIR_SOP_CLASS_UID = '1.2.840.10008.1.3.10';

/** VRs whose explicit-VR header has 2 reserved bytes and a 4-byte length (PS3.5 §7.1.2). */
const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);
export const ALL_VRS = new Set([
  ...LONG_VRS,
  ...['AE', 'AS', 'AT', 'CS', 'DA', 'DS', 'DT', 'FL', 'FD', 'IS', 'LO', 'LT', 'PN', 'SH', 'SL', 'SS', 'ST', 'TM', 'UI', 'UL', 'US'],
]);

const text = new TextDecoder('latin1');

function uid(bytes: Uint8Array): string {
  // UIDs are padded with NUL to even length; some writers pad with a space instead.
  return text.decode(bytes).replace(/[\0 ]+$/, '');
}

/**
 * Reads group 0002 starting at `offset` (132 after a preamble, 0 without one). Stops at the
 * first element outside group 0002 or at the end of `bytes`; a truncated group yields what was
 * read so far.
 */
export function readFileMeta(bytes: Uint8Array, offset: number): FileMetaSummary {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const summary: FileMetaSummary = { dataSetOffset: offset };
  let at = offset;
  while (at + 8 <= bytes.length) {
    const group = view.getUint16(at, true);
    if (group !== 0x0002) break;
    const element = view.getUint16(at + 2, true);
    const vr = String.fromCharCode(bytes[at + 4] ?? 0, bytes[at + 5] ?? 0);
    let length: number;
    let valueAt: number;
    if (LONG_VRS.has(vr)) {
      if (at + 12 > bytes.length) break;
      length = view.getUint32(at + 8, true);
      valueAt = at + 12;
    } else if (ALL_VRS.has(vr)) {
      length = view.getUint16(at + 6, true);
      valueAt = at + 8;
    } else {
      break; // not explicit VR: a broken meta group; the parser will say more.
    }
    if (length === 0xffffffff || valueAt + length > bytes.length) break;
    const value = bytes.subarray(valueAt, valueAt + length);
    if (element === 0x0002) summary.mediaStorageSopClassUid = uid(value);
    else if (element === 0x0003) summary.mediaStorageSopInstanceUid = uid(value);
    else if (element === 0x0010) summary.transferSyntaxUid = uid(value);
    at = valueAt + length;
    summary.dataSetOffset = at;
  }
  return summary;
}

/**
 * The length of the meta group as its (0002,0000) group-length element states it, so the
 * sniffer knows how many bytes to read; undefined when the element is absent or malformed.
 */
export function statedMetaLength(bytes: Uint8Array, offset: number): number | undefined {
  if (offset + 12 > bytes.length) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const isGroupLength = view.getUint16(offset, true) === 0x0002 && view.getUint16(offset + 2, true) === 0x0000;
  if (!isGroupLength || bytes[offset + 4] !== 0x55 || bytes[offset + 5] !== 0x4c) return undefined; // "UL"
  return 12 + view.getUint32(offset + 8, true);
}
