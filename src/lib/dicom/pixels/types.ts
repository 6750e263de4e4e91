/**
 * The shapes the pixel pipeline hands out: what a frame decodes to, and the pixel attributes it
 * needs beyond the parser's ImagePixelDescription (LUTs, rescale, windows, per-frame values).
 */
import type { ImagePixelDescription } from '../attributes';

/** Stored values in the signedness and width the file declares (1-bit data widens to Uint8). */
export type StoredValues = Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array;

export interface DecodedFrame {
  rows: number;
  columns: number;
  /** Samples per pixel of `data`, always interleaved (RGBRGB…) when more than one. */
  samplesPerPixel: number;
  /**
   * What `data` holds now, which may differ from the file's attribute: YBR_FULL_422 comes out
   * upsampled as YBR_FULL, and JPEG 2000's YBR_RCT/YBR_ICT as RGB (the codec inverts the
   * component transform).
   */
  photometricInterpretation: string;
  bitsStored: number;
  signed: boolean;
  data: StoredValues;
  transferSyntaxUid: string;
  /** True when the transfer syntax is a lossy one (the values are not the original ones). */
  lossy: boolean;
  /** What was done to the bytes, in order, for the record and for debugging a strange image. */
  steps: string[];
}

export interface Rescale {
  slope: number;
  intercept: number;
  /** Rescale Type (e.g. HU, US) when the file says. */
  type?: string;
}

export type VoiLutFunction = 'LINEAR' | 'LINEAR_EXACT' | 'SIGMOID';

export interface VoiWindow {
  center: number;
  width: number;
  function: VoiLutFunction;
  /** Window Center & Width Explanation, e.g. "BRAIN", when the file says. */
  explanation?: string;
}

export interface FrameGeometry {
  imagePositionPatient?: [number, number, number];
  imageOrientationPatient?: [number, number, number, number, number, number];
  /** Row spacing then column spacing, in mm. */
  pixelSpacing?: [number, number];
  sliceThickness?: number;
}

/** The values that may change from frame to frame in an enhanced multi-frame image. */
export interface FrameAttributes {
  rescale?: Rescale;
  windows: VoiWindow[];
  geometry: FrameGeometry;
}

/** One channel of a palette colour LUT, expanded (segmented tables included). */
export interface PaletteChannel {
  /** First stored value mapped; values below map to entry 0, above to the last entry. */
  firstMapped: number;
  /** Bits per entry (8 or 16) from the descriptor: the entries range over 0..2^bits-1. */
  bits: number;
  entries: Uint16Array;
}

export interface PaletteColorLut {
  red: PaletteChannel;
  green: PaletteChannel;
  blue: PaletteChannel;
  /** True when the tables came from Segmented … Palette Color Lookup Table Data. */
  segmented: boolean;
}

export interface PixelImageDescription extends ImagePixelDescription, FrameAttributes {
  palette?: PaletteColorLut;
  /**
   * Enhanced multi-frame images: frame i's own rescale, windows and geometry (per-frame
   * functional groups, then shared ones, then the top level). Empty for other images.
   */
  perFrame: FrameAttributes[];
  /** Lossy Image Compression (0028,2110) is "01": the pixels were lossy-compressed once. */
  lossyImageCompression: boolean;
  /** Assumptions made while reading the attributes (defaults taken, odd values corrected). */
  notes: string[];
}
