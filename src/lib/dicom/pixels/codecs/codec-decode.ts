/**
 * Decodes one compressed frame with the dcmjs-codecs WebAssembly, loaded on the first frame
 * that needs it. Returns little-endian sample bytes plus what the codec did to colour and
 * layout; turning bytes into typed stored values is the caller's job (stored-values.ts).
 */
import { EnclaveError } from '../../../jobs';
import type { ImagePixelDescription } from '../../attributes';
import type { PixelEncoding } from '../transfer-syntax';
import { importDcmjsCodecs, type DcmjsCodecs, type NativeCodecs } from './dcmjs-codecs-shape';
import { jpegColourSpace, jpegLsIsPlanar, jpegPrecision } from './markers';
import { precheck } from './precheck';
import { loadCodecWasm } from './wasm-source';

export type CodecEncoding = Exclude<PixelEncoding, 'native' | 'deflated-frame'>;

export interface CodecOutput {
  bytes: Uint8Array;
  /** What the samples are after decoding (see DecodedFrame.photometricInterpretation). */
  photometricInterpretation: string;
  /** Layout of the samples in `bytes`. */
  planarConfiguration: 0 | 1;
  steps: string[];
}

/** Thrown when the codec library itself cannot be loaded (as opposed to a bad frame). */
export class CodecUnavailable extends Error {}

let loading: Promise<DcmjsCodecs> | undefined;

function codecs(): Promise<DcmjsCodecs> {
  loading ??= (async () => {
    try {
      const library = await importDcmjsCodecs();
      if (!library.NativeCodecs.isInitialized()) {
        library.NativeCodecs._getWebAssemblyBytes = loadCodecWasm;
        await library.NativeCodecs.initializeAsync({ logCodecsInfo: false, logCodecsTrace: false });
      }
      return library;
    } catch (error) {
      loading = undefined; // let a later frame try again (e.g. after the network came back)
      throw new CodecUnavailable(error instanceof Error ? error.message : String(error));
    }
  })();
  return loading;
}

const NAMES: Record<CodecEncoding, string> = {
  rle: 'RLE',
  jpeg: 'JPEG',
  'jpeg-ls': 'JPEG-LS',
  'jpeg-2000': 'JPEG 2000',
  htj2k: 'HTJ2K',
  'jpeg-xl': 'JPEG XL',
};

export function codecName(encoding: CodecEncoding): string {
  return NAMES[encoding];
}

function decoderFor(native: NativeCodecs, encoding: CodecEncoding): NativeCodecs['decodeRle'] {
  switch (encoding) {
    case 'rle':
      return native.decodeRle.bind(native);
    case 'jpeg':
      return native.decodeJpeg.bind(native);
    case 'jpeg-ls':
      return native.decodeJpegLs.bind(native);
    case 'jpeg-2000':
      return native.decodeJpeg2000.bind(native);
    case 'htj2k':
      return native.decodeHtJpeg2000.bind(native);
    case 'jpeg-xl':
      return native.decodeJpegXl.bind(native);
  }
}

