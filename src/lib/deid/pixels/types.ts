/**
 * Shapes shared by burned-in text detection and masking. Every box is in frame pixel
 * coordinates (x to the right, y down, origin top-left), width and height in pixels.
 */

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** An 8-bit grey view of one frame (what detection and OCR look at, not what is written). */
export interface GreyImage {
  width: number;
  height: number;
  data: Uint8Array;
}

export type MaskReason = 'outside-keep-area' | 'static-overlay' | 'ocr-text' | 'region-rule' | 'hand-drawn';

export interface MaskRectangle extends Box {
  reason: MaskReason;
  /** Which rule, region or word caused it (never the recognised text: that may be PHI). */
  detail?: string;
  /** 0-based frames this rectangle applies to; absent means every frame. */
  frames?: number[];
}

/** A word tesseract read, in frame pixel coordinates. `text` may be PHI: never log or store it. */
export interface OcrWord extends Box {
  text: string;
  /** 0–100, tesseract's word confidence. */
  confidence: number;
}

/** Anything that reads words off a grey frame (tesseract.js in practice, a stub in tests). */
export interface TextRecognizer {
  recognize(image: GreyImage): Promise<OcrWord[]>;
}

export interface FlaggedFrame {
  frame: number;
  reason: string;
}

export interface MaskPlan {
  rows: number;
  columns: number;
  frameCount: number;
  rectangles: MaskRectangle[];
  /** The imaging area that was kept, when the strategy used one. */
  keepArea?: KeepArea;
  /** Frames a person should look at in the review screen (e.g. text inside the imaging area). */
  flaggedFrames: FlaggedFrame[];
  /** How the plan was made, in words (no PHI). */
  notes: string[];
}

export interface KeepArea {
  boxes: Box[];
  source: 'ultrasound-regions' | 'sector-estimate';
}
