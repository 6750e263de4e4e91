/**
 * Which transfer syntaxes the pixel pipeline decodes, and how. One table, so the decoder, the
 * UI ("this file is JPEG 2000, lossy") and the tests agree on names and on what is lossy.
 */
import { EnclaveError } from '../../jobs';

/** How a frame's bytes are encoded. */
export type PixelEncoding =
  | 'native'
  | 'deflated-frame'
  | 'rle'
  | 'jpeg'
  | 'jpeg-ls'
  | 'jpeg-2000'
  | 'htj2k'
  | 'jpeg-xl';

export interface TransferSyntaxInfo {
  uid: string;
  name: string;
  encoding: PixelEncoding;
  lossy: boolean;
  bigEndian: boolean;
}

const P = '1.2.840.10008.1.2';

function entry(uid: string, name: string, encoding: PixelEncoding, lossy = false, bigEndian = false): TransferSyntaxInfo {
  return { uid, name, encoding, lossy, bigEndian };
}

const DECODABLE: readonly TransferSyntaxInfo[] = [
  entry(P, 'Implicit VR Little Endian', 'native'),
  entry(`${P}.1`, 'Explicit VR Little Endian', 'native'),
  // Fragments of native frames: the parser joins them, so a frame arrives as native bytes.
  entry(`${P}.1.98`, 'Encapsulated Uncompressed Explicit VR Little Endian', 'native'),
  // The parser inflates the whole data set; the pixels then arrive native.
  entry(`${P}.1.99`, 'Deflated Explicit VR Little Endian', 'native'),
  entry(`${P}.2`, 'Explicit VR Big Endian', 'native', false, true),
  entry(`${P}.5`, 'RLE Lossless', 'rle'),
  entry(`${P}.8.1`, 'Deflated Image Frame Compression', 'deflated-frame'),
  entry(`${P}.4.50`, 'JPEG Baseline (Process 1)', 'jpeg', true),
  entry(`${P}.4.51`, 'JPEG Extended (Process 2 & 4)', 'jpeg', true),
  entry(`${P}.4.57`, 'JPEG Lossless, Non-Hierarchical (Process 14)', 'jpeg'),
  entry(`${P}.4.70`, 'JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14, SV1)', 'jpeg'),
  entry(`${P}.4.80`, 'JPEG-LS Lossless', 'jpeg-ls'),
  entry(`${P}.4.81`, 'JPEG-LS Near-Lossless', 'jpeg-ls', true),
  entry(`${P}.4.90`, 'JPEG 2000 (Lossless Only)', 'jpeg-2000'),
  entry(`${P}.4.91`, 'JPEG 2000', 'jpeg-2000', true),
  entry(`${P}.4.92`, 'JPEG 2000 Part 2 Multi-component (Lossless Only)', 'jpeg-2000'),
  entry(`${P}.4.93`, 'JPEG 2000 Part 2 Multi-component', 'jpeg-2000', true),
  entry(`${P}.4.201`, 'High-Throughput JPEG 2000 (Lossless Only)', 'htj2k'),
  entry(`${P}.4.202`, 'High-Throughput JPEG 2000 with RPCL Options (Lossless Only)', 'htj2k'),
  entry(`${P}.4.203`, 'High-Throughput JPEG 2000', 'htj2k', true),
  entry(`${P}.4.110`, 'JPEG XL Lossless', 'jpeg-xl'),
  entry(`${P}.4.111`, 'JPEG XL JPEG Recompression', 'jpeg-xl', true),
  entry(`${P}.4.112`, 'JPEG XL', 'jpeg-xl', true),
];

const BY_UID = new Map(DECODABLE.map((info) => [info.uid, info]));

/** Known syntaxes this build does not decode as images, with the reason a person can act on. */
const NOT_DECODED: ReadonlyArray<[RegExp, string]> = [
  [/^1\.2\.840\.10008\.1\.2\.4\.(10[0-8])$/, 'is a video encoding (MPEG-2, MPEG-4 or HEVC); import it as a video instead'],
  [/^1\.2\.840\.10008\.1\.2\.4\.9[45]$/, 'only refers to pixels held on a JPIP server, which this offline app never contacts'],
  [/^1\.2\.840\.10008\.1\.2\.4\.20[45]$/, 'only refers to pixels held on a JPIP server, which this offline app never contacts'],
  [/^1\.2\.840\.10008\.1\.2\.4\.(5[2-9]|6\d)$/, 'is a retired JPEG process that DICOM no longer allows; convert the file with a DICOM toolkit (e.g. dcmdjpeg) first'],
  [/^1\.2\.840\.10008\.1\.2\.7\./, 'is an SMPTE ST 2110 real-time video syntax, which holds no stored frames'],
  [/^1\.2\.840\.10008\.1\.2\.6\./, 'wraps a MIME or XML document, not an image'],
];

export function transferSyntaxInfo(uid: string): TransferSyntaxInfo | undefined {
  return BY_UID.get(uid.trim());
}

export function decodableTransferSyntaxes(): readonly TransferSyntaxInfo[] {
  return DECODABLE;
}

/** The table entry, or an UnsupportedTransferSyntaxError that says why and what to do. */
export function requireTransferSyntax(uid: string): TransferSyntaxInfo {
  const info = transferSyntaxInfo(uid);
  if (info) return info;
  const trimmed = uid.trim();
  const known = NOT_DECODED.find(([pattern]) => pattern.test(trimmed));
  const reason = known
    ? known[1]
    : 'is not one this app knows; convert the file to Explicit VR Little Endian with a DICOM toolkit (e.g. dcmconv, gdcmconv) and import it again';
  return unsupported(`This file's pixels use transfer syntax ${trimmed || '(none given)'}, which ${reason}.`);
}

function unsupported(message: string): never {
  throw new EnclaveError('UnsupportedTransferSyntaxError', message);
}
