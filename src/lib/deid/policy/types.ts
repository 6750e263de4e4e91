/**
 * The de-identification policy: plain JSON, saved with the project, loaded by the CLI. Every
 * field has one meaning taken from PS3.15 Annex E (the Basic profile and its options), plus a
 * safe-list mode and per-attribute overrides. `version` lets a later format migrate old files.
 */
import type { RegionRule } from '../pixels/region-rules';

export type LongitudinalMode = 'off' | 'full' | 'modified';
export type CleanPixelMode = 'auto' | 'on' | 'off';
export type PolicyAction = 'D' | 'Z' | 'X' | 'K' | 'C' | 'U';

export interface DeidOptions {
  retainSafePrivate: boolean;
  retainUids: boolean;
  retainDeviceIdentity: boolean;
  retainInstitutionIdentity: boolean;
  retainPatientCharacteristics: boolean;
  retainLongitudinal: LongitudinalMode;
  cleanDescriptors: boolean;
  cleanStructuredContent: boolean;
  cleanGraphics: boolean;
  /** 'auto': on for every instance that has or may have burned-in text (see clean-pixel.ts). */
  cleanPixelData: CleanPixelMode;
  cleanRecognizableVisualFeatures: boolean;
}

/** One private attribute known to hold no identity: its creator, group and element within the block. */
export interface PrivateSafeEntry {
  creator: string;
  /** The private group, e.g. 0x0019. */
  group: number;
  /** The element's low byte within its creator's block (0x00-0xFF), e.g. 0x0C for (0019,xx0C). */
  element: number;
  keyword?: string;
}

export interface DeidPolicy {
  version: 1;
  profile: 'basic';
  options: DeidOptions;
  /** 'safe-list': only the listed attributes keep their values (see resolve-action.ts). */
  mode: 'profile' | 'safe-list';
  /** Keywords ("StudyDescription") or tags ("00081030", "(0008,1030)"). */
  safeList?: string[];
  /** Final word per attribute, keyed by keyword or tag. */
  overrides: Record<string, PolicyAction>;
  /** The per-patient date shift is drawn in [minDays, maxDays]. */
  dateShift: { minDays: number; maxDays: number };
  /** Ages above 89 years become "090Y" (HIPAA Safe Harbor). */
  hipaaAgeOver89: boolean;
  /** Replaces the built-in private safe list when given. */
  privateSafeList?: PrivateSafeEntry[];
  /** The person's own pixel masks: device region rules and rectangles drawn on a series. */
  pixelRules?: PixelRules;
}

/** Rectangle [x, y, width, height] in frame pixels (origin top-left). */
export type Rectangle = [number, number, number, number];

/** Rectangles drawn by hand on one series, applied to every frame of every instance of that size. */
export interface HandDrawnMask {
  /**
   * The series, named by its SeriesInstanceUID remapped with the project secret (the "2.25…"
   * UID the de-identified output carries unless UIDs are retained): it finds the series again
   * in a later run without keeping its original UID in the project.
   */
  seriesRef: string;
  rows: number;
  columns: number;
  rectangles: Rectangle[];
}

export interface PixelRules {
  /** Rules per manufacturer, model and image size (CTP style), tried before the built-in ones. */
  regionRules: RegionRule[];
  /** Whether the built-in rules (DEFAULT_REGION_RULES) apply too. */
  useDefaultRules: boolean;
  handDrawn: HandDrawnMask[];
}
