/**
 * Palette Color Lookup Tables (PS3.3 C.7.6.3.1.5-6 and C.7.9): the descriptors, the plain
 * tables in 8- or 16-bit entries, and segmented tables expanded to plain ones.
 */
import { EnclaveError } from '../../jobs';
import type { AttributeReader } from '../attributes';
import type { PaletteChannel, PaletteColorLut } from './types';

const CHANNELS = ['Red', 'Green', 'Blue'] as const;

export function readPalette(reader: AttributeReader, pixelRepresentation: 0 | 1, bigEndian: boolean): PaletteColorLut | undefined {
  if (!reader.has('RedPaletteColorLookupTableDescriptor')) return undefined;
  const segmented = !reader.has('RedPaletteColorLookupTableData') && reader.has('SegmentedRedPaletteColorLookupTableData');
  const [red, green, blue] = CHANNELS.map((colour) => readChannel(reader, colour, pixelRepresentation, bigEndian, segmented));
  return { red: red!, green: green!, blue: blue!, segmented };
}

function readChannel(
  reader: AttributeReader,
  colour: (typeof CHANNELS)[number],
  pixelRepresentation: 0 | 1,
  bigEndian: boolean,
  segmented: boolean,
): PaletteChannel {
  const descriptor = reader.numbers(`${colour}PaletteColorLookupTableDescriptor`);
  const [declared, firstRaw, bits] = descriptor;
  if (declared === undefined || firstRaw === undefined || bits === undefined) {
    return paletteError(`the ${colour} Palette Color Lookup Table Descriptor has ${descriptor.length} values instead of 3`);
  }
  const count = declared === 0 ? 65536 : declared; // 0 means 2^16 entries
  // The first mapped value is US or SS like the pixels; a reader may hand an SS value as US.
  const firstMapped = pixelRepresentation === 1 && firstRaw > 32767 ? firstRaw - 65536 : firstRaw;
  const keyword = segmented ? `Segmented${colour}PaletteColorLookupTableData` : `${colour}PaletteColorLookupTableData`;
  const bytes = reader.bytes(keyword);
  if (!bytes || bytes.length === 0) return paletteError(`${keyword} is missing`);
  let entries: Uint16Array;
  if (segmented) {
    entries = expandSegmentedLut(readWords(bytes, bits === 8 ? 1 : 2, bigEndian), bits === 8 ? 1 : 2);
  } else {
    // Entries are 16-bit words, or packed bytes when the descriptor says 8 bits and the data is
    // exactly one byte per entry; the data's length tells which (PS3.3 C.7.6.3.1.6).
    const entryBytes = bytes.length >= count * 2 ? 2 : 1;
    entries = readWords(bytes, entryBytes, bigEndian);
  }
  if (entries.length < count) {
    return paletteError(`the ${colour} table has ${entries.length} entries where its descriptor declares ${count}`);
  }
  return { firstMapped, bits: bits === 8 ? 8 : 16, entries: entries.subarray(0, count) };
}

function readWords(bytes: Uint8Array, entryBytes: 1 | 2, bigEndian: boolean): Uint16Array {
  if (entryBytes === 1) return Uint16Array.from(bytes);
  const out = new Uint16Array(bytes.length >> 1);
  for (let i = 0; i < out.length; i++) {
    const a = bytes[2 * i]!;
    const b = bytes[2 * i + 1]!;
    out[i] = bigEndian ? (a << 8) | b : (b << 8) | a;
  }
  return out;
}

/**
 * Expands a segmented LUT (PS3.3 C.7.9.2): opcode 0 discrete (n values follow), 1 linear (n
 * values interpolated from the previous value to y1, ending on y1), 2 indirect (copy n segments
 * starting at a 32-bit byte offset, least significant word first, from the table's start).
 * Linear values are rounded half up, as GDCM and DCMTK do (pydicom rounds half to even).
 */
export function expandSegmentedLut(words: ArrayLike<number>, entryBytes: 1 | 2 = 2): Uint16Array {
  const out: number[] = [];
  expandInto(words, entryBytes, 0, Number.POSITIVE_INFINITY, out, 0);
  return Uint16Array.from(out);
}

function expandInto(words: ArrayLike<number>, entryBytes: 1 | 2, start: number, maxSegments: number, out: number[], depth: number): void {
  if (depth > 8) paletteError('its segmented table has indirect segments that refer to each other in a loop');
  let offset = start;
  let segments = 0;
  // `offset + 1 <` allows one trailing pad word.
  while (offset + 1 < words.length && segments < maxSegments) {
    const opcode = words[offset]!;
    const length = words[offset + 1]!;
    offset += 2;
    if (opcode === 0) {
      if (offset + length > words.length) paletteError('a discrete segment of its segmented table runs past the data');
      for (let i = 0; i < length; i++) out.push(words[offset + i]!);
      offset += length;
    } else if (opcode === 1) {
      const y0 = out[out.length - 1];
      if (y0 === undefined) paletteError('its segmented table starts with a linear segment, which has no value to start from');
      const y1 = words[offset++]!;
      for (let i = 1; i <= length; i++) out.push(Math.round(y0 + ((y1 - y0) * i) / length));
    } else if (opcode === 2) {
      if (out.length === 0) paletteError('its segmented table starts with an indirect segment');
      // The offset takes 4 bytes: two 16-bit entries, or four 8-bit ones (little endian).
      let byteOffset = 0;
      const parts = 4 / entryBytes;
      for (let k = parts - 1; k >= 0; k--) byteOffset = byteOffset * 2 ** (8 * entryBytes) + (words[offset + k] ?? 0);
      offset += parts;
      const index = byteOffset / entryBytes;
      if (!Number.isInteger(index) || index >= words.length) paletteError('an indirect segment of its segmented table points outside the data');
      expandInto(words, entryBytes, index, length, out, depth + 1);
    } else {
      paletteError(`its segmented table has an unknown segment type ${opcode}`);
    }
    segments++;
  }
}

function paletteError(problem: string): never {
  throw new EnclaveError('PixelDecodeError', `This image's colour palette cannot be read: ${problem}. The file is damaged or not valid DICOM.`);
}
