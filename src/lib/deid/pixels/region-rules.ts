/**
 * Region rules: fixed rectangles to blank for a given manufacturer, model and image size, in the
 * spirit of CTP's DicomPixelAnonymizer.script. Rules are plain JSON the user can edit. The first
 * matching rule wins (as in CTP), and the user's rules are tried before the built-in ones, so a
 * user rule for the same device replaces the default.
 */
import { EnclaveError } from '../../jobs';
import type { Box } from './types';

export interface RegionRule {
  /** Shown in the review screen and the audit report. */
  name: string;
  /** Regular expressions (case-insensitive) over Manufacturer / ManufacturerModelName / Modality. */
  manufacturer?: string;
  model?: string;
  modality?: string;
  rows: number;
  columns: number;
  /** [x, y, width, height] in pixels. */
  rectangles: [number, number, number, number][];
  /** Where the rectangles come from (for the documentation of the defaults). */
  source?: string;
}

export interface ImageIdentity {
  manufacturer?: string;
  model?: string;
  modality?: string;
  rows: number;
  columns: number;
}

/**
 * The built-in rules. Each covers only what was seen on real or generated images of that device;
 * the automatic detection (regions, static overlay, OCR) still runs alongside.
 */
export const DEFAULT_REGION_RULES: readonly RegionRule[] = [
  {
    name: 'Philips CX50 800×600: top banner',
    manufacturer: '^Philips',
    model: '^CX50$',
    modality: '^US$',
    rows: 600,
    columns: 800,
    rectangles: [[0, 0, 800, 60]],
    source: 'corpus OBXXXX1A.dcm: the dark-blue banner (rows 0–59) holds the patient name, ID, institution, date and time',
  },
  {
    name: 'SonoSite Turbo 320×240: patient label line',
    manufacturer: '^SonoSite',
    model: '^Turbo$',
    modality: '^US$',
    rows: 240,
    columns: 320,
    rectangles: [[0, 0, 120, 11]],
    source: 'corpus examples_ybr_color.dcm: the patient name is written at the top left (rows 0–10)',
  },
  {
    name: 'Enclave synthetic echo SYNTH-ECHO 3000 192×144: text banner',
    model: '^SYNTH-ECHO 3000$',
    modality: '^US$',
    rows: 144,
    columns: 192,
    rectangles: [[0, 0, 192, 53]],
    source: 'src/lib/synthetic/echo-cine.ts: three banner lines from y=3, 17 px apart, above the fan apex at y=54',
  },
];

function matches(pattern: string | undefined, value: string | undefined): boolean {
  if (pattern === undefined) return true;
  return new RegExp(pattern, 'i').test(value ?? '');
}

export function ruleMatches(rule: RegionRule, image: ImageIdentity): boolean {
  return (
    rule.rows === image.rows &&
    rule.columns === image.columns &&
    matches(rule.manufacturer, image.manufacturer) &&
    matches(rule.model, image.model) &&
    matches(rule.modality, image.modality)
  );
}

/** The first matching rule: the user's rules first, then (unless turned off) the defaults. */
export function matchRegionRule(image: ImageIdentity, userRules: readonly RegionRule[] = [], useDefaults = true): RegionRule | undefined {
  const rules = useDefaults ? [...userRules, ...DEFAULT_REGION_RULES] : userRules;
  return rules.find((rule) => ruleMatches(rule, image));
}

export function ruleBoxes(rule: RegionRule): Box[] {
  return rule.rectangles.map(([x, y, width, height]) => ({ x, y, width, height }));
}

/** Checks user-edited JSON: a list of rules with valid sizes, rectangles and regular expressions. */
export function parseRegionRules(json: string): RegionRule[] {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new EnclaveError('InvalidInputError', `The region rules are not valid JSON: ${(error as Error).message}.`);
  }
  if (!Array.isArray(value)) throw new EnclaveError('InvalidInputError', 'The region rules must be a JSON list of rules.');
  return value.map((raw: unknown, index) => checkRegionRule(raw, index + 1));
}

/** One rule from untrusted JSON, copied field by field (nothing else is kept); InvalidInputError names the problem. */
export function checkRegionRule(raw: unknown, position: number): RegionRule {
  const fail = (what: string): never => {
    throw new EnclaveError('InvalidInputError', `Region rule ${position}: ${what}.`);
  };
  if (typeof raw !== 'object' || raw === null) return fail('is not an object');
  const rule = raw as Record<string, unknown>;
  if (typeof rule.name !== 'string' || rule.name === '') fail('needs a name');
  for (const key of ['rows', 'columns'] as const) {
    if (!Number.isInteger(rule[key]) || (rule[key] as number) <= 0) fail(`${key} must be a positive whole number`);
  }
  for (const key of ['manufacturer', 'model', 'modality'] as const) {
    const pattern = rule[key];
    if (pattern === undefined) continue;
    if (typeof pattern !== 'string') fail(`${key} must be a regular expression in a string`);
    try {
      new RegExp(pattern as string, 'i');
    } catch {
      fail(`${key} is not a valid regular expression`);
    }
  }
  const rects = rule.rectangles;
  if (!Array.isArray(rects) || rects.length === 0) fail('needs at least one rectangle [x, y, width, height]');
  for (const r of rects as unknown[]) {
    if (!Array.isArray(r) || r.length !== 4 || !r.every((v) => Number.isInteger(v) && v >= 0)) {
      fail('each rectangle is [x, y, width, height] in whole pixels');
    }
  }
  const checked: RegionRule = {
    name: rule.name as string,
    rows: rule.rows as number,
    columns: rule.columns as number,
    rectangles: (rects as [number, number, number, number][]).map((r) => [r[0], r[1], r[2], r[3]]),
  };
  for (const key of ['manufacturer', 'model', 'modality', 'source'] as const) {
    if (typeof rule[key] === 'string') checked[key] = rule[key] as string;
  }
  return checked;
}
