import { describe, expect, it } from 'vitest';
import { TAG } from '../../../src/lib/dicom/write';
import {
  ECHO_BANNER, ECHO_CAVITY_RANGE, ECHO_TISSUE_MIN, FONT_CHARACTERS, SITE_GAIN, drawText, echoBannerLines,
  planEchoCohort, renderEchoStudy, writeEchoStudy, type EchoStudyPlan,
} from '../../../src/lib/synthetic';
import { readBack } from './read-back';

/** Dark-but-not-black pixels inside the ultrasound region, per frame: the cavity, from pixels only. */
function cavityCounts(file: Uint8Array): number[] {
  const r = readBack(file);
  const rows = r.number(TAG.Rows);
  const cols = r.number(TAG.Columns);
  const frames = r.number(TAG.NumberOfFrames);
  const [region] = r.items(TAG.SequenceOfUltrasoundRegions);
  const x0 = r.number(TAG.RegionLocationMinX0, region), x1 = r.number(TAG.RegionLocationMaxX1, region);
  const y0 = r.number(TAG.RegionLocationMinY0, region), y1 = r.number(TAG.RegionLocationMaxY1, region);
  const pixels = r.pixels();
  const counts: number[] = [];
  for (let f = 0; f < frames; f++) {
    let n = 0;
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        const v = pixels[f * rows * cols + y * cols + x] ?? 0;
        if (v >= 1 && v <= 30) n++;
      }
    }
    counts.push(n);
  }
  return counts;
}

function efFromCounts(counts: readonly number[]): number {
  return 100 * (1 - (Math.min(...counts) / Math.max(...counts)) ** 1.5);
}

const cohort = planEchoCohort({ seed: 11, patients: 40, echoStudies: 40 });

describe('the hidden label is in the moving pixels', () => {
  const studies = [
    ...cohort.studies.filter((s) => s.reducedFunction === 1).slice(0, 5),
    ...cohort.studies.filter((s) => s.reducedFunction === 0).slice(0, 5),
  ];

  it('recovers EF within 3 points from dark-pixel counts alone', () => {
    expect(studies).toHaveLength(10);
    for (const study of studies) {
      const estimate = efFromCounts(cavityCounts(writeEchoStudy(study)));
      expect(Math.abs(estimate - study.ejectionFraction), `${study.accessionNumber}: ${estimate} vs ${study.ejectionFraction}`).toBeLessThan(3);
    }
  });

  it('separates the classes: every reduced estimate is below 40, every normal one above', () => {
    const estimates = studies.map((s) => ({ s, ef: efFromCounts(cavityCounts(writeEchoStudy(s))) }));
    const reduced = estimates.filter((e) => e.s.reducedFunction === 1).map((e) => e.ef);
    const normal = estimates.filter((e) => e.s.reducedFunction === 0).map((e) => e.ef);
    expect(Math.max(...reduced)).toBeLessThan(40);
    expect(Math.min(...normal)).toBeGreaterThan(40);
  });

  it('counts from pixels equal the cavity the renderer drew; ED is frame 0 and ES frame 8', () => {
    const study = studies[0]!;
    const cine = renderEchoStudy(study);
    const counts = cavityCounts(writeEchoStudy(study));
    expect(counts).toEqual(cine.cavityPixels);
    expect(counts.indexOf(Math.max(...counts))).toBe(0);
    expect(counts.indexOf(Math.min(...counts))).toBe(8);
  });

  it('keeps the value bands apart: 0 outside the fan, cavity 4–18, tissue ≥ 40', () => {
    const cine = renderEchoStudy(studies[1]!);
    const { width, height } = cine;
    const { minX, maxX, minY, maxY } = cine.region;
    const values = new Set<number>();
    for (let f = 0; f < cine.frames; f++) {
      for (let y = minY; y <= maxY; y++) for (let x = minX; x <= maxX; x++) values.add(cine.pixels[f * width * height + y * width + x] ?? 0);
    }
    const between = [...values].filter((v) => v > ECHO_CAVITY_RANGE.max && v < ECHO_TISSUE_MIN);
    expect(between).toEqual([]);
    expect(values.has(0)).toBe(true);
    expect([...values].some((v) => v >= ECHO_CAVITY_RANGE.min && v <= ECHO_CAVITY_RANGE.max)).toBe(true);
  });
});

