import type { ImportedLabels, LabelValue } from './types';

/** Each scan's values (a patient-level row gives its values to every scan of the patient). */
export function labelsByItem(labels: ImportedLabels): Map<string, Record<string, LabelValue>> {
  const out = new Map<string, Record<string, LabelValue>>();
  for (const record of labels.records) for (const id of record.itemIds) out.set(id, record.values);
  return out;
}

/** Each scan's class in one column, for stratified splits and class balance. */
export function classByItem(labels: ImportedLabels, column: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const record of labels.records) {
    const value = record.values[column];
    if (value === null || value === undefined) continue;
    for (const id of record.itemIds) out.set(id, String(value));
  }
  return out;
}
