/** Chart series from a run's epoch records, so the training view only picks which chart shows what. */
import type { EpochRecord } from '../../../lib/ml/train/types';
import { metricLabel } from './format';
import type { LineSeries } from './series';

/** Training loss, and validation loss when any epoch has one. */
export function lossSeries(history: readonly EpochRecord[]): LineSeries[] {
  const series: LineSeries[] = [{ name: 'training loss', points: history.map((r) => ({ x: r.epoch, y: r.trainLoss })) }];
  const validation = history.flatMap((r) => (r.valLoss === undefined ? [] : [{ x: r.epoch, y: r.valLoss }]));
  if (validation.length > 0) series.push({ name: 'validation loss', points: validation, dashed: true });
  return series;
}

/** One series per validation metric (in order of first appearance), or only the keys asked for. */
export function metricSeries(history: readonly EpochRecord[], keys?: readonly string[]): LineSeries[] {
  const wanted = keys ?? [...new Set(history.flatMap((r) => Object.keys(r.valMetrics)))];
  return wanted.map((key) => ({
    name: metricLabel(key),
    points: history.flatMap((r) => {
      const value = r.valMetrics[key];
      return value === undefined ? [] : [{ x: r.epoch, y: value }];
    }),
  }));
}

/** Training throughput per epoch. */
export function throughputSeries(history: readonly EpochRecord[]): LineSeries {
  return { name: 'samples/s', points: history.map((r) => ({ x: r.epoch, y: r.samplesPerSecond })) };
}

/** The learning rate per epoch (to show a schedule next to the loss, on a second axis). */
export function learningRateSeries(history: readonly EpochRecord[]): LineSeries {
  return { name: 'learning rate', points: history.map((r) => ({ x: r.epoch, y: r.learningRate })), axis: 'right', dashed: true };
}
