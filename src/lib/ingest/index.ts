/**
 * Ingest: whatever a researcher drops (files, folders, zips, DICOMDIR media, NIfTI, PNG/JPEG,
 * MP4/WebM) becomes a stream of typed import items holding handles, not file contents.
 *
 *   for await (const r of walkEntries(droppedEntries)) inputs.push(r);   // main thread (drops)
 *   for await (const item of scanImport(inputs, { signal, onProgress })) …  // ingest worker
 */
export { blobByteSource, bytesByteSource, sliceByteSource, type ByteSource } from './byte-source';
export { sourceFromBlob, sourceFromBytes, normalisePath, type ImportSource } from './import-source';
export { walkEntries, walkHandles, walkFiles, type EntryLike, type DirectoryReaderLike, type HandleLike, type WalkResult } from './walk';
export { skipped, isSkippedItem, systemFileReason, type SkippedItem, type SkipCode } from './skipped';
export { sniff, sniffHead, SNIFF_BYTES, type Sniffed, type VideoContainer } from './sniff';
export { readFileMeta, DICOMDIR_SOP_CLASS_UID, type FileMetaSummary } from './file-meta';
export { expandZip, NESTED_ZIP_LIMIT } from './zip';
export { inflatingByteSource, gunzipByteSource, clearInflateCursors, type CompressionFormat } from './inflate';
export { readDicomdir, pathKey, type DicomdirHint, type DicomdirIndex, type DicomdirReference } from './dicomdir';
export { readDicomdirDataset } from './dicomdir-parse';
export { openNifti, NiftiProblem, type NiftiVolume, type NiftiHeaderInfo, type NiftiDatatype, type NiftiTypedArray } from './nifti';
export { readPngMetadata, readJpegMetadata, StillProblem, type StillMetadata } from './still-image';
export { readVideoMetadata, openVideoInput, mediabunnySource, VideoProblem, type VideoMetadata } from './video';
export { detectFrameDecoders, decodeStill, decodeVideo, type FrameDecoders, type RgbaFrame, type VideoDecodeOptions } from './decoders';
export { classifySource } from './classify';
export { scanImport, type ImportInput, type ScanOptions } from './scan-import';
export {
  summariseItem,
  type ImportItem,
  type ImportItemKind,
  type ImportItemSummary,
  type DicomImportItem,
  type DicomdirImportItem,
  type NiftiImportItem,
  type ImageImportItem,
  type VideoImportItem,
} from './items';
