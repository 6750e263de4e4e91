import { loadedUntil, wholeWindow } from './byte-window';
import { inflateDataset } from './deflate';
import { ElementParser, type Syntax } from './element-parser';
import { dicomParseError, NeedBytes, StopParse, truncationMessage } from './errors';
import { guessSyntax, notDicomError, readPart10Prefix } from './part10';
import {
  EXPLICIT_VR_BIG_ENDIAN, EXPLICIT_VR_LITTLE_ENDIAN, IMPLICIT_VR_LITTLE_ENDIAN, transferSyntax, unknownTransferSyntax,
  type TransferSyntax,
} from './transfer-syntax';
import type { ByteWindow, DicomNode, ParsedDicom, ParseMode } from './types';

/**
 * One synchronous parse of what is in `fileWindow`. Throws NeedBytes when a header scan needs
 * bytes that are not loaded yet (the async driver loads them and calls again), and a
 * DicomParseError when the file is not DICOM or not even its header can be read.
 */
export function parseWindow(fileWindow: ByteWindow, mode: ParseMode, bytesRead: number): ParsedDicom {
  const p = new ElementParser(fileWindow, mode);
  const prefix = readPart10Prefix(p);
  const isRaw = prefix.meta.length === 0;
  let ts: TransferSyntax;
  let guessed = false;
  if (prefix.transferSyntaxUid) {
    ts = transferSyntax(prefix.transferSyntaxUid) ?? unknownSyntax(p, prefix.transferSyntaxUid, prefix.datasetOffset);
  } else {
    const guess = guessSyntax(p, prefix.datasetOffset);
    if (!guess) {
      if (isRaw && !prefix.hasDicmPrefix) throw notDicomError();
      throw dicomParseError(p.size <= prefix.datasetOffset
        ? truncationMessage(p.size, undefined)
        : 'This file has DICOM file meta information but no transfer syntax, and its data set does not start with a DICOM element.');
    }
    ts = syntaxFor(guess);
    guessed = true;
    if (!isRaw) p.warn('meta-missing', `The file meta information names no transfer syntax; the data set looks like ${ts.name}.`);
  }

  let datasetWindow = fileWindow;
  let start = prefix.datasetOffset;
  let dp = p;
  if (ts.deflated) {
    if (loadedUntil(fileWindow, start) < fileWindow.size) throw new NeedBytes(start, fileWindow.size - start);
    const compressed = fileWindow.segments.find((s) => s.offset <= start)!;
    const inflated = inflateDataset(compressed.bytes.subarray(start - compressed.offset));
    datasetWindow = wholeWindow(inflated.bytes);
    start = 0;
    dp = new ElementParser(datasetWindow, mode, p.warnings);
    if (!inflated.complete) {
      dp.truncated = true;
      dp.warn('truncated', 'The deflated data set is damaged or cut short; only the part before the damage was read.');
    }
  }

  let syntax: Syntax = { explicitVr: ts.explicitVr, littleEndian: ts.littleEndian };
  if (!guessed && start < datasetWindow.size) {
    const seen = guessSyntax(dp, start);
    if (seen && (seen.explicitVr !== syntax.explicitVr || seen.littleEndian !== syntax.littleEndian)) {
      dp.warn('transfer-syntax-mismatch', `The transfer syntax says ${ts.name}, but the data set is encoded as ${syntaxFor(seen).name}; it was read as encoded.`, start);
      syntax = seen;
    }
  }

  const elements: DicomNode[] = [];
  dp.currentTag = undefined; // messages about the data set must not name the last meta element
  dp.lastGroup = undefined;
  try {
    dp.readElements(elements, start, datasetWindow.size, syntax, 0, false, true);
  } catch (e) {
    if (!(e instanceof StopParse)) throw e;
  }
  if (elements.length === 0) {
    throw dicomParseError(dp.truncated || p.size <= prefix.datasetOffset
      ? dp.truncationMessage()
      : 'This file has DICOM file meta information but no data set after it.');
  }
  const pixel = dp.pixelData;
  return {
    mode,
    hasPreamble: prefix.hasPreamble,
    hasDicmPrefix: prefix.hasDicmPrefix,
    meta: prefix.meta,
    elements,
    datasetOffset: prefix.datasetOffset,
    transferSyntax: ts,
    explicitVr: syntax.explicitVr,
    littleEndian: syntax.littleEndian,
    transferSyntaxGuessed: guessed,
    fileBytes: fileWindow,
    datasetBytes: datasetWindow,
    ...(pixel ? {
      pixelData: {
        tag: pixel.tag, vr: pixel.valueVr ?? pixel.vr, offset: pixel.offset, valueOffset: pixel.valueOffset,
        length: pixel.length, undefinedLength: pixel.undefinedLength, node: pixel,
      },
    } : {}),
    stoppedAtPixelData: dp.stoppedAtPixelData,
    truncated: dp.truncated,
    warnings: p.warnings,
    bytesRead,
  };
}

function unknownSyntax(p: ElementParser, uid: string, offset: number): TransferSyntax {
  const seen = guessSyntax(p, offset);
  p.warn('unknown-transfer-syntax', `The transfer syntax ${uid} is not one we know; the data set was read as ${seen?.explicitVr === false ? 'implicit' : 'explicit'} VR little endian.`);
  return unknownTransferSyntax(uid, seen?.explicitVr ?? true);
}

function syntaxFor(s: Syntax): TransferSyntax {
  const uid = !s.explicitVr ? IMPLICIT_VR_LITTLE_ENDIAN : s.littleEndian ? EXPLICIT_VR_LITTLE_ENDIAN : EXPLICIT_VR_BIG_ENDIAN;
  return transferSyntax(uid)!;
}
