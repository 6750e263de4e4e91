/**
 * Enclave's own DICOM parser: lossless (every element keeps its bytes' place), streaming
 * (header scans read only headers, from File slices), lenient with safety (anomalies are
 * warnings; adversarial input ends in a DicomParseError, never a hang or a raw exception).
 *
 *   const parsed = await parseDicom(file, { mode: 'header' });   // or parseFile(...) for batch rows
 *   const reader = datasetReader(parsed);                          // AttributeReader
 *   reader.string('PatientName'); reader.numbers('PixelSpacing');
 *   const frames = encodedFrames(parsed, blobSource(file));        // EncodedFrames, lazy per frame
 */
export { bytesSource, blobSource, toByteSource, type ByteSource } from './byte-source';
export {
  parseDicom, parseDicomBytes, parseFile, readPart10Header,
  type DicomInput, type ParseOptions, type ParseFileResult, type Part10Header,
} from './parse';
export type {
  ByteWindow, DicomItem, DicomNode, Fragment, ParsedDicom, ParseMode, ParseWarning, ParseWarningCode, PixelDataLocation,
} from './types';
export { DicomReader, datasetReader, metaReader, type VisitedElement } from './reader';
export { effectiveVr, parseDecimal, valueBytes } from './values';
export { encodedFrames, imagePixelDescription, readValue } from './frames';
export {
  TRANSFER_SYNTAXES, transferSyntax, IMPLICIT_VR_LITTLE_ENDIAN, EXPLICIT_VR_LITTLE_ENDIAN, EXPLICIT_VR_BIG_ENDIAN,
  DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, type TransferSyntax, type CodecFamily,
} from './transfer-syntax';
export {
  lookupTag, tagForKeyword, keywordForTag, isPrivateTag, formatTag, tagHex, parseTag, type DictionaryEntry,
} from './dictionary';
export { textDecoding, type TextDecoding } from './charset';
export { windowBytes } from './byte-window';
