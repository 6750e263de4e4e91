import type { ByteSource } from './byte-source';

/**
 * Size and sample layout of a PNG or JPEG from its header alone (PNG IHDR, JPEG SOF), in Node
 * as in a worker. Decoding pixels needs the browser (createImageBitmap) and lives in
 * decoders.ts behind an injected capability.
 */
export interface StillMetadata {
  format: 'png' | 'jpeg';
  width: number;
  height: number;
  /** Bits per sample (PNG bit depth, JPEG sample precision). */
  bitDepth: number;
  /** Samples per pixel: 1 grey, 2 grey+alpha, 3 colour, 4 colour+alpha (PNG) or CMYK (JPEG). */
  channels: number;
  /** PNG: indexed colour (a palette); JPEG: progressive or arithmetic coding. */
  detail?: 'palette' | 'progressive' | 'arithmetic';
}

export class StillProblem {
  constructor(readonly reason: string) {}
}

const PNG_CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 3, 4: 2, 6: 4 };

export async function readPngMetadata(source: ByteSource): Promise<StillMetadata | StillProblem> {
  const head = await source.read(0, 33);
  if (head.length < 33) return new StillProblem('PNG file is cut short inside its header');
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  if (String.fromCharCode(...head.subarray(12, 16)) !== 'IHDR') return new StillProblem('PNG file is damaged: its first chunk is not IHDR');
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  const bitDepth = head[24] ?? 0;
  const colorType = head[25] ?? -1;
  const channels = PNG_CHANNELS[colorType];
  if (width === 0 || height === 0 || channels === undefined) return new StillProblem('PNG header is damaged (zero size or unknown colour type)');
  return { format: 'png', width, height, bitDepth, channels, ...(colorType === 3 ? { detail: 'palette' as const } : {}) };
}

/** Start-of-frame markers: every SOFn except DHT (C4), JPG (C8) and DAC (CC). */
const isSof = (marker: number) => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
/** Markers without a length field: TEM and RSTn, SOI, EOI. */
const isStandalone = (marker: number) => marker === 0x01 || (marker >= 0xd0 && marker <= 0xd9);

/**
 * Walks the JPEG marker segments up to the first SOF, reading a few bytes per segment; the
 * EXIF and ICC segments before it (tens of kilobytes) are skipped, not read.
 */
export async function readJpegMetadata(source: ByteSource): Promise<StillMetadata | StillProblem> {
  let at = 2;
  for (let segments = 0; segments < 4096 && at + 4 <= source.size; segments++) {
    const bytes = await source.read(at, 10);
    if (bytes[0] !== 0xff) return new StillProblem('JPEG file is damaged: a marker is missing where one should be');
    const marker = bytes[1] ?? 0;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (isStandalone(marker)) {
      at += 2;
      continue;
    }
    const length = ((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0);
    if (isSof(marker)) {
      if (bytes.length < 10) break;
      const bitDepth = bytes[4] ?? 0;
      const height = ((bytes[5] ?? 0) << 8) | (bytes[6] ?? 0);
      const width = ((bytes[7] ?? 0) << 8) | (bytes[8] ?? 0);
      const channels = bytes[9] ?? 0;
      if (width === 0 || height === 0) return new StillProblem('JPEG header gives no image size (height defined later is not supported)');
      const detail = marker >= 0xc9 ? 'arithmetic' : marker === 0xc2 || marker === 0xc6 || marker === 0xca || marker === 0xce ? 'progressive' : undefined;
      return { format: 'jpeg', width, height, bitDepth, channels, ...(detail ? { detail } : {}) };
    }
    if (marker === 0xda) return new StillProblem('JPEG file is damaged: image data starts before its size is given');
    if (length < 2) return new StillProblem('JPEG file is damaged: a segment has an impossible length');
    at += 2 + length;
  }
  return new StillProblem('JPEG file is cut short before its size is given');
}
