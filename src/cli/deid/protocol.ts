import type { InstanceSuccess } from '../../lib/deid/pipeline';
import type { DeidPolicy } from '../../lib/deid/policy';
import type { InputRef } from './inputs';

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
  input: InputRef;
}

/** A worker's answer: the pipeline's result for one file (bytes transferred, not copied). */
export type ResultMessage =
  | ({ index: number } & Omit<InstanceSuccess, 'findings'>)
  | {
      index: number;
      ok: false;
      /** DicomParseError / UnsupportedFileError: not DICOM or a DICOMDIR (skipped); anything else failed. */
      errorName: string;
      /** For the terminal only, never for a report. */
      message: string;
    };
