/**
 * Decides what to mask in one instance: the area outside the imaging area, detected text boxes
 * (static overlay in loops, OCR words), region rules and hand-drawn rectangles, by policy.
 */
import type { AttributeReader } from '../../dicom/attributes';
import { clipBox, complementOf, intersects, padBox } from './boxes';
import { findKeepArea } from './keep-area';
import { matchRegionRule, ruleBoxes, type ImageIdentity, type RegionRule } from './region-rules';
import { detectStaticOverlay, type StaticOverlayOptions } from './static-overlay';
import { temporalRange } from './temporal-range';
import type { Box, FlaggedFrame, GreyImage, KeepArea, MaskPlan, MaskRectangle, TextRecognizer } from './types';

export type MaskStrategy = 'outside-keep-area' | 'text-boxes' | 'both';

export interface MaskPolicy {
  /**
   * outside-keep-area: blank everything outside the imaging area (text inside it is flagged);
   * text-boxes: blank only detected text; both: the two together.
   */
  strategy: MaskStrategy;
  /** Run OCR (needs a recognizer). */
  ocr: boolean;
  /** Look for static overlays in loops (default true). */
  staticOverlay?: boolean;
  staticOverlayOptions?: StaticOverlayOptions;
  /** The user's region rules, tried before the built-in ones. */
  regionRules?: readonly RegionRule[];
  /** Use DEFAULT_REGION_RULES too (default true). */
  useDefaultRules?: boolean;
  /** Rectangles drawn by hand for the series, applied to every frame. */
  handDrawn?: readonly Box[];
  /** Frames OCR reads, spread over the loop (default 1: the first). */
  ocrFrames?: number;
  /** Pixels added around every detected text box (default 2). */
  padding?: number;
}

export interface InstanceInfo {
  /** The data set's attributes (for the ultrasound regions), when at hand. */
  reader?: AttributeReader;
  identity: ImageIdentity;
}

/** Manufacturer, model, modality and size, read from the data set. */
export function instanceIdentity(reader: AttributeReader): ImageIdentity {
  return {
    manufacturer: reader.string('Manufacturer'),
    model: reader.string('ManufacturerModelName'),
    modality: reader.string('Modality'),
    rows: reader.number('Rows') ?? 0,
    columns: reader.number('Columns') ?? 0,
  };
}

/** `count` frame indexes spread evenly over `total` frames, the first always included. */
export function spreadFrames(total: number, count: number): number[] {
  const n = Math.max(1, Math.min(total, Math.round(count)));
  return [...new Set(Array.from({ length: n }, (_, i) => Math.floor((i * total) / n)))];
}

export async function planMasks(
  info: InstanceInfo,
  frames: readonly GreyImage[],
  policy: MaskPolicy,
  recognizer?: TextRecognizer,
): Promise<MaskPlan> {
  const { rows, columns } = info.identity;
  const notes: string[] = [];
  const flaggedFrames: FlaggedFrame[] = [];
  const rectangles: MaskRectangle[] = [];
  const padding = policy.padding ?? 2;
  const add = (box: Box, rest: Omit<MaskRectangle, keyof Box>): void => {
    const clipped = clipBox(box, columns, rows);
    if (clipped) rectangles.push({ ...clipped, ...rest });
  };
  const range = frames.length > 1 ? temporalRange(frames) : undefined;

  let keepArea: KeepArea | undefined;
  if (policy.strategy !== 'text-boxes') {
    keepArea = findKeepArea(info.reader, columns, rows, range, notes);
    if (keepArea) {
      for (const box of complementOf(keepArea.boxes, columns, rows)) add(box, { reason: 'outside-keep-area', detail: keepArea.source });
    } else notes.push('no imaging area known (no ultrasound regions, no moving sector): detected text boxes are masked instead');
  }
  const maskText = policy.strategy !== 'outside-keep-area' || !keepArea;
  const insideKeep = (box: Box): boolean => !keepArea || keepArea.boxes.some((k) => intersects(k, box));

  const textBoxes: MaskRectangle[] = [];
  if (range && policy.staticOverlay !== false) {
    const overlay = detectStaticOverlay(range, policy.staticOverlayOptions);
    notes.push(`static overlay: ${overlay.boxes.length} box(es), ${(overlay.movingShare * 100).toFixed(1)}% of pixels move`);
    for (const box of overlay.boxes) textBoxes.push({ ...padBox(box, padding), reason: 'static-overlay' });
  }
  if (policy.ocr) {
    if (!recognizer) notes.push('OCR asked for but no recognizer was given: skipped');
    else {
      for (const index of spreadFrames(frames.length, policy.ocrFrames ?? 1)) {
        const words = await recognizer.recognize(frames[index]!);
        // Burned-in text rarely moves: a word read on one frame is masked on every frame.
        for (const word of words) {
          textBoxes.push({ ...padBox(word, padding), reason: 'ocr-text', detail: `frame ${index + 1}, confidence ${Math.round(word.confidence)}` });
        }
        if (keepArea && words.some((w) => insideKeep(w))) flaggedFrames.push({ frame: index, reason: 'OCR read text inside the imaging area' });
      }
    }
  }
  for (const box of textBoxes) {
    // Text outside the kept area is already covered by the outside rectangles.
    if (keepArea && !insideKeep(box)) continue;
    if (maskText) add(box, { reason: box.reason, detail: box.detail });
    else if (box.reason === 'static-overlay') flaggedFrames.push({ frame: 0, reason: 'a static overlay lies inside the imaging area' });
  }

  const rule = matchRegionRule(info.identity, policy.regionRules, policy.useDefaultRules ?? true);
  if (rule) {
    for (const box of ruleBoxes(rule)) add(box, { reason: 'region-rule', detail: rule.name });
    notes.push(`region rule: ${rule.name}`);
  }
  for (const box of policy.handDrawn ?? []) add(box, { reason: 'hand-drawn' });

  return {
    rows,
    columns,
    frameCount: frames.length,
    rectangles,
    ...(keepArea ? { keepArea } : {}),
    flaggedFrames: dedupeFlags(flaggedFrames),
    notes,
  };
}

function dedupeFlags(flags: FlaggedFrame[]): FlaggedFrame[] {
  const seen = new Set<string>();
  return flags.filter((f) => {
    const key = `${f.frame}|${f.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The rectangles that apply to frame `index`. */
export function rectanglesForFrame(plan: MaskPlan, index: number): MaskRectangle[] {
  return plan.rectangles.filter((r) => !r.frames || r.frames.includes(index));
}
