import { describe, expect, it } from 'vitest';
import {
  jsonFileText, labelsJson, labelsMetadataCsv, readSplitsJson, splitsJson, type ExportItem,
} from '../../../src/lib/dataset/exports';
import type { ImportedLabels } from '../../../src/lib/preprocess/labels';
import { kFold, splitByPatient } from '../../../src/lib/preprocess/splits';

const ITEMS: ExportItem[] = [
  { itemId: 's1', patientPseudonym: 'ENC-A', studyUid: '2.25.1', metadata: { modality: 'US', frames: 32 } },
  { itemId: 's2', patientPseudonym: 'ENC-A', studyUid: '2.25.2', metadata: { modality: 'US', frames: 30 } },
  { itemId: 's3', patientPseudonym: 'ENC-B', studyUid: '2.25.3', metadata: { modality: 'CT' } },
];
const LABELS: ImportedLabels = {
  level: 'scan',
  columns: [
    { name: 'dx', role: 'class', type: 'categorical', classes: ['n', 'r'] },
    { name: 'ef', role: 'regression', type: 'numeric' },
    { name: 'note', role: 'covariate', type: 'categorical' },
  ],
  records: [
    { row: 2, kind: 'study', key: '2.25.1', patientPseudonym: 'ENC-A', itemIds: ['s1'], values: { dx: 'r', ef: -12.5, note: '=HYPERLINK("x")' } },
    { row: 3, kind: 'study', key: '2.25.2', patientPseudonym: 'ENC-A', itemIds: ['s2'], values: { dx: 'n', ef: 58, note: 'a, "quoted" note' } },
  ],
};

describe('labelsMetadataCsv', () => {
  it('writes one formula-guarded row per scan: ids, split, labels, metadata', () => {
    const csv = labelsMetadataCsv({ items: ITEMS, labels: LABELS, metadataColumns: ['modality', 'frames'], splitOf: new Map([['s1', 'train'], ['s2', 'train'], ['s3', 'test']]) });
    expect(csv).toBe([
      'item,patient,study,split,dx,ef,note,modality,frames',
      `s1,ENC-A,2.25.1,train,r,-12.5,"'=HYPERLINK(""x"")",US,32`,
      's2,ENC-A,2.25.2,train,n,58,"a, ""quoted"" note",US,30',
      's3,ENC-B,2.25.3,test,,,,CT,',
      '',
    ].join('\r\n'));
  });

  it('leaves out the split column when there is no split, and can start with a BOM', () => {
    const csv = labelsMetadataCsv({ items: ITEMS.slice(0, 1) }, { bom: true });
    expect(csv).toBe('\uFEFFitem,patient,study\r\ns1,ENC-A,2.25.1\r\n');
  });
});

describe('splitsJson', () => {
  const items = ITEMS.map((i) => ({ itemId: i.itemId, patientId: i.patientPseudonym }));

  it('records a hold-out split with its settings, and reads back', () => {
    const result = splitByPatient([...items, { itemId: 's4', patientId: 'ENC-C' }], { seed: 3, stratify: false, fractions: { train: 0.34, validation: 0.33, test: 0.33 } });
    const doc = splitsJson(result);
    expect(Object.keys(doc)).toEqual(['format', 'version', 'method', 'seed', 'stratify', 'fractions', 'splits']);
    expect(doc).toMatchObject({ format: 'enclave-splits', version: 1, method: 'holdout', seed: 3, stratify: false });
    expect(doc.splits!.train.items.length + doc.splits!.validation.items.length + doc.splits!.test.items.length).toBe(4);
    expect(readSplitsJson(jsonFileText(doc))).toEqual(doc);
  });

  it('records k-fold folds numbered from 1 and what was stratified by', () => {
    const doc = splitsJson(kFold(items, { k: 2, seed: 1, stratify: true }), { stratifiedBy: 'dx' });
    expect(doc).toMatchObject({ method: 'k-fold', k: 2, stratifiedBy: 'dx' });
    expect(doc.folds!.map((f) => f.fold)).toEqual([1, 2]);
    expect(doc.folds!.flatMap((f) => f.heldOut.patients).sort()).toEqual(['ENC-A', 'ENC-B']);
    expect(readSplitsJson(JSON.stringify(doc)).folds).toHaveLength(2);
  });

  it('refuses files that are not ours or of another version', () => {
    expect(() => readSplitsJson('nope')).toThrow('This splits file cannot be read: it is not JSON.');
    expect(() => readSplitsJson('{"format":"x"}')).toThrow(/not an Enclave splits file/);
    expect(() => readSplitsJson('{"format":"enclave-splits","version":2}')).toThrow(/version 2, and this app reads version 1/);
    expect(() => readSplitsJson('{"format":"enclave-splits","version":1,"method":"holdout","seed":1,"splits":{"train":{"items":[],"patients":[]}}}')).toThrow(/incomplete/);
  });
});

describe('labelsJson', () => {
  it('lists labels and annotations per scan, leaving out scans with neither', () => {
    const doc = labelsJson({
      items: ITEMS, labels: LABELS,
      annotations: [{ itemId: 's3', kind: 'box', frame: 4, label: 'lesion', geometry: [10, 20, 30, 40] }, { itemId: 's1', kind: 'note', note: 'poor window' }],
    });
    expect(doc).toEqual({
      format: 'enclave-labels', version: 1, level: 'scan', columns: LABELS.columns,
      items: [
        { item: 's1', patient: 'ENC-A', labels: { dx: 'r', ef: -12.5, note: '=HYPERLINK("x")' }, annotations: [{ kind: 'note', note: 'poor window' }] },
        { item: 's2', patient: 'ENC-A', labels: { dx: 'n', ef: 58, note: 'a, "quoted" note' }, annotations: [] },
        { item: 's3', patient: 'ENC-B', labels: {}, annotations: [{ kind: 'box', frame: 4, label: 'lesion', geometry: [10, 20, 30, 40] }] },
      ],
    });
  });
});
