/**
 * How code outside the parser reads a parsed DICOM data set: by keyword, with values already
 * decoded (text through the Specific Character Set, numbers from binary or DS/IS strings).
 * The parser (src/lib/dicom/parse) implements it; the metadata table, the pixel pipeline and
 * de-identification read through it, so none of them depends on how elements are stored.
 */
export interface AttributeReader {
  has(keyword: string): boolean;
  /** The value at `index` (default 0) of a text or number attribute, as text, trimmed. */
  string(keyword: string, index?: number): string | undefined;
  /** Every value of a multi-valued attribute, split on backslash for text VRs. */
  strings(keyword: string): string[];
  /** The value at `index` as a number: US/SS/UL/SL/FL/FD, or DS/IS text parsed. */
  number(keyword: string, index?: number): number | undefined;
  numbers(keyword: string): number[];
  /** The items of a sequence (empty when absent). */
  sequence(keyword: string): AttributeReader[];
  /** The raw value bytes, in the data set's byte order (e.g. LUT data). */
  bytes(keyword: string): Uint8Array | undefined;
}

/** The pixel attributes of an image, as the pixel pipeline needs them. */
export interface ImagePixelDescription {
  rows: number;
  columns: number;
  samplesPerPixel: number;
  bitsAllocated: number;
  bitsStored: number;
  highBit: number;
  /** 0 unsigned, 1 two's complement. */
  pixelRepresentation: 0 | 1;
  photometricInterpretation: string;
  /** 0 colour-by-pixel (RGBRGB…), 1 colour-by-plane (RR…GG…BB…). */
  planarConfiguration: 0 | 1;
  numberOfFrames: number;
}

/**
 * The encoded frames of one instance, split out of the Pixel Data element by the parser: for
 * native transfer syntaxes a view of each frame's bytes, for encapsulated ones each frame's
 * fragments joined. Reading a frame may need more bytes of the file, hence the promise.
 */
export interface EncodedFrames {
  transferSyntaxUid: string;
  /** True when the data set (and so native pixel data) is big endian. */
  bigEndian: boolean;
  frameCount: number;
  frame(index: number): Promise<Uint8Array>;
}
