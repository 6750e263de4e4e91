/**
 * The pixel pipeline: describe an image's pixels once, decode frames to stored values, get
 * modality values, and render RGBA for display. Codec WebAssembly loads on first use; a
 * worker must call configureCodecWasm({ url }) first (see codecs/wasm-source.ts).
 */
export type { DecodedFrame, FrameAttributes, FrameGeometry, PaletteChannel, PaletteColorLut, PixelImageDescription, Rescale, StoredValues, VoiLutFunction, VoiWindow } from './types';
export { describeImagePixels, frameAttributes, type DescribeOptions } from './describe';
export { decodeEncodedFrame, decodeFrame, nativeFrameLength } from './decode-frame';
export { configureCodecWasm, DCMJS_CODECS_WASM, type CodecWasmSource } from './codecs/wasm-source';
export { decodableTransferSyntaxes, requireTransferSyntax, transferSyntaxInfo, type PixelEncoding, type TransferSyntaxInfo } from './transfer-syntax';
export { expandSegmentedLut } from './palette';
export { paletteToRgb, toDisplayRgb } from './colour';
export { modalityValues, rescaleRange, type ModalityValues } from './modality';
export { minMaxWindow, voiOutput } from './voi';
export { frameStatistics, type FrameStatistics } from './statistics';
export { renderFrame, type RenderedFrame, type WindowChoice } from './render';
