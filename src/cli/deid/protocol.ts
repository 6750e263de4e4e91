import type { AuditEntry, PixelOutcome } from '../../lib/deid/audit';
import type { PseudonymEntry } from '../../lib/deid/crypto';
import type { LeftoverResult } from '../../lib/deid/leftover';
import type { PixelReport } from '../../lib/deid/pipeline';
import type { DeidPolicy } from '../../lib/deid/policy';

/** The typed messages between the CLI's main thread and its worker threads. */
export interface WorkerInit {
  /** URL of the engine module (see engine.ts). */
  engineModule: string;
  policy: DeidPolicy;
  secret: Uint8Array;
  /** OCR burned-in text (tesseract.js) unless --no-ocr. */
  ocr: boolean;
}

export interface TaskMessage {
  index: number;
  path: string;
}

export type ResultMessage =
  | {
      index: number;
      ok: true;
      outputPath: string;
      /** Transferred, not copied. */
      bytes: Uint8Array;
      audit: AuditEntry[];
      pseudonym: PseudonymEntry;
      pixels: PixelOutcome;
      pixel: PixelReport;
      leftover: LeftoverResult;
    }
  | {
      index: number;
      ok: false;
      /** DicomParseError / UnsupportedFileError: not DICOM or a DICOMDIR (skipped); anything else failed. */
      errorName: string;
      /** For the terminal only, never for a report. */
      message: string;
    };
