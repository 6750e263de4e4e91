import type { TransferSyntax } from './transfer-syntax';

/**
 * The lossless element tree. Every element keeps where its bytes are, so de-identification can
 * rewrite a file element by element and a leftover-PHI scan can visit everything, private and
 * unknown tags included. Offsets of data set elements are into `ParsedDicom.datasetBytes`
 * (the file itself, or the inflated data set of a deflated file); offsets of file meta
 * elements are into `ParsedDicom.fileBytes`. All of it is plain data (structured-cloneable).
 */
export interface DicomNode {
  /** (group << 16 | element) >>> 0 */
  tag: number;
  /** The VR as written (explicit), from the dictionary (implicit), or 'UN' when unknown. */
  vr: string;
  /**
   * How the value is to be read when that differs from `vr`: an explicit 'UN' whose tag the
   * dictionary knows (pydicom does the same). Absent when equal to `vr`.
   */
  valueVr?: string;
  /** Where the element's tag starts. */
  offset: number;
  /** Where the value starts (after tag, VR and length). */
  valueOffset: number;
  /** Value length in bytes; for undefined length, the bytes up to (not including) the closing delimiter. */
  length: number;
  undefinedLength: boolean;
  /** Items of a sequence (SQ, or UN/private holding a sequence). */
  items?: DicomItem[];
  /** Fragments of encapsulated data (pixel data with undefined length); the first is the Basic Offset Table. */
  fragments?: Fragment[];
  /** False when the fragment list stopped early (header scan) and must be walked from the source. */
  fragmentsComplete?: boolean;
  /** Offset just past the element, its delimiters included. */
  end: number;
}

export interface DicomItem {
  offset: number;
  valueOffset: number;
  length: number;
  undefinedLength: boolean;
  /** How the item's elements are encoded: a UN sequence holds implicit VR little endian items. */
  explicitVr: boolean;
  littleEndian: boolean;
  elements: DicomNode[];
  end: number;
}

export interface Fragment {
  /** Offset of the fragment's item tag. */
  offset: number;
  valueOffset: number;
  length: number;
}

export type ParseWarningCode =
  | 'truncated'
  | 'value-past-end'
  | 'missing-item-delimiter'
  | 'missing-sequence-delimiter'
  | 'unexpected-delimiter'
  | 'bad-item'
  | 'invalid-vr'
  | 'invalid-value-length'
  | 'odd-length'
  | 'meta-group-length'
  | 'meta-missing'
  | 'meta-implicit'
  | 'transfer-syntax-mismatch'
  | 'unknown-transfer-syntax'
  | 'un-sequence-unreadable'
  | 'depth-limit'
  | 'trailing-bytes'
  | 'tag-order';

export interface ParseWarning {
  code: ParseWarningCode;
  /** A sentence a person understands. */
  message: string;
  offset?: number;
  tag?: number;
}

/** Loaded ranges of a source: the whole file (full parse) or the headers (header scan). */
export interface ByteWindow {
  /** Sorted by offset, not overlapping. */
  segments: { offset: number; bytes: Uint8Array }[];
  /** Size of the whole thing the offsets refer to (file size, or inflated size). */
  size: number;
}

export interface PixelDataLocation {
  tag: number;
  vr: string;
  offset: number;
  valueOffset: number;
  /** Declared value length; for encapsulated data, up to the sequence delimiter when known. */
  length: number;
  undefinedLength: boolean;
  /** The element, with its fragments when encapsulated. */
  node: DicomNode;
}

export type ParseMode = 'header' | 'full';

export interface ParsedDicom {
  mode: ParseMode;
  /** 128-byte preamble followed by "DICM". */
  hasPreamble: boolean;
  /** "DICM" found (at 128, or at 0 for files written without preamble). */
  hasDicmPrefix: boolean;
  /** File meta elements (group 0002), always explicit VR little endian; empty for raw data sets. */
  meta: DicomNode[];
  elements: DicomNode[];
  /** Offset of the data set's first byte in `fileBytes` (after the meta group). */
  datasetOffset: number;
  transferSyntax: TransferSyntax;
  /** How the data set is actually encoded (differs from transferSyntax only when a mismatch was found; see warnings). */
  explicitVr: boolean;
  littleEndian: boolean;
  /** True when the transfer syntax was not in the meta group (raw data set) and was guessed. */
  transferSyntaxGuessed: boolean;
  fileBytes: ByteWindow;
  /** Same object as fileBytes unless the data set was deflated. */
  datasetBytes: ByteWindow;
  /** Pixel data at the top level of the data set (7FE0,0010 or the float variants), when present. */
  pixelData?: PixelDataLocation;
  /** The header scan stopped at pixel data; elements after it were not read. */
  stoppedAtPixelData: boolean;
  /** The file ended before the data set did: elements are what could be read. */
  truncated: boolean;
  warnings: ParseWarning[];
  /** Bytes read from the source (the whole file for a full parse). */
  bytesRead: number;
}
