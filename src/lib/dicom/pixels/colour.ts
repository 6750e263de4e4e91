/**
 * Colour frames to 8-bit RGB for display: RGB, YBR_FULL (and 4:2:2 once upsampled), YBR_ICT,
 * YBR_RCT, YBR_PARTIAL_422, and PALETTE COLOR through its lookup tables.
 */
import { EnclaveError } from '../../jobs';
import type { DecodedFrame, PaletteChannel, PaletteColorLut, PixelImageDescription } from './types';

// The inverse of PS3.3 C.7.6.3.1.2's YBR_FULL equations, with the coefficients pydicom uses
// (1.402, 0.114·1.772/0.587, 0.299·1.402/0.587, 1.772), rounded half up and clamped.
const CR_R = 1.402;
const CB_G = (0.114 * 1.772) / 0.587;
const CR_G = (0.299 * 1.402) / 0.587;
const CB_B = 1.772;

function clampByte(v: number): number {
  return v <= 0 ? 0 : v >= 255 ? 255 : Math.floor(v + 0.5);
}

/** Interleaved RGB bytes (3 per pixel) of a colour frame. */
export function toDisplayRgb(frame: DecodedFrame, description: Pick<PixelImageDescription, 'palette'>): Uint8Array {
  const pixels = frame.rows * frame.columns;
  const pi = frame.photometricInterpretation;
  if (pi.startsWith('PALETTE COLOR')) {
    if (!description.palette) throw displayError(pi, 'its palette tables are missing');
    return paletteToRgb(frame.data, description.palette);
  }
  if (frame.samplesPerPixel !== 3) throw displayError(pi, `it has ${frame.samplesPerPixel} samples per pixel`);
  const data = frame.data;
  const out = new Uint8Array(pixels * 3);
  const max = 2 ** frame.bitsStored - 1;
  const scale = frame.bitsStored > 8 ? 255 / max : 1;
  const mid = 2 ** (frame.bitsStored - 1);
  switch (pi) {
    case 'RGB':
      if (data instanceof Uint8Array) out.set(data.subarray(0, pixels * 3));
      else for (let i = 0; i < pixels * 3; i++) out[i] = clampByte(data[i]! * scale);
      return out;
    case 'YBR_FULL':
    case 'YBR_FULL_422':
    case 'YBR_ICT': // irreversible colour transform: the same equations (PS3.5 8.2.4)
      for (let p = 0, i = 0; p < pixels; p++, i += 3) {
        const y = data[i]!;
        const cb = data[i + 1]! - mid;
        const cr = data[i + 2]! - mid;
        out[i] = clampByte((y + CR_R * cr) * scale);
        out[i + 1] = clampByte((y - CB_G * cb - CR_G * cr) * scale);
        out[i + 2] = clampByte((y + CB_B * cb) * scale);
      }
      return out;
    case 'YBR_RCT': // reversible colour transform (ISO 15444-1 G.2), exact integers
      for (let p = 0, i = 0; p < pixels; p++, i += 3) {
        const y = data[i]!;
        const cb = data[i + 1]!;
        const cr = data[i + 2]!;
        const g = y - Math.floor((cb + cr) / 4);
        out[i] = clampByte((cr + g) * scale);
        out[i + 1] = clampByte(g * scale);
        out[i + 2] = clampByte((cb + g) * scale);
      }
      return out;
    case 'YBR_PARTIAL_422':
    case 'YBR_PARTIAL_420': // 8-bit studio range: Y 16..235, chroma 16..240 (PS3.3 C.7.6.3.1.2)
      for (let p = 0, i = 0; p < pixels; p++, i += 3) {
        const y = 1.1644 * (data[i]! - 16);
        const cb = data[i + 1]! - 128;
        const cr = data[i + 2]! - 128;
        out[i] = clampByte(y + 1.596 * cr);
        out[i + 1] = clampByte(y - 0.3918 * cb - 0.813 * cr);
        out[i + 2] = clampByte(y + 2.0172 * cb);
      }
      return out;
    default:
      throw displayError(pi, 'this photometric interpretation is retired or unknown');
  }
}

/**
 * 8-bit display value of each palette entry. 16-bit entries keep their high byte, as most
 * viewers do: many writers store 8-bit colours times 256 (OBXXXX1A's tables run 0..65280).
 */
function channelBytes(channel: PaletteChannel): Uint8Array {
  const shift = Math.max(0, channel.bits - 8);
  return Uint8Array.from(channel.entries, (e) => e >> shift);
}

/** For each channel, the 8-bit value of stored value `v` (clamped into the table). */
export function paletteLookup(palette: PaletteColorLut): (v: number) => [number, number, number] {
  const tables = [palette.red, palette.green, palette.blue].map((c) => ({ first: c.firstMapped, bytes: channelBytes(c) }));
  const one = (t: { first: number; bytes: Uint8Array }, v: number): number => {
    const index = v - t.first;
    const last = t.bytes.length - 1;
    return t.bytes[index <= 0 ? 0 : index >= last ? last : index]!;
  };
  const [r, g, b] = tables as [(typeof tables)[0], (typeof tables)[0], (typeof tables)[0]];
  return (v) => [one(r, v), one(g, v), one(b, v)];
}

export function paletteToRgb(values: ArrayLike<number>, palette: PaletteColorLut): Uint8Array {
  // One table over the values' range: a lookup per possible value, not per pixel.
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let p = 0; p < values.length; p++) {
    const v = values[p]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const out = new Uint8Array(values.length * 3);
  if (values.length === 0) return out;
  const lookup = paletteLookup(palette);
  const table = new Uint8Array((max - min + 1) * 3);
  for (let v = min; v <= max; v++) table.set(lookup(v), (v - min) * 3);
  for (let p = 0, o = 0; p < values.length; p++, o += 3) {
    const t = (values[p]! - min) * 3;
    out[o] = table[t]!;
    out[o + 1] = table[t + 1]!;
    out[o + 2] = table[t + 2]!;
  }
  return out;
}

function displayError(pi: string, why: string): EnclaveError {
  return new EnclaveError('PixelDecodeError', `This frame (${pi}) cannot be shown in colour: ${why}.`);
}
