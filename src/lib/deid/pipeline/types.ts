import type { AuditEntry, PixelOutcome } from '../audit';
import type { PseudonymEntry } from '../crypto';
import type { LeftoverFinding, LeftoverResult } from '../leftover';
import type { CleanInstancePolicy, FlaggedFrame, TextRecognizer } from '../pixels';
import type { DeidPolicy } from '../policy';
import type { ParsedDicom } from '../../dicom/parse';

/** What happened to one instance's pixels, in words a reviewer can act on (no PHI). */
export interface PixelReport {
  outcome: PixelOutcome;
  /** The pixels were masked and re-written. */
  cleaned: boolean;
  /** OCR (a recognizer) helped find the text. */
  ocrUsed: boolean;
  /** Frames with at least one masked rectangle. */
  maskedFrames: number;
  /** Frames a person should look at (text inside the imaging area, legible text after masking). */
  flaggedFrames: FlaggedFrame[];
  /** Why cleaning was (not) done and how the masks were found. */
  notes: string[];
}

/** The seam between the per-instance pipeline and the engine proper (header + pixels): tests pass a stub. */
export interface EngineInput {
  /** The ORIGINAL file, fully parsed. */
  parsed: ParsedDicom;
  /** Its bytes (the pixel engine reads frames from them). */
  bytes: Uint8Array;
  policy: DeidPolicy;
  /** The per-project secret (32+ bytes). */
  secret: Uint8Array;
  /** One per session/worker: the same original UID maps once. Holds originals: memory only. */
  uidCache: Map<string, Promise<string>>;
}

export interface EngineOutput {
  /** The de-identified Part 10 file. */
  bytes: Uint8Array;
  audit: AuditEntry[];
  pseudonym: PseudonymEntry;
  pixels: PixelOutcome;
  /** Details of the pixel step; engines without one may leave it out. */
  pixel?: Omit<PixelReport, 'outcome'>;
  /** The series' pseudonymous UID (HMAC of SeriesInstanceUID), the key of hand-drawn masks. */
  seriesRef?: string;
}

export interface DeidEngine {
  deidentify(input: EngineInput): Promise<EngineOutput>;
}

export interface EngineOptions {
  /** How burned-in text is found (default: strategy 'both', OCR when a recognizer is given). */
  mask?: Partial<CleanInstancePolicy>;
  /** Reads words for OCR (tesseract.js); a factory is called on the first instance that needs it. */
  recognizer?: TextRecognizer | (() => Promise<TextRecognizer | undefined>);
}

export interface PipelineContext {
  engine: DeidEngine;
  policy: DeidPolicy;
  secret: Uint8Array;
  uidCache: Map<string, Promise<string>>;
}

export interface InstanceSuccess {
  ok: true;
  /** pseudonym/study/series/instance.dcm from the DE-IDENTIFIED values. */
  outputPath: string;
  bytes: Uint8Array;
  audit: AuditEntry[];
  pseudonym: PseudonymEntry;
  pixels: PixelOutcome;
  pixel: PixelReport;
  leftover: LeftoverResult;
  findings: LeftoverFinding[];
  /** See EngineOutput.seriesRef. */
  seriesRef?: string;
  /** Frames in the output (0 without pixel data), for the review screen's frame numbers. */
  frameCount: number;
}

export interface InstanceFailure {
  ok: false;
  /** The EnclaveError name (DicomParseError, UnsupportedFileError, …): safe for reports. */
  reason: string;
  /** For a terminal only: it may quote the file. */
  message: string;
}

export type InstanceResult = InstanceSuccess | InstanceFailure;
