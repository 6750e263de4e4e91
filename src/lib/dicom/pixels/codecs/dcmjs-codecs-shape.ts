/**
 * The few entry points of dcmjs-codecs (one WebAssembly build of libjpeg 8/12/16-bit, CharLS,
 * OpenJPEG, OpenJPH, libjxl and an RLE decoder) that the pixel pipeline calls, typed here so only
 * this file touches the package. Its frame-level `NativeCodecs.decode*` functions are used, not
 * its Transcoder, which needs a whole dcmjs data set and refuses JPEG Extended 12-bit even
 * though the WebAssembly decodes it.
 */

export interface CodecContextInit {
  width: number;
  height: number;
  bitsAllocated: number;
  bitsStored: number;
  samplesPerPixel: number;
  pixelRepresentation: number;
  planarConfiguration: number;
  photometricInterpretation: string;
  encodedBuffer: Uint8Array;
}

export interface CodecContext {
  getDecodedBuffer(): Uint8Array | undefined;
  getPhotometricInterpretation(): string | undefined;
  getPlanarConfiguration(): number | undefined;
}

type Decode = (context: CodecContext, parameters?: Record<string, unknown>) => CodecContext;

export interface NativeCodecs {
  initializeAsync(options?: { logCodecsInfo?: boolean; logCodecsTrace?: boolean }): Promise<void>;
  isInitialized(): boolean;
  decodeRle: Decode;
  decodeJpeg: Decode;
  decodeJpegLs: Decode;
  decodeJpeg2000: Decode;
  decodeHtJpeg2000: Decode;
  decodeJpegXl: Decode;
  /**
   * Internal in 0.0.8 (the version is pinned): where initializeAsync gets the WebAssembly bytes.
   * Its own version fetches through `eval("fetch(…)")` in a browser, which a CSP without
   * 'unsafe-eval' refuses, and reads `__dirname` in Node; replacing it lets the app hand over
   * bytes it loaded itself from its own origin.
   */
  _getWebAssemblyBytes: () => Promise<ArrayBuffer>;
}

export interface DcmjsCodecs {
  NativeCodecs: NativeCodecs;
  Context: new (init: CodecContextInit) => CodecContext;
}

function isDcmjsCodecs(value: unknown): value is DcmjsCodecs {
  return typeof value === 'object' && value !== null && 'NativeCodecs' in value && 'Context' in value;
}

/**
 * Loads the package's JavaScript on first use (it pulls in a copy of dcmjs, so images that need
 * no codec never pay for it). The package is a UMD bundle: Node and Vite hand it over as the
 * default export of the module namespace.
 */
export async function importDcmjsCodecs(): Promise<DcmjsCodecs> {
  const namespace: unknown = await import('dcmjs-codecs');
  const candidate = typeof namespace === 'object' && namespace !== null && 'default' in namespace ? namespace.default : namespace;
  if (isDcmjsCodecs(candidate)) return candidate;
  if (isDcmjsCodecs(namespace)) return namespace;
  throw new Error('dcmjs-codecs did not export NativeCodecs and Context');
}
