import { createHash } from 'node:crypto';
import { deidOutputPath } from '../../../../src/lib/deid/audit/output-path';
import { originalLookupFromMaps, type DatasetItemRef, type OriginalToPseudonymLookup } from '../../../../src/lib/preprocess/labels';
import { labelsCsv, planSampleSet, type SamplePlan } from '../../../../src/lib/synthetic';

/**
 * The bundled sample set as the dataset would hold it after de-identification: one scan per
 * series, named only by pseudonyms and remapped UIDs; and the lookup the caller would build
 * from the decrypted pseudonym map and the run's UID map. The labels CSV is the real one:
 * `labelsCsv` is what src/cli/make-sample.ts writes to labels.csv.
 */
export interface SampleDataset {
  plan: SamplePlan;
  csv: string;
  items: DatasetItemRef[];
  lookup: OriginalToPseudonymLookup;
  /** Every original identifier, to prove none survives an import. */
  originals: string[];
  pseudonymOf: Map<string, string>;
  deidStudyOf: Map<string, string>;
}

function remapUid(uid: string): string {
  return `2.25.${BigInt(`0x${createHash('sha256').update(`uid|${uid}`).digest('hex').slice(0, 30)}`)}`;
}

export function sampleDataset(): SampleDataset {
  const plan = planSampleSet();
  const csv = labelsCsv(plan.cohort.studies);
  const pseudonymOf = new Map(plan.cohort.patients.map((p) => [p.patientId, `ENC-${createHash('sha256').update(p.patientId).digest('hex').slice(0, 10).toUpperCase()}`]));
  const deidStudyOf = new Map<string, string>();
  const files = new Map<string, string>();
  const bySeries = new Map<string, DatasetItemRef & { filePaths: string[] }>();
  for (const { entry } of plan.files) {
    const pseudonym = pseudonymOf.get(entry.patientId)!;
    const study = remapUid(entry.studyInstanceUid);
    const series = remapUid(entry.seriesInstanceUid);
    deidStudyOf.set(entry.studyInstanceUid, study);
    const path = deidOutputPath({ pseudonym, studyInstanceUid: study, seriesInstanceUid: series, sopInstanceUid: remapUid(entry.sopInstanceUid) });
    files.set(entry.path, path);
    const item = bySeries.get(series) ?? { itemId: series, patientPseudonym: pseudonym, studyUid: study, filePaths: [] };
    item.filePaths.push(path);
    bySeries.set(series, item);
  }
  const accessions = new Map(plan.cohort.studies.map((s) => [s.accessionNumber, deidStudyOf.get(s.studyInstanceUid)!]));
  const lookup = originalLookupFromMaps({ patients: pseudonymOf, studies: deidStudyOf, accessions, files });
  const originals = [
    ...plan.cohort.patients.flatMap((p) => [p.patientId, p.dicomName, p.recordNumber]),
    ...plan.cohort.studies.flatMap((s) => [s.studyInstanceUid, s.accessionNumber, s.path, s.sopInstanceUid]),
  ];
  return { plan, csv, items: [...bySeries.values()], lookup, originals, pseudonymOf, deidStudyOf };
}
