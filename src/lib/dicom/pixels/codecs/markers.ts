/**
 * Reading the few header markers of a JPEG or JPEG-LS stream that change how its decoded
 * samples must be read. Only the bytes before the first scan are looked at.
 */

export type JpegColourSpace = 'rgb' | 'ycbcr';

interface Segment {
  marker: number;
  /** Offset of the segment's payload (after the 2-byte length). */
  start: number;
  length: number;
}

/** The marker segments up to and including the first SOS; stops quietly on damaged data. */
function headerSegments(bytes: Uint8Array): Segment[] {
  const segments: Segment[] = [];
  let offset = 2; // after SOI
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) break;
    const marker = bytes[offset + 1] ?? 0;
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    const length = ((bytes[offset + 2] ?? 0) << 8) | (bytes[offset + 3] ?? 0);
    if (length < 2) break;
    segments.push({ marker, start: offset + 4, length: length - 2 });
    if (marker === 0xda) break;
    offset += 2 + length;
  }
  return segments;
}

function ascii(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length));
}

/**
 * What the stream says about its colour space, the way libjpeg decides it: an Adobe APP14
 * transform flag first, then a JFIF APP0 (always YCbCr), then component ids 'R','G','B'.
 * Undefined when the stream says nothing (then the DICOM attribute stands).
 */
export function jpegColourSpace(bytes: Uint8Array): JpegColourSpace | undefined {
  let jfif = false;
  let adobeTransform: number | undefined;
  let componentIds: number[] = [];
  for (const { marker, start, length } of headerSegments(bytes)) {
    if (marker === 0xe0 && length >= 5 && ascii(bytes, start, 5) === 'JFIF\0') jfif = true;
    if (marker === 0xee && length >= 12 && ascii(bytes, start, 5) === 'Adobe') adobeTransform = bytes[start + 11];
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const count = bytes[start + 5] ?? 0;
      componentIds = Array.from({ length: count }, (_, i) => bytes[start + 6 + i * 3] ?? 0);
    }
  }
  if (componentIds.length !== 3) return undefined;
  if (adobeTransform !== undefined) return adobeTransform === 0 ? 'rgb' : 'ycbcr';
  if (jfif) return 'ycbcr';
  if (componentIds[0] === 0x52 && componentIds[1] === 0x47 && componentIds[2] === 0x42) return 'rgb';
  return undefined;
}

/**
 * JPEG-LS: true when a colour image is coded one component per scan (interleave mode "none"),
 * in which case CharLS returns the samples colour-by-plane.
 */
export function jpegLsIsPlanar(bytes: Uint8Array): boolean {
  const segments = headerSegments(bytes);
  const frame = segments.find((s) => s.marker === 0xf7);
  const scan = segments.find((s) => s.marker === 0xda);
  if (!frame || !scan) return false;
  const components = bytes[frame.start + 5] ?? 1;
  const inScan = bytes[scan.start] ?? components;
  return components > 1 && inScan === 1;
}

/** Sample precision in bits from the JPEG frame header (SOF), or undefined when absent. */
export function jpegPrecision(bytes: Uint8Array): number | undefined {
  const frame = headerSegments(bytes).find((s) => s.marker >= 0xc0 && s.marker <= 0xcf && s.marker !== 0xc4 && s.marker !== 0xc8 && s.marker !== 0xcc);
  return frame ? bytes[frame.start] : undefined;
}
