import { describe, expect, it } from 'vitest';
import { QuickLabelSession, classByItem } from '../../../src/lib/preprocess/labels';
import { quickLabelsDocument } from '../../../src/lib/workspace/dataset-quick-labels';
import { splitsDocument } from '../../../src/lib/workspace/dataset-splits';

const scans = ['a', 'b', 'c', 'd'].map((id, i) => ({ scanId: id, facts: { pseudonym: `P${i % 2}` } }));

describe('quickLabelsDocument', () => {
  it('turns keyboard labels into the document a CSV import makes, usable for stratified splits', () => {
    const session = new QuickLabelSession({ itemIds: scans.map((s) => s.scanId), classes: ['normal', 'reduced'] });
    for (const key of ['1', '2', '2', 'ArrowRight']) session.press(key);
    const doc = quickLabelsDocument('function', session.classes, session.snapshot(), scans);
    expect(doc.labels.records.map((r) => [r.key, r.patientPseudonym, r.values.function])).toEqual([
      ['a', 'P0', 'normal'], ['b', 'P1', 'reduced'], ['c', 'P0', 'reduced'],
    ]);
    expect([doc.summary.labelledItems, doc.summary.unlabelledItems]).toEqual([3, 1]);
    expect(doc.summary.classCounts).toEqual({ function: { normal: 1, reduced: 2 } });
    expect([...classByItem(doc.labels, 'function')]).toEqual([['a', 'normal'], ['b', 'reduced'], ['c', 'reduced']]);
    const splits = splitsDocument(scans, doc, { seed: 1, method: 'k-fold', k: 2, stratify: true });
    expect(splits.classColumn).toBe('function');
    expect(splits.balance.classes).toEqual(['normal', 'reduced']);
  });
});
