import { describe, expect, it } from 'vitest';
import { seriesSummaries, type DeidFileRecord } from '../../../src/lib/workspace/deid-summary';

function record(seriesKey: string, file: string, frameCount: number, flagged: number[]): DeidFileRecord {
  return {
    seriesKey, file, ok: true, audit: [], findings: [], errors: 0, warnings: 0, blocking: [], frameCount, seriesRef: `2.25.${seriesKey.length}`,
    pixel: {
      outcome: 'cleaned', maskedFrames: frameCount, legibleWarnings: 0, ocrUsed: true, notes: [],
      flaggedFrames: flagged.map((frame) => ({ frame, reason: 'OCR read text inside the imaging area' })),
    },
  };
}

describe('flagged frames within a series', () => {
  it('count the frames of the files before them, so the review opens at the right frame', () => {
    const [a, b] = seriesSummaries([
      record('a', 'x/1.dcm', 1, []),
      record('b', 'y/1.dcm', 16, [0]),
      record('a', 'x/2.dcm', 1, []),
      { seriesKey: 'a', file: '#4', ok: false, reason: 'DicomParseError', audit: [], findings: [], errors: 0, warnings: 0, blocking: [] },
      record('a', 'x/3.dcm', 1, [0]),
      record('a', 'x/4.dcm', 3, [2]),
    ]);
    expect(a!.flaggedFrames.map((f) => [f.file, f.frame, f.seriesFrame])).toEqual([['x/3.dcm', 0, 2], ['x/4.dcm', 2, 5]]);
    expect(a!.frameCount).toBe(6);
    expect(a!.seriesRef).toBe('2.25.1');
    expect(b!.flaggedFrames.map((f) => f.seriesFrame)).toEqual([0]);
  });
});
