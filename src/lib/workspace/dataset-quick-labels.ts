/**
 * Labels typed in the quick-label view become the same document a CSV import makes (one class
 * column, one row per labelled scan), so training, splits and exports need not care where
 * labels came from.
 */
import type { ImportedLabels, LabelImportSummary, LabelSchema } from '../preprocess/labels';
import { summariseLabels } from '../preprocess/labels/summary';

export interface QuickLabelsDocument {
  schema: LabelSchema;
  labels: ImportedLabels;
  summary: LabelImportSummary;
}

export function quickLabelsDocument(
  column: string,
  classes: readonly string[],
  labelled: ReadonlyMap<string, string>,
  scans: readonly { scanId: string; facts: { readonly [key: string]: string | number } }[],
): QuickLabelsDocument {
  const pseudonymOf = new Map(scans.map((s) => [s.scanId, String(s.facts.pseudonym ?? '')]));
  const records = scans
    .filter((scan) => labelled.has(scan.scanId))
    .map((scan, i) => ({
      row: i + 2,
      kind: 'item' as const,
      key: scan.scanId,
      patientPseudonym: pseudonymOf.get(scan.scanId) ?? '',
      itemIds: [scan.scanId],
      values: { [column]: labelled.get(scan.scanId) ?? null },
    }));
  const labels: ImportedLabels = {
    level: 'scan',
    columns: [{ name: column, role: 'class', type: 'categorical', classes: [...classes] }],
    records,
  };
  const schema: LabelSchema = {
    level: 'scan',
    columns: [
      { name: 'scan', role: 'key', type: 'categorical', keyKind: 'item' },
      { name: column, role: 'class', type: 'categorical', classes: [...classes] },
    ],
  };
  const summary = summariseLabels(labels, {
    keyColumn: 'scan', keyKind: 'item', matched: { deidentified: records.length, original: 0 }, itemCount: scans.length,
  });
  return { schema, labels, summary };
}
