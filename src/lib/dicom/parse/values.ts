import { windowBytes } from './byte-window';
import type { TextDecoding } from './charset';
import { tagHex } from './dictionary';
import type { ByteWindow, DicomNode } from './types';
import { NUMBER_VR_SIZE, TEXT_VRS } from './vr';

/** How an element's value is to be read (the dictionary VR for an explicit UN, see DicomNode.valueVr). */
export function effectiveVr(node: DicomNode): string {
  return node.valueVr ?? node.vr;
}

/** The raw value bytes in the data set's byte order; undefined when a header scan did not load them. */
export function valueBytes(window: ByteWindow, node: DicomNode): Uint8Array | undefined {
  return windowBytes(window, node.valueOffset, node.length);
}

/** Text values, decoded and with the padding PS3.5 allows removed (trailing spaces/NULs; leading spaces except LT/ST/UT). */
export function textValues(window: ByteWindow, node: DicomNode, decoding: TextDecoding): string[] {
  const bytes = valueBytes(window, node);
  if (!bytes || bytes.length === 0) return [];
  const vr = effectiveVr(node);
  const keepLeading = vr === 'LT' || vr === 'ST' || vr === 'UT';
  return decoding.decodeValues(bytes, vr).map((v) => {
    const trimmed = v.replace(/[\0 ]+$/, '');
    return keepLeading ? trimmed : trimmed.replace(/^ +/, '');
  });
}

/** Binary numbers in the given byte order (US/SS/UL/SL/FL/FD/SV/UV/AT and OW/OF/OD/OL/OV/OB). */
export function binaryNumbers(bytes: Uint8Array, vr: string, littleEndian: boolean): number[] {
  const size = vr === 'OB' || vr === 'UN' ? 1 : NUMBER_VR_SIZE[vr];
  if (size === undefined) return [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = Math.floor(bytes.length / size);
  const out = new Array<number>(count);
  for (let i = 0; i < count; i++) out[i] = readNumber(view, i * size, vr, littleEndian);
  return out;
}

function readNumber(view: DataView, at: number, vr: string, le: boolean): number {
  switch (vr) {
    case 'US': case 'OW': return view.getUint16(at, le);
    case 'SS': return view.getInt16(at, le);
    case 'UL': case 'OL': return view.getUint32(at, le);
    case 'SL': return view.getInt32(at, le);
    case 'FL': case 'OF': return view.getFloat32(at, le);
    case 'FD': case 'OD': return view.getFloat64(at, le);
    case 'SV': return Number(view.getBigInt64(at, le));
    case 'UV': case 'OV': return Number(view.getBigUint64(at, le));
    case 'AT': return ((view.getUint16(at, le) << 16) | view.getUint16(at + 2, le)) >>> 0;
    default: return view.getUint8(at);
  }
}

/**
 * DS/IS text parsed leniently: surrounding spaces ignored, "+1", "1.", ".5", "1e3" accepted,
 * a trailing unit or junk ("12.5mm") read up to where the number ends. NaN when there is no
 * number at all, so indexes still line up with the values.
 */
export function parseDecimal(text: string): number {
  const t = text.trim();
  if (t === '') return Number.NaN;
  const strict = Number(t);
  return Number.isNaN(strict) ? Number.parseFloat(t) : strict;
}

export function numberValues(window: ByteWindow, node: DicomNode, littleEndian: boolean, decoding: TextDecoding): number[] {
  const vr = effectiveVr(node);
  if (TEXT_VRS.has(vr)) return textValues(window, node, decoding).map(parseDecimal);
  const bytes = valueBytes(window, node);
  return bytes ? binaryNumbers(bytes, vr, littleEndian) : [];
}

/** Every value as text: text VRs decoded, numbers formatted, AT as "GGGGEEEE". */
export function stringValues(window: ByteWindow, node: DicomNode, littleEndian: boolean, decoding: TextDecoding): string[] {
  const vr = effectiveVr(node);
  if (TEXT_VRS.has(vr)) return textValues(window, node, decoding);
  if (vr === 'AT') return numberValues(window, node, littleEndian, decoding).map(tagHex);
  if (vr in NUMBER_VR_SIZE && !vr.startsWith('O')) return numberValues(window, node, littleEndian, decoding).map(String);
  return [];
}