export async function decodeWithCodec(
  encoding: CodecEncoding,
  encoded: Uint8Array,
  description: ImagePixelDescription,
  lossy: boolean,
): Promise<CodecOutput> {
  const colour = description.samplesPerPixel > 1;
  if (encoding === 'jpeg-2000' && colour && description.bitsAllocated > 8) {
    // dcmjs-codecs 0.0.8 copies colour JPEG 2000 samples into bytes: more bits would be cut.
    throw new EnclaveError(
      'PixelDecodeError',
      `This file's pixels are ${description.bitsStored}-bit colour JPEG 2000, which this browser build cannot decode without losing bits; convert it with a DICOM toolkit (e.g. gdcmconv --raw) and import it again.`,
    );
  }
  const problem = precheck(encoding, encoded, description);
  if (problem) throw new EnclaveError('PixelDecodeError', `This frame is not valid ${NAMES[encoding]} data: ${problem}. The file is damaged.`);
  const library = await codecs();
  // libjpeg's 8-bit decoder lays rows out by Bits Allocated: an 8-bit stream in 16-bit words
  // would come back with gaps, so it is decoded as bytes and widened afterwards.
  const eightBitJpeg = encoding === 'jpeg' && description.bitsAllocated > 8 && (jpegPrecision(encoded) ?? 16) <= 8;
  const context = new library.Context({
    width: description.columns,
    height: description.rows,
    bitsAllocated: eightBitJpeg ? 8 : description.bitsAllocated,
    bitsStored: eightBitJpeg ? Math.min(8, description.bitsStored) : description.bitsStored,
    samplesPerPixel: description.samplesPerPixel,
    pixelRepresentation: description.pixelRepresentation,
    // Only RLE reads it (it lays the decoded planes out this way); the others emit interleaved.
    planarConfiguration: encoding === 'rle' ? description.planarConfiguration : 0,
    // The library's enum knows only some interpretations, and no colour conversion is asked of
    // it, so a neutral value is passed; the real one is handled in colour.ts.
    photometricInterpretation: colour ? 'RGB' : 'MONOCHROME2',
    encodedBuffer: encoded,
  });
  // No convertColorspaceToRgb: stored values stay what was compressed (as pydicom and GDCM
  // give them), and colour.ts converts YBR to RGB for display with the standard's equations.
  const decoded = decoderFor(library.NativeCodecs, encoding)(context, {}).getDecodedBuffer() ?? new Uint8Array(0);
  const steps = [`decoded ${NAMES[encoding]} with dcmjs-codecs (WebAssembly)`];
  const out: CodecOutput = {
    bytes: decoded,
    photometricInterpretation: description.photometricInterpretation,
    planarConfiguration: encoding === 'rle' ? description.planarConfiguration : 0,
    steps,
  };
  if (colour) adjustColour(encoding, encoded, lossy, out);
  return out;
}

function adjustColour(encoding: CodecEncoding, encoded: Uint8Array, lossy: boolean, out: CodecOutput): void {
  const pi = out.photometricInterpretation;
  if (encoding === 'jpeg') {
    // libjpeg upsamples subsampled chroma while decoding: 4:2:2 comes out as full YBR.
    if (pi === 'YBR_FULL_422') {
      out.photometricInterpretation = 'YBR_FULL';
      out.steps.push('chroma upsampled by the JPEG decoder: YBR_FULL_422 is now YBR_FULL');
    }
    if (!lossy) return; // lossless JPEG never transforms colour
    // Trust the JPEG stream's own colour markers (JFIF, Adobe) over a mislabelled attribute.
    const space = jpegColourSpace(encoded);
    if (space === 'rgb' && out.photometricInterpretation.startsWith('YBR')) {
      out.steps.push(`the JPEG stream says RGB (Adobe marker or component ids) although the file says ${pi}: treated as RGB`);
      out.photometricInterpretation = 'RGB';
    } else if (space === 'ycbcr' && out.photometricInterpretation === 'RGB') {
      out.steps.push('the JPEG stream says YCbCr (JFIF or Adobe marker) although the file says RGB: treated as YBR_FULL');
      out.photometricInterpretation = 'YBR_FULL';
    }
  } else if (encoding === 'jpeg-2000' || encoding === 'htj2k') {
    // The decoder inverts the multiple-component transform the codestream declares; without
    // one, the components were never transformed. Either way the samples are RGB now.
    if (pi === 'YBR_RCT' || pi === 'YBR_ICT') {
      out.photometricInterpretation = 'RGB';
      out.steps.push(`${pi} component transform inverted by the JPEG 2000 decoder: samples are RGB`);
    }
  } else if (encoding === 'jpeg-ls' && jpegLsIsPlanar(encoded)) {
    out.planarConfiguration = 1;
    out.steps.push('JPEG-LS scan is not interleaved: the decoder returned colour by plane');
  }
}
