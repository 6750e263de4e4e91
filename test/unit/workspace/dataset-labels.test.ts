/**
 * The sample labels CSV is keyed by ORIGINAL identifiers (file path, patient ID, study UID,
 * accession number). Imported against a de-identified dataset, it is translated through the
 * session's outputs, labels land on the right scans, and nothing original is kept.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../../src/lib/deid/policy';
import type { DatasetItemRef } from '../../../src/lib/preprocess/labels';
import { generateSampleSet, type SampleSet } from '../../../src/lib/synthetic';
import { planScans } from '../../../src/lib/workspace/dataset-plan';
import { importDatasetLabels } from '../../../src/lib/workspace/dataset-labels';
import { DeidSession } from '../../../src/lib/workspace/deid-session';
import { ImportSession } from '../../../src/lib/workspace/import-session';

const SECRET = new Uint8Array(32).fill(9);
let set: SampleSet;
let deid: DeidSession;
let items: DatasetItemRef[];

beforeAll(async () => {
  set = await generateSampleSet({ patients: 3, echoStudies: 4, ct: false, mr: false });
  const imports = new ImportSession();
  // As the app drops the sample: under a "sample/" folder the CSV's paths do not mention.
  await imports.add(set.files.map((f) => ({ blob: new Blob([f.bytes as BlobPart]), path: `sample/${f.path}` })));
  deid = new DeidSession(imports);
  await deid.run({ policy: defaultPolicy(), secret: SECRET });
  items = planScans(deid.outputs.items(), 'cine').map((scan) => ({
    itemId: scan.scanId, patientPseudonym: scan.facts.pseudonym, studyUid: scan.facts.studyInstanceUid, filePaths: [scan.facts.file],
  }));
}, 120_000);

describe('importDatasetLabels', () => {
  it('translates a CSV keyed by original paths and IDs, labelling every echo scan, keeping no original value', () => {
    const outcome = importDatasetLabels(deid.outputs, set.labelsCsv, items);
    if (!outcome.result.ok) throw new Error(JSON.stringify(outcome.result.errors.slice(0, 3)));
    const { labels, summary, droppedColumns } = outcome.result;
    expect(items).toHaveLength(4);
    expect(summary.labelledItems).toBe(4);
    expect(summary.matched).toEqual({ deidentified: 0, original: 4 });
    expect(droppedColumns.map((c) => c.name).sort()).toEqual(['accession_number', 'file', 'patient_id', 'study_instance_uid']);
    // Each row's EF reaches the scan made from that very file.
    const csvRows = set.labelsCsv.trim().split('\n').slice(1).map((line) => line.split(','));
    for (const record of labels.records) {
      const [itemId] = record.itemIds;
      const source = csvRows[record.row - 2];
      expect(Number(source![5])).toBe(record.values.ejection_fraction);
      const outputs = deid.outputs.outputsByOriginal('sourcePath').get(`sample/${source![0]}`);
      expect(outputs?.map((p) => p.replace(/\.dcm$/, ''))).toEqual([itemId]);
    }
    const originals = csvRows.flatMap((row) => [row[0]!, row[1]!, row[2]!, row[3]!]);
    const kept = JSON.stringify(outcome.result);
    expect(originals.filter((value) => kept.includes(value))).toEqual([]);
  });

  it('imports nothing and names the row when a key matches no scan', () => {
    const broken = `${set.labelsCsv.trim()}\necho/NOBODY/NOWHERE.dcm,X,1.2.3,ACC,1,30,100,1,F,50,A\n`;
    const outcome = importDatasetLabels(deid.outputs, broken, items);
    expect(outcome.result.ok).toBe(false);
    if (outcome.result.ok) return;
    expect(outcome.result.errors.map((e) => [e.row, e.code])).toContainEqual([set.labelsCsv.trim().split('\n').length + 1, 'unknown-key']);
  });
});
