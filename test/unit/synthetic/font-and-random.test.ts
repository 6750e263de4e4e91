import { describe, expect, it } from 'vitest';
import { isValidUid } from '../../../src/lib/dicom/write';
import { FONT_CHARACTERS, drawText, fakeIdentity, measureText, syntheticUid } from '../../../src/lib/synthetic';
import { createRng } from '../../../src/lib/synthetic/random';

describe('bitmap font', () => {
  it('measures 6 px per character at scale 1 (5 wide + 1 space), 7 px tall', () => {
    expect(measureText('FAKE-0001', 2)).toEqual({ width: 106, height: 14 });
    expect(measureText('', 3)).toEqual({ width: 0, height: 21 });
  });

  it('lights exactly the glyph pixels, scaled', () => {
    const img = { width: 40, height: 20, pixels: new Uint8Array(800) };
    const box = drawText(img, 'HI', 1, 2, 2, 200);
    expect(box).toEqual({ x: 1, y: 2, width: 22, height: 14 });
    // H has 17 lit cells, I has 11: 28 cells of 2×2 pixels.
    expect(img.pixels.filter((v) => v === 200).length).toBe(112);
    expect(img.pixels.filter((v) => v !== 0 && v !== 200).length).toBe(0);
    let minX = Infinity, maxX = -1, minY = Infinity, maxY = -1;
    img.pixels.forEach((v, i) => {
      if (v === 0) return;
      const x = i % 40, y = Math.floor(i / 40);
      minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y);
    });
    expect([minX, minY, maxX, maxY]).toEqual([1, 2, 20, 15]); // I's last column is blank
  });

  it('draws lower case as upper case and clips at the image edge', () => {
    const a = { width: 12, height: 7, pixels: new Uint8Array(84) };
    const b = { width: 12, height: 7, pixels: new Uint8Array(84) };
    drawText(a, 'ab', 0, 0, 1, 9);
    drawText(b, 'AB', 0, 0, 1, 9);
    expect(a.pixels).toEqual(b.pixels);
    expect(() => drawText(a, 'WWWW', 5, 3, 2, 9)).not.toThrow();
  });

  it('has a distinct shape for every character, so text can be read back', () => {
    const shapes = FONT_CHARACTERS.map((ch) => {
      const img = { width: 5, height: 7, pixels: new Uint8Array(35) };
      drawText(img, ch, 0, 0, 1, 1);
      return img.pixels.join('');
    });
    expect(new Set(shapes).size).toBe(FONT_CHARACTERS.length);
    for (const ch of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-,.:/^') expect(FONT_CHARACTERS).toContain(ch);
  });

  it('refuses characters it cannot draw', () => {
    expect(() => drawText({ width: 10, height: 10, pixels: new Uint8Array(100) }, 'é', 0, 0, 1, 1)).toThrow(RangeError);
  });
});

describe('seeded randomness and UIDs', () => {
  it('repeats a stream for the same key and differs for another', () => {
    const a = createRng('k');
    const b = createRng('k');
    const c = createRng('k2');
    const first = [a.next(), a.next(), a.next()];
    expect([b.next(), b.next(), b.next()]).toEqual(first);
    expect(c.next()).not.toBe(first[0]);
    for (const v of first) expect(v >= 0 && v < 1).toBe(true);
  });

  it('draws roughly standard normals', () => {
    const rng = createRng('normal');
    const xs = Array.from({ length: 4000 }, () => rng.normal());
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
    expect(Math.abs(mean)).toBeLessThan(0.06);
    expect(variance).toBeGreaterThan(0.9);
    expect(variance).toBeLessThan(1.1);
  });

  it('builds valid, stable, distinct 2.25 UIDs', () => {
    const uid = syntheticUid(1, 'echo', 0, 'study');
    expect(uid).toBe(syntheticUid(1, 'echo', 0, 'study'));
    expect(uid).not.toBe(syntheticUid(2, 'echo', 0, 'study'));
    expect(uid).not.toBe(syntheticUid(1, 'echo', 1, 'study'));
    expect(uid).toMatch(/^2\.25\.[1-9]\d*$/);
    const many = Array.from({ length: 500 }, (_, i) => syntheticUid(7, 'x', i));
    expect(new Set(many).size).toBe(500);
    for (const u of many) {
      expect(isValidUid(u)).toBe(true);
      expect(u.length).toBeLessThanOrEqual(44);
    }
  });

  it('makes identities that are obviously fake', () => {
    expect(fakeIdentity(0)).toEqual({
      patientId: 'FAKE-0001', dicomName: 'FAKE^ALPHA^SAMPLE', bannerName: 'FAKE, ALPHA', recordNumber: 'FAKE-MRN-900001',
    });
    expect(fakeIdentity(27).dicomName).toBe('FAKE^BRAVO2^SAMPLE');
  });
});
