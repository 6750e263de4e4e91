/** What the parser and the pixel pipeline need to know about each transfer syntax (PS3.6 Annex A). */
export type CodecFamily =
  | 'native' | 'jpeg' | 'jpeg-ls' | 'jpeg2000' | 'rle' | 'video' | 'jpeg-xl' | 'deflate' | 'referenced' | 'encapsulated-native';

export interface TransferSyntax {
  uid: string;
  name: string;
  explicitVr: boolean;
  littleEndian: boolean;
  /** Pixel data in fragments (undefined length, items), one or more per frame. */
  encapsulated: boolean;
  /** May have lost information (lossy codecs, or a lossless-or-lossy one like JPEG 2000 .91). */
  lossy: boolean;
  /** The data set after the file meta group is deflate-compressed (raw deflate, RFC 1951). */
  deflated: boolean;
  codec: CodecFamily;
  retired?: boolean;
}

export const IMPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2';
export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
export const EXPLICIT_VR_BIG_ENDIAN = '1.2.840.10008.1.2.2';
export const DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1.99';

type Row = [uid: string, name: string, codec: CodecFamily, lossy: boolean, flags?: string];

// flags: i implicit, b big endian, d deflated, r retired. Encapsulated = codec other than native.
const ROWS: Row[] = [
  [IMPLICIT_VR_LITTLE_ENDIAN, 'Implicit VR Little Endian', 'native', false, 'i'],
  [EXPLICIT_VR_LITTLE_ENDIAN, 'Explicit VR Little Endian', 'native', false],
  ['1.2.840.10008.1.2.1.98', 'Encapsulated Uncompressed Explicit VR Little Endian', 'encapsulated-native', false],
  [DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, 'Deflated Explicit VR Little Endian', 'native', false, 'd'],
  [EXPLICIT_VR_BIG_ENDIAN, 'Explicit VR Big Endian', 'native', false, 'br'],
  ['1.2.840.10008.1.2.4.50', 'JPEG Baseline (Process 1)', 'jpeg', true],
  ['1.2.840.10008.1.2.4.51', 'JPEG Extended (Process 2 & 4)', 'jpeg', true],
  ['1.2.840.10008.1.2.4.52', 'JPEG Extended (Process 3 & 5)', 'jpeg', true, 'r'],
  ['1.2.840.10008.1.2.4.53', 'JPEG Spectral Selection, Non-Hierarchical (Process 6 & 8)', 'jpeg', true, 'r'],
  ['1.2.840.10008.1.2.4.54', 'JPEG Spectral Selection, Non-Hierarchical (Process 7 & 9)', 'jpeg', true, 'r'],
  ['1.2.840.10008.1.2.4.55', 'JPEG Full Progression, Non-Hierarchical (Process 10 & 12)', 'jpeg', true, 'r'],
  ['1.2.840.10008.1.2.4.56', 'JPEG Full Progression, Non-Hierarchical (Process 11 & 13)', 'jpeg', true, 'r'],
  ['1.2.840.10008.1.2.4.57', 'JPEG Lossless, Non-Hierarchical (Process 14)', 'jpeg', false],
  ['1.2.840.10008.1.2.4.58', 'JPEG Lossless, Non-Hierarchical (Process 15)', 'jpeg', false, 'r'],
  ['1.2.840.10008.1.2.4.59', 'JPEG Extended, Hierarchical (Process 16 & 18)', 'jpeg', true, 'r'],
  ['1.2.840.10008.1.2.4.60', 'JPEG Extended, Hierarchical (Process 17 & 19)', 'jpeg', true, 'r'],
  ['1.2.840.10008.1.2.4.61', 'JPEG Spectral Selection, Hierarchical (Process 20 & 22)', 'jpeg', true, 'r'],
  ['1.2.840.10008.1.2.4.62', 'JPEG Spectral Selection, Hierarchical (Process 21 & 23)', 'jpeg', true, 'r'],
  ['1.2.840.10008.1.2.4.63', 'JPEG Full Progression, Hierarchical (Process 24 & 26)', 'jpeg', true, 'r'],
  ['1.2.840.10008.1.2.4.64', 'JPEG Full Progression, Hierarchical (Process 25 & 27)', 'jpeg', true, 'r'],
  ['1.2.840.10008.1.2.4.65', 'JPEG Lossless, Hierarchical (Process 28)', 'jpeg', false, 'r'],
  ['1.2.840.10008.1.2.4.66', 'JPEG Lossless, Hierarchical (Process 29)', 'jpeg', false, 'r'],
  ['1.2.840.10008.1.2.4.70', 'JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [SV1])', 'jpeg', false],
  ['1.2.840.10008.1.2.4.80', 'JPEG-LS Lossless', 'jpeg-ls', false],
  ['1.2.840.10008.1.2.4.81', 'JPEG-LS Lossy (Near-Lossless)', 'jpeg-ls', true],
  ['1.2.840.10008.1.2.4.90', 'JPEG 2000 (Lossless Only)', 'jpeg2000', false],
  ['1.2.840.10008.1.2.4.91', 'JPEG 2000', 'jpeg2000', true],
  ['1.2.840.10008.1.2.4.92', 'JPEG 2000 Part 2 Multi-component (Lossless Only)', 'jpeg2000', false],
  ['1.2.840.10008.1.2.4.93', 'JPEG 2000 Part 2 Multi-component', 'jpeg2000', true],
  ['1.2.840.10008.1.2.4.94', 'JPIP Referenced', 'referenced', false],
  ['1.2.840.10008.1.2.4.95', 'JPIP Referenced Deflate', 'referenced', false, 'd'],
  ['1.2.840.10008.1.2.4.100', 'MPEG2 Main Profile / Main Level', 'video', true],
  ['1.2.840.10008.1.2.4.100.1', 'Fragmentable MPEG2 Main Profile / Main Level', 'video', true],
  ['1.2.840.10008.1.2.4.101', 'MPEG2 Main Profile / High Level', 'video', true],
  ['1.2.840.10008.1.2.4.101.1', 'Fragmentable MPEG2 Main Profile / High Level', 'video', true],
  ['1.2.840.10008.1.2.4.102', 'MPEG-4 AVC/H.264 High Profile / Level 4.1', 'video', true],
  ['1.2.840.10008.1.2.4.102.1', 'Fragmentable MPEG-4 AVC/H.264 High Profile / Level 4.1', 'video', true],
  ['1.2.840.10008.1.2.4.103', 'MPEG-4 AVC/H.264 BD-compatible High Profile / Level 4.1', 'video', true],
  ['1.2.840.10008.1.2.4.103.1', 'Fragmentable MPEG-4 AVC/H.264 BD-compatible High Profile / Level 4.1', 'video', true],
  ['1.2.840.10008.1.2.4.104', 'MPEG-4 AVC/H.264 High Profile / Level 4.2 For 2D Video', 'video', true],
  ['1.2.840.10008.1.2.4.104.1', 'Fragmentable MPEG-4 AVC/H.264 High Profile / Level 4.2 For 2D Video', 'video', true],
  ['1.2.840.10008.1.2.4.105', 'MPEG-4 AVC/H.264 High Profile / Level 4.2 For 3D Video', 'video', true],
  ['1.2.840.10008.1.2.4.105.1', 'Fragmentable MPEG-4 AVC/H.264 High Profile / Level 4.2 For 3D Video', 'video', true],
  ['1.2.840.10008.1.2.4.106', 'MPEG-4 AVC/H.264 Stereo High Profile / Level 4.2', 'video', true],
  ['1.2.840.10008.1.2.4.106.1', 'Fragmentable MPEG-4 AVC/H.264 Stereo High Profile / Level 4.2', 'video', true],
  ['1.2.840.10008.1.2.4.107', 'HEVC/H.265 Main Profile / Level 5.1', 'video', true],
  ['1.2.840.10008.1.2.4.108', 'HEVC/H.265 Main 10 Profile / Level 5.1', 'video', true],
  ['1.2.840.10008.1.2.4.201', 'High-Throughput JPEG 2000 (Lossless Only)', 'jpeg2000', false],
  ['1.2.840.10008.1.2.4.202', 'High-Throughput JPEG 2000 with RPCL Options (Lossless Only)', 'jpeg2000', false],
  ['1.2.840.10008.1.2.4.203', 'High-Throughput JPEG 2000', 'jpeg2000', true],
  ['1.2.840.10008.1.2.4.204', 'JPIP HTJ2K Referenced', 'referenced', false],
  ['1.2.840.10008.1.2.4.205', 'JPIP HTJ2K Referenced Deflate', 'referenced', false, 'd'],
  ['1.2.840.10008.1.2.5', 'RLE Lossless', 'rle', false],
  ['1.2.840.10008.1.2.4.110', 'JPEG XL Lossless', 'jpeg-xl', false],
  ['1.2.840.10008.1.2.4.111', 'JPEG XL JPEG Recompression', 'jpeg-xl', false],
  ['1.2.840.10008.1.2.4.112', 'JPEG XL', 'jpeg-xl', true],
  ['1.2.840.10008.1.2.8.1', 'Deflated Image Frame Compression', 'deflate', false],
];

export const TRANSFER_SYNTAXES: ReadonlyMap<string, TransferSyntax> = new Map(
  ROWS.map(([uid, name, codec, lossy, flags = '']) => [uid, {
    uid, name, codec, lossy,
    explicitVr: !flags.includes('i'),
    littleEndian: !flags.includes('b'),
    deflated: flags.includes('d'),
    encapsulated: codec !== 'native' && codec !== 'referenced',
    ...(flags.includes('r') ? { retired: true } : {}),
  }]),
);

/** The entry for a UID (trailing NUL or space padding ignored), or undefined for private or unknown ones. */
export function transferSyntax(uid: string): TransferSyntax | undefined {
  return TRANSFER_SYNTAXES.get(uid.replace(/[\0 ]+$/, ''));
}

/**
 * For a UID we do not know (private syntaxes exist): the PS3.5 default for encapsulated-style
 * private syntaxes is explicit VR little endian, which is also what the data set looks like.
 */
export function unknownTransferSyntax(uid: string, explicitVr: boolean): TransferSyntax {
  return {
    uid, name: `Unknown transfer syntax ${uid}`, codec: 'native', lossy: false,
    explicitVr, littleEndian: true, deflated: false, encapsulated: false,
  };
}
