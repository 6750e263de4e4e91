import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  auditEntriesCsv, auditJson, auditSummaryCsv, buildAuditReport, type AuditFileInput,
} from '../../lib/deid/audit';
import type { PseudonymEntry } from '../../lib/deid/crypto';
import type { LeftoverFinding } from '../../lib/deid/leftover';
import type { PixelReport } from '../../lib/deid/pipeline';
import type { DeidPolicy } from '../../lib/deid/policy';

/** What the CLI knows of one input file at the end (no PHI: the file is named by output path or "#n"). */
export interface FileOutcome {
  file: string;
  status: 'written' | 'blocked' | 'skipped' | 'failed' | 'duplicate';
  /** Why blocked ('leftover-phi', 'pixels-not-cleaned'), skipped or failed (an error name). */
  reasons: string[];
  audit?: AuditFileInput;
  findings: LeftoverFinding[];
  /** PHI: only for the encrypted map, never for a report. */
  pseudonym?: PseudonymEntry;
  /** What the pixel step did (written files only; no PHI). */
  pixel?: PixelReport;
}

export const REPORT_FILES = {
  auditCsv: 'deid-audit.csv',
  auditFilesCsv: 'deid-audit-files.csv',
  auditJson: 'deid-audit.json',
  leftover: 'leftover-phi.json',
} as const;

export async function writeReports(output: string, outcomes: readonly FileOutcome[], policy: DeidPolicy): Promise<void> {
  const audited = outcomes.flatMap((o) => (o.audit ? [o.audit] : []));
  const report = buildAuditReport(audited, { policy: { mode: policy.mode, options: { ...policy.options } } });
  const leftover = {
    format: 'enclave-leftover-phi',
    version: 1,
    totals: {
      files: outcomes.length,
      written: outcomes.filter((o) => o.status === 'written').length,
      blocked: outcomes.filter((o) => o.status === 'blocked').length,
      errors: outcomes.reduce((n, o) => n + o.findings.filter((f) => f.severity === 'error').length, 0),
      warnings: outcomes.reduce((n, o) => n + o.findings.filter((f) => f.severity === 'warning').length, 0),
    },
    files: outcomes
      .filter((o) => o.findings.length > 0 || o.status !== 'written')
      .map(({ file, status, reasons, findings }) => ({ file, status, reasons, findings })),
  };
  await Promise.all([
    writeFile(join(output, REPORT_FILES.auditCsv), auditEntriesCsv(report)),
    writeFile(join(output, REPORT_FILES.auditFilesCsv), auditSummaryCsv(report)),
    writeFile(join(output, REPORT_FILES.auditJson), auditJson(report)),
    writeFile(join(output, REPORT_FILES.leftover), `${JSON.stringify(leftover, null, 2)}\n`),
  ]);
}
