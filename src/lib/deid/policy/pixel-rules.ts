import { EnclaveError } from '../../jobs';
import { checkRegionRule, type RegionRule } from '../pixels/region-rules';
import type { DeidPolicy, HandDrawnMask, PixelRules, Rectangle } from './types';

/** The person's pixel rules of a policy; an empty set (built-in rules on) when it has none. */
export function pixelRulesOf(policy: DeidPolicy): PixelRules {
  return policy.pixelRules ?? { regionRules: [], useDefaultRules: true, handDrawn: [] };
}

function withRules(policy: DeidPolicy, patch: Partial<PixelRules>): DeidPolicy {
  return { ...policy, pixelRules: { ...pixelRulesOf(policy), ...patch } };
}

/** The hand-drawn rectangles for one series and image size (a series of another size gets none). */
export function handDrawnFor(policy: DeidPolicy, seriesRef: string | undefined, rows: number, columns: number): Rectangle[] {
  if (!seriesRef) return [];
  return pixelRulesOf(policy).handDrawn
    .filter((m) => m.seriesRef === seriesRef && m.rows === rows && m.columns === columns)
    .flatMap((m) => m.rectangles);
}

/** Adds a rectangle (clipped to the image; refused when nothing is left) to a series' hand-drawn masks. */
export function addHandDrawnRectangle(policy: DeidPolicy, target: Omit<HandDrawnMask, 'rectangles'>, rect: Rectangle): DeidPolicy {
  const clipped = clipRectangle(rect, target.columns, target.rows);
  if (!clipped) throw new EnclaveError('InvalidInputError', 'The rectangle lies outside the image: draw it on the frame.');
  const masks = pixelRulesOf(policy).handDrawn;
  const at = masks.findIndex((m) => m.seriesRef === target.seriesRef && m.rows === target.rows && m.columns === target.columns);
  const handDrawn = at < 0
    ? [...masks, { ...target, rectangles: [clipped] }]
    : masks.map((m, i) => (i === at ? { ...m, rectangles: [...m.rectangles, clipped] } : m));
  return withRules(policy, { handDrawn });
}

export function removeHandDrawnRectangle(policy: DeidPolicy, seriesRef: string, index: number): DeidPolicy {
  let seen = 0;
  const handDrawn = pixelRulesOf(policy).handDrawn
    .map((m) => {
      if (m.seriesRef !== seriesRef) return m;
      const rectangles = m.rectangles.filter(() => seen++ !== index);
      return { ...m, rectangles };
    })
    .filter((m) => m.rectangles.length > 0);
  return withRules(policy, { handDrawn });
}

export function setRegionRules(policy: DeidPolicy, regionRules: RegionRule[]): DeidPolicy {
  return withRules(policy, { regionRules: regionRules.map((rule, i) => checkRegionRule(rule, i + 1)) });
}

export function setUseDefaultRules(policy: DeidPolicy, useDefaultRules: boolean): DeidPolicy {
  return withRules(policy, { useDefaultRules });
}

export function clipRectangle([x, y, width, height]: Rectangle, columns: number, rows: number): Rectangle | undefined {
  const x0 = Math.max(0, Math.round(Math.min(x, x + width)));
  const y0 = Math.max(0, Math.round(Math.min(y, y + height)));
  const x1 = Math.min(columns, Math.round(Math.max(x, x + width)));
  const y1 = Math.min(rows, Math.round(Math.max(y, y + height)));
  return x1 > x0 && y1 > y0 ? [x0, y0, x1 - x0, y1 - y0] : undefined;
}

/** Checks `pixelRules` of a policy read from JSON; `fail` throws a DeidPolicyError naming the field. */
export function validatePixelRules(value: unknown, fail: (field: string, problem: string) => never): PixelRules {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('pixelRules', 'must be an object { regionRules, useDefaultRules, handDrawn }');
  const raw = value as Record<string, unknown>;
  if (!Array.isArray(raw.regionRules)) fail('pixelRules.regionRules', 'must be a list of rules');
  const regionRules = (raw.regionRules as unknown[]).map((rule, i) => {
    try {
      return checkRegionRule(rule, i + 1);
    } catch (error) {
      return fail(`pixelRules.regionRules[${i}]`, `is not a valid rule (${(error as Error).message})`);
    }
  });
  if (typeof raw.useDefaultRules !== 'boolean') fail('pixelRules.useDefaultRules', 'must be true or false');
  if (!Array.isArray(raw.handDrawn)) fail('pixelRules.handDrawn', 'must be a list');
  const handDrawn = (raw.handDrawn as unknown[]).map((mask, i) => checkHandDrawn(mask, `pixelRules.handDrawn[${i}]`, fail));
  return { regionRules, useDefaultRules: raw.useDefaultRules as boolean, handDrawn };
}

function checkHandDrawn(value: unknown, field: string, fail: (field: string, problem: string) => never): HandDrawnMask {
  if (typeof value !== 'object' || value === null) fail(field, 'must be an object { seriesRef, rows, columns, rectangles }');
  const m = value as Record<string, unknown>;
  if (typeof m.seriesRef !== 'string' || !/^[0-9.]{1,64}$/.test(m.seriesRef)) fail(`${field}.seriesRef`, 'must be a UID (digits and dots)');
  const size = (key: 'rows' | 'columns'): number => {
    const n = m[key];
    if (typeof n !== 'number' || !Number.isInteger(n) || n <= 0 || n > 65535) fail(`${field}.${key}`, 'must be a whole number from 1 to 65535');
    return n as number;
  };
  const rows = size('rows');
  const columns = size('columns');
  if (!Array.isArray(m.rectangles)) fail(`${field}.rectangles`, 'must be a list of [x, y, width, height]');
  const rectangles = (m.rectangles as unknown[]).map((r, i) => {
    const ok = Array.isArray(r) && r.length === 4 && r.every((v) => Number.isInteger(v) && v >= 0) && r[2] > 0 && r[3] > 0;
    if (!ok) fail(`${field}.rectangles[${i}]`, 'must be [x, y, width, height] in whole pixels, width and height above 0');
    return [r[0], r[1], r[2], r[3]] as Rectangle;
  });
  return { seriesRef: m.seriesRef as string, rows, columns, rectangles };
}
