/**
 * The de-identification audit: per file and per attribute, the action taken and why, as CSV and
 * JSON, plus a per-file summary (counts per action, pixels, leftover findings). No PHI: files
 * are named by their de-identified output path (deidOutputPath) or an index.
 */
export {
  AUDIT_ACTIONS, type AuditEntry, type AuditFileInput, type AuditFileSummary, type AuditReport, type PixelOutcome,
} from './types';
export {
  buildAuditReport, summarizeFile, auditEntriesCsv, auditSummaryCsv, auditJson, AUDIT_ENTRY_COLUMNS, AUDIT_SUMMARY_COLUMNS,
} from './report';
export { deidOutputPath, type OutputPathParts } from './output-path';
