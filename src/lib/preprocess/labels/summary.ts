import type { KeyKind } from './schema';
import type { ImportedLabels, LabelImportSummary } from './types';

/** Counts for the import screen: what was matched, how classes and values spread. */
export function summariseLabels(
  labels: ImportedLabels,
  context: { keyColumn: string; keyKind: KeyKind; matched: LabelImportSummary['matched']; itemCount: number },
): LabelImportSummary {
  const labelled = new Set(labels.records.flatMap((r) => r.itemIds));
  const classCounts: LabelImportSummary['classCounts'] = {};
  const numeric: LabelImportSummary['numeric'] = {};
  for (const column of labels.columns) {
    const values = labels.records.map((r) => r.values[column.name] ?? null);
    if (column.type === 'categorical') {
      const counts = new Map<string, number>((column.classes ?? []).map((c) => [c, 0]));
      for (const v of values) if (typeof v === 'string') counts.set(v, (counts.get(v) ?? 0) + 1);
      if (column.classes || column.role === 'sensitive') classCounts[column.name] = Object.fromEntries(counts);
    } else {
      const numbers = values.filter((v): v is number => typeof v === 'number');
      // A loop, not Math.min(...numbers): spreading 100 000 rows overflows the call stack.
      let min = Infinity;
      let max = -Infinity;
      let sum = 0;
      for (const v of numbers) {
        min = Math.min(min, v);
        max = Math.max(max, v);
        sum += v;
      }
      const some = numbers.length > 0;
      numeric[column.name] = {
        count: numbers.length, missing: values.length - numbers.length,
        min: some ? min : Number.NaN, max: some ? max : Number.NaN, mean: some ? sum / numbers.length : Number.NaN,
      };
    }
  }
  const summary: LabelImportSummary = {
    rows: labels.records.length,
    level: labels.level,
    keyColumn: context.keyColumn,
    keyKind: context.keyKind,
    matched: context.matched,
    labelledItems: labelled.size,
    unlabelledItems: context.itemCount - labelled.size,
    patients: new Set(labels.records.map((r) => r.patientPseudonym)).size,
    classCounts,
    numeric,
  };
  const time = labels.columns.find((c) => c.role === 'time');
  const event = labels.columns.find((c) => c.role === 'event');
  if (time && event) {
    const events = labels.records.filter((r) => r.values[event.name] === 1).length;
    summary.survival = { time: time.name, event: event.name, events, censored: labels.records.length - events };
  }
  return summary;
}
