import { describe, expect, it } from 'vitest';
import { complementOf, DEFAULT_REGION_RULES, matchRegionRule, mergeNearby, parseRegionRules, type RegionRule } from '../../../../src/lib/deid/pixels';

const cx50 = { manufacturer: 'Philips Medical Systems', model: 'CX50', modality: 'US', rows: 600, columns: 800 };

describe('region rules', () => {
  it('matches the built-in Philips CX50 rule by manufacturer, model, modality and size', () => {
    const rule = matchRegionRule(cx50);
    expect(rule?.name).toBe('Philips CX50 800×600: top banner');
    expect(rule?.rectangles).toEqual([[0, 0, 800, 60]]);
  });

  it('does not match another image size or another model', () => {
    expect(matchRegionRule({ ...cx50, rows: 768, columns: 1024 })).toBeUndefined();
    expect(matchRegionRule({ ...cx50, model: 'EPIQ 7' })).toBeUndefined();
    expect(matchRegionRule({ ...cx50, modality: 'CT' })).toBeUndefined();
  });

  it("tries the user's rules first, then the defaults; the first match wins", () => {
    const user: RegionRule[] = [
      { name: 'other scanner', model: '^EPIQ', rows: 600, columns: 800, rectangles: [[1, 1, 5, 5]] },
      { name: 'my CX50', manufacturer: 'philips', rows: 600, columns: 800, rectangles: [[0, 0, 800, 80]] },
      { name: 'any 800×600', rows: 600, columns: 800, rectangles: [[0, 0, 10, 10]] },
    ];
    expect(matchRegionRule(cx50, user)?.rectangles).toEqual([[0, 0, 800, 80]]);
    expect(matchRegionRule({ ...cx50, manufacturer: 'GE' }, user)?.name).toBe('any 800×600');
    expect(matchRegionRule(cx50, user.slice(0, 1))?.name).toBe('Philips CX50 800×600: top banner');
    expect(matchRegionRule(cx50, user.slice(0, 1), false)).toBeUndefined();
  });

  it('documents every default rule', () => {
    for (const rule of DEFAULT_REGION_RULES) expect(rule.source?.length).toBeGreaterThan(20);
  });

  it('reads user JSON and says which rule is wrong', () => {
    const rules = parseRegionRules('[{"name":"a","model":"^X$","rows":10,"columns":20,"rectangles":[[0,0,20,3]]}]');
    expect(rules[0]?.rectangles).toEqual([[0, 0, 20, 3]]);
    expect(() => parseRegionRules('{')).toThrow(/not valid JSON/);
    expect(() => parseRegionRules('[{"name":"a","rows":10,"columns":20,"rectangles":[[0,0,-1,3]]}]')).toThrow(/Region rule 1: each rectangle/);
    expect(() => parseRegionRules('[{"name":"a","model":"(","rows":10,"columns":20,"rectangles":[[0,0,1,3]]}]')).toThrow(/model is not a valid regular expression/);
    expect(() => parseRegionRules('[{"name":"a","rows":0,"columns":20,"rectangles":[[0,0,1,3]]}]')).toThrow(/rows must be/);
  });
});

describe('box arithmetic', () => {
  it('gives the complement of a kept box as four rectangles', () => {
    expect(complementOf([{ x: 120, y: 60, width: 680, height: 459 }], 800, 600)).toEqual([
      { x: 0, y: 0, width: 800, height: 60 },
      { x: 0, y: 60, width: 120, height: 459 },
      { x: 0, y: 519, width: 800, height: 81 },
    ]);
    expect(complementOf([{ x: 2, y: 2, width: 4, height: 4 }], 10, 10)).toEqual([
      { x: 0, y: 0, width: 10, height: 2 },
      { x: 0, y: 2, width: 2, height: 4 },
      { x: 6, y: 2, width: 4, height: 4 },
      { x: 0, y: 6, width: 10, height: 4 },
    ]);
    expect(complementOf([], 4, 3)).toEqual([{ x: 0, y: 0, width: 4, height: 3 }]);
  });

  it('merges glyph boxes into a line but keeps distant lines apart', () => {
    const glyphs = [
      { x: 0, y: 0, width: 5, height: 7 },
      { x: 8, y: 0, width: 5, height: 7 },
      { x: 40, y: 0, width: 5, height: 7 },
      { x: 0, y: 20, width: 5, height: 7 },
    ];
    expect(mergeNearby(glyphs, 4, 2)).toEqual([
      { x: 0, y: 0, width: 13, height: 7 },
      { x: 40, y: 0, width: 5, height: 7 },
      { x: 0, y: 20, width: 5, height: 7 },
    ]);
  });
});
