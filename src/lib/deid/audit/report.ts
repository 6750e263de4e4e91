import { toCsv } from '../../csv';
import type { PolicyAction } from '../policy';
import { AUDIT_ACTIONS, type AuditFileInput, type AuditFileSummary, type AuditReport } from './types';

export function summarizeFile(input: AuditFileInput): AuditFileSummary {
  const counts = Object.fromEntries(AUDIT_ACTIONS.map((a) => [a, 0])) as Record<PolicyAction, number>;
  for (const entry of input.entries) counts[entry.action] = (counts[entry.action] ?? 0) + 1;
  return {
    file: input.file,
    counts,
    attributes: input.entries.length,
    pixels: input.pixels,
    leftoverErrors: input.leftover.errors,
    leftoverWarnings: input.leftover.warnings,
    failure: input.failure ?? null,
  };
}

export function buildAuditReport(
  files: readonly AuditFileInput[],
  options: { createdAt?: Date; policy?: Record<string, unknown> } = {},
): AuditReport {
  return {
    format: 'enclave-deid-audit',
    version: 1,
    createdAt: (options.createdAt ?? new Date()).toISOString(),
    policy: options.policy ?? {},
    files: files.map((f) => ({
      summary: summarizeFile(f),
      // Only the five audit fields: an engine that added more (a value, by mistake) does not leak it here.
      entries: f.entries.map(({ path, tag, keyword, action, reason }) => ({ path, tag, keyword, action, reason })),
    })),
  };
}

export const AUDIT_ENTRY_COLUMNS = ['file', 'element_path', 'tag', 'keyword', 'action', 'reason'] as const;
export const AUDIT_SUMMARY_COLUMNS = [
  'file', ...AUDIT_ACTIONS.map((a) => `action_${a}`), 'attributes', 'pixels', 'leftover_errors', 'leftover_warnings', 'failure',
] as const;

/** One row per file and attribute; formula guard on (the file is opened in spreadsheets). */
export function auditEntriesCsv(report: AuditReport): string {
  const rows = report.files.flatMap(({ summary, entries }) =>
    entries.map((e) => [summary.file, e.path, e.tag, e.keyword, e.action, e.reason]));
  return toCsv(AUDIT_ENTRY_COLUMNS, rows, { guardFormulas: true });
}

/** One row per file: counts per action, pixels, leftover findings. */
export function auditSummaryCsv(report: AuditReport): string {
  const rows = report.files.map(({ summary: s }) => [
    s.file, ...AUDIT_ACTIONS.map((a) => s.counts[a]), s.attributes, s.pixels, s.leftoverErrors, s.leftoverWarnings, s.failure,
  ]);
  return toCsv(AUDIT_SUMMARY_COLUMNS, rows, { guardFormulas: true });
}

export function auditJson(report: AuditReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
