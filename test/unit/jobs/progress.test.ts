import { describe, expect, it } from 'vitest';
import { throttleProgress, type Progress } from '../../../src/lib/jobs';

describe('throttleProgress', () => {
  it('passes the first report, the final report and a new stage, and drops the rest inside the interval', () => {
    let clock = 0;
    const seen: Progress[] = [];
    const report = throttleProgress((p) => seen.push(p), 100, () => clock);

    report({ stage: 'parse', done: 0, total: 10 });
    clock = 50;
    report({ stage: 'parse', done: 1, total: 10 });
    clock = 99;
    report({ stage: 'parse', done: 2, total: 10 });
    clock = 160;
    report({ stage: 'parse', done: 3, total: 10 });
    clock = 170;
    report({ stage: 'decode', done: 0, total: 4 });
    clock = 171;
    report({ stage: 'decode', done: 4, total: 4 });

    expect(seen.map((p) => `${p.stage}:${p.done}`)).toEqual(['parse:0', 'parse:3', 'decode:0', 'decode:4']);
  });
});
