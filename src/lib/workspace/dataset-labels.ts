/**
 * Label import for a dataset, run in the ingest worker because that is where the original
 * identifiers of the de-identified outputs live (memory only). A CSV keyed by original patient
 * IDs, study UIDs, accession numbers or file paths is translated here; what comes back holds only
 * pseudonyms, de-identified UIDs and output paths.
 */
import {
  createLabelKeyIndex, importLabelsCsv, inferLabelSchema, normalisePath, originalLookupFromMaps,
  type DatasetItemRef, type InferredSchema, type LabelImportResult, type LabelSchema,
} from '../preprocess/labels';
import type { DeidOutputCatalog } from './deid-outputs';

export interface DatasetLabelImport {
  /** The mapping used: the caller's, or the one suggested from the header. */
  schema: LabelSchema;
  suggestions?: InferredSchema['suggestions'];
  result: LabelImportResult;
}

export function importDatasetLabels(
  catalog: DeidOutputCatalog, csvText: string, items: readonly DatasetItemRef[], schema?: LabelSchema,
): DatasetLabelImport {
  const inferred = schema ? undefined : inferLabelSchema(csvText);
  const used = schema ?? inferred!.schema;
  const result = importLabelsCsv(csvText, used, createLabelKeyIndex(items, originalLookup(catalog)));
  return { schema: used, suggestions: inferred?.suggestions, result };
}

function originalLookup(catalog: DeidOutputCatalog) {
  const first = (kind: 'patientId' | 'studyInstanceUid' | 'accessionNumber' | 'sourcePath', pick: (path: string) => string) => {
    const map = new Map<string, string>();
    for (const [original, paths] of catalog.outputsByOriginal(kind)) {
      const path = paths[0];
      if (path !== undefined) map.set(original, pick(path));
    }
    return map;
  };
  const pseudonymOf = (path: string) => catalog.item(path)?.pseudonym ?? '';
  const studyOf = (path: string) => catalog.item(path)?.studyInstanceUid ?? '';
  const lookup = originalLookupFromMaps({
    patients: first('patientId', pseudonymOf),
    studies: first('studyInstanceUid', studyOf),
    accessions: first('accessionNumber', studyOf),
  });
  return { ...lookup, filePath: fileMatcher(first('sourcePath', (path) => path)) };
}

/**
 * A CSV's paths are often relative to a different folder than the one dropped (the drop adds a
 * parent such as "sample/"), so a path matches a source path equal to it or ending in "/" + it,
 * when exactly one does.
 */
function fileMatcher(bySource: Map<string, string>): (path: string) => string | undefined {
  const normalised = new Map([...bySource].map(([source, output]) => [normalisePath(source), output]));
  return (raw) => {
    const path = normalisePath(raw);
    if (path === '') return undefined;
    const exact = normalised.get(path);
    if (exact !== undefined) return exact;
    const matches = [...normalised].filter(([source]) => source.endsWith(`/${path}`));
    return matches.length === 1 ? matches[0]![1] : undefined;
  };
}
