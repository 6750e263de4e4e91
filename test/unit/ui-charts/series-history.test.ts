import { describe, expect, it } from 'vitest';
import type { EpochRecord } from '../../../src/lib/ml/train/types';
import { formatShort } from '../../../src/ui/components/charts/format';
import { learningRateSeries, lossSeries, metricSeries, throughputSeries } from '../../../src/ui/components/charts/history';
import { describeSeries, SERIES_COLOURS, seriesColour, tabulate, type LineSeries } from '../../../src/ui/components/charts/series';

function record(epoch: number, trainLoss: number, extra: Partial<EpochRecord> = {}): EpochRecord {
  return { epoch, trainLoss, valMetrics: {}, learningRate: 0.001, samplesPerSecond: 100 * epoch, numTensors: 42, ...extra };
}

describe('series from epoch records', () => {
  const history = [
    record(1, 0.69, { valLoss: 0.7, valMetrics: { val_accuracy: 0.5, val_auroc: 0.6 } }),
    record(2, 0.52, { valLoss: 0.61, valMetrics: { val_accuracy: 0.7, val_auroc: 0.75 }, learningRate: 0.0005 }),
    record(3, 0.41, { valMetrics: { val_accuracy: 0.75 } }),
  ];

  it('gives training and validation loss, validation only where recorded', () => {
    expect(lossSeries(history)).toEqual([
      { name: 'training loss', points: [{ x: 1, y: 0.69 }, { x: 2, y: 0.52 }, { x: 3, y: 0.41 }] },
      { name: 'validation loss', points: [{ x: 1, y: 0.7 }, { x: 2, y: 0.61 }], dashed: true },
    ]);
    expect(lossSeries([record(1, 0.3)])).toHaveLength(1);
  });

  it('gives one series per validation metric, skipping epochs without it', () => {
    expect(metricSeries(history)).toEqual([
      { name: 'validation accuracy', points: [{ x: 1, y: 0.5 }, { x: 2, y: 0.7 }, { x: 3, y: 0.75 }] },
      { name: 'validation AUROC', points: [{ x: 1, y: 0.6 }, { x: 2, y: 0.75 }] },
    ]);
    expect(metricSeries(history, ['val_auroc']).map((s) => s.name)).toEqual(['validation AUROC']);
  });

  it('gives throughput and the learning rate (on the right axis)', () => {
    expect(throughputSeries(history).points).toEqual([{ x: 1, y: 100 }, { x: 2, y: 200 }, { x: 3, y: 300 }]);
    const rate = learningRateSeries(history);
    expect(rate.axis).toBe('right');
    expect(rate.points.map((p) => p.y)).toEqual([0.001, 0.0005, 0.001]);
  });
});

describe('accessible forms of a chart', () => {
  const series: LineSeries[] = [
    { name: 'training loss', points: [{ x: 1, y: 0.69 }, { x: 2, y: 0.5 }, { x: 3, y: 0.4 }] },
    { name: 'validation loss', points: [{ x: 1, y: 0.7 }, { x: 3, y: 0.45 }] },
    { name: 'empty', points: [] },
  ];

  it('tabulates every x once, with gaps where a series has no value', () => {
    expect(tabulate(series)).toEqual({
      xs: [1, 2, 3],
      rows: [[0.69, 0.7, undefined], [0.5, undefined, undefined], [0.4, 0.45, undefined]],
    });
  });

  it('summarises each series in words', () => {
    expect(describeSeries(series, formatShort)).toBe(
      'training loss: 3 points from 0.69 at 1 to 0.4 at 3, lowest 0.4, highest 0.69; ' +
        'validation loss: 2 points from 0.7 at 1 to 0.45 at 3, lowest 0.45, highest 0.7; empty: no values yet',
    );
    expect(describeSeries([{ name: 'a', points: [{ x: 1, y: 2 }] }], formatShort)).toBe('a: 2 at 1');
  });

  it('colours series by position unless given a colour', () => {
    expect(seriesColour({ name: 'a', points: [] }, 1)).toBe(SERIES_COLOURS[1]);
    expect(seriesColour({ name: 'a', points: [] }, SERIES_COLOURS.length)).toBe(SERIES_COLOURS[0]);
    expect(seriesColour({ name: 'a', points: [], colour: '#123456' }, 0)).toBe('#123456');
  });
});
