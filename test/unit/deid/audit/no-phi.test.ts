import { describe, expect, it } from 'vitest';
import { auditEntriesCsv, auditJson, auditSummaryCsv, buildAuditReport } from '../../../../src/lib/deid/audit';
import { collectOriginalIdentifiers, type OriginalIdentifiers } from '../../../../src/lib/deid/leftover';
import { defaultPolicy } from '../../../../src/lib/deid/policy';
import { datasetReader, parseDicomBytes } from '../../../../src/lib/dicom/parse';
import { planSampleSet } from '../../../../src/lib/synthetic';
import { deidentifyFile } from '../../../../src/cli/deid/pipeline';
import { createEngine } from '../../../../src/cli/deid/real-engine';

describe('audit of the synthetic set (real header engine)', () => {
  it('holds none of the fake PHI', async () => {
    const plan = planSampleSet({ patients: 2, echoStudies: 2, ct: true, mr: true });
    const picks = [plan.files[0]!, plan.files[1]!, plan.files.find((f) => f.entry.kind.startsWith('ct'))!, plan.files.at(-1)!];
    const ctx = { engine: createEngine(), policy: defaultPolicy(), secret: new Uint8Array(32).fill(7), uidCache: new Map() };
    const inputs = [];
    const values = new Set<string>();
    for (const planned of picks) {
      const bytes = planned.write();
      const ids: OriginalIdentifiers = collectOriginalIdentifiers(datasetReader(parseDicomBytes(bytes)));
      for (const list of Object.values(ids) as string[][]) for (const v of list) values.add(v.toUpperCase());
      // Path parts that identify (patient folder, accession file name); 't1'/'t2' series folders do not.
      for (const part of planned.entry.path.split('/').slice(1)) if (/FAKE/i.test(part)) values.add(part.toUpperCase().replace(/\.DCM$/, ''));
      const result = await deidentifyFile(bytes, ctx);
      inputs.push({ file: result.outputPath, entries: result.audit, pixels: result.pixels, leftover: result.leftover });
    }
    // A fixed creation time, so the report's own timestamp cannot differ from run to run.
    const report = buildAuditReport(inputs, { createdAt: new Date('2000-01-01T00:00:00Z') });
    const text = [auditEntriesCsv(report), auditSummaryCsv(report), auditJson(report)].join('\n').toUpperCase();
    expect(report.files.every((f) => f.entries.length > 20)).toBe(true);
    expect(values.size).toBeGreaterThan(20);
    for (const value of values) expect(text.includes(value), `the original value ${value} is in the audit`).toBe(false);
    // every synthetic name, ID, accession and organisation contains FAKE; nothing of it may remain
    expect(text.includes('FAKE')).toBe(false);
  });
});