describe('site changes brightness, not the label', () => {
  it('orders median tissue brightness as the exported SITE_GAIN constants say', () => {
    const medianTissue = (study: EchoStudyPlan): number => {
      const cine = renderEchoStudy(study);
      const frame = cine.pixels.subarray(0, cine.width * cine.height);
      const tissue = [...frame.subarray(cine.region.minY * cine.width)].filter((v) => v >= ECHO_TISSUE_MIN && v !== ECHO_BANNER.value).sort((a, b) => a - b);
      return tissue[tissue.length >> 1] ?? 0;
    };
    const bySite = (site: string) => {
      const values = cohort.studies.filter((s) => s.patient.site === site).slice(0, 4).map(medianTissue);
      return values.reduce((a, b) => a + b, 0) / values.length;
    };
    const [a, b, c] = [bySite('A'), bySite('B'), bySite('C')];
    expect(SITE_GAIN.B).toBeLessThan(SITE_GAIN.A);
    expect(SITE_GAIN.C).toBeGreaterThan(SITE_GAIN.A);
    expect(b).toBeLessThan(a);
    expect(c).toBeGreaterThan(a);
    expect(b / a).toBeCloseTo(SITE_GAIN.B / SITE_GAIN.A, 1);
  });
});

/** Reads one banner line back by matching every glyph cell against the font itself. */
function readBannerLine(pixels: Uint8Array, width: number, line: number, maxChars: number): string {
  const { scale, x, y, lineHeight, value } = ECHO_BANNER;
  const cell = (src: Uint8Array, srcWidth: number, left: number, top: number): string => {
    let bits = '';
    for (let gy = 0; gy < 7; gy++) for (let gx = 0; gx < 5; gx++) bits += src[(top + gy * scale) * srcWidth + left + gx * scale] === value ? '1' : '0';
    return bits;
  };
  const templates = new Map<string, string>();
  for (const ch of FONT_CHARACTERS) {
    const img = { width: 5 * scale, height: 7 * scale, pixels: new Uint8Array(35 * scale * scale) };
    drawText(img, ch, 0, 0, scale, value);
    templates.set(cell(img.pixels, img.width, 0, 0), ch);
  }
  let text = '';
  for (let i = 0; i < maxChars; i++) {
    const left = x + i * 6 * scale;
    if (left + 5 * scale > width) break;
    text += templates.get(cell(pixels, width, left, y + line * lineHeight)) ?? '?';
  }
  return text.trimEnd();
}

describe('burned-in banner', () => {
  const study = cohort.studies[3]!;
  const file = writeEchoStudy(study);
  const r = readBack(file);
  const pixels = r.pixels();
  const width = r.number(TAG.Columns);
  const height = r.number(TAG.Rows);

  it('shows the fake name, ID and study date from the header', () => {
    expect(echoBannerLines(study)).toEqual([
      study.patient.bannerName,
      `ID ${r.text(TAG.PatientID)}`,
      `${r.text(TAG.StudyDate).slice(0, 4)}-${r.text(TAG.StudyDate).slice(4, 6)}-${r.text(TAG.StudyDate).slice(6)}`,
    ]);
  });

  it('can be read back from the pixels of every frame by matching glyphs', () => {
    const lines = echoBannerLines(study);
    for (const f of [0, 7, 15]) {
      const frame = pixels.subarray(f * width * height, (f + 1) * width * height);
      lines.forEach((line, k) => expect(readBannerLine(frame, width, k, 16)).toBe(line));
    }
    expect(lines[1]).toBe(`ID ${study.patient.patientId}`);
  });

  it('draws its glyphs at least 10 px tall, above the ultrasound region', () => {
    expect(7 * ECHO_BANNER.scale).toBeGreaterThanOrEqual(10);
    const [region] = r.items(TAG.SequenceOfUltrasoundRegions);
    const bannerBottom = ECHO_BANNER.y + 2 * ECHO_BANNER.lineHeight + 7 * ECHO_BANNER.scale;
    expect(bannerBottom).toBeLessThanOrEqual(r.number(TAG.RegionLocationMinY0, region));
  });
});
