/**
 * The export zip of a de-identification run: every output (stored: DICOM pixel data barely
 * compresses and storing keeps it fast) plus the audit CSV/JSON and the leftover-PHI report
 * (deflated text). Built with fflate's streaming Zip, so chunks go straight into the Blob's parts.
 */
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { auditEntriesCsv, auditJson, buildAuditReport, type AuditReport } from '../deid/audit';
import type { DeidFileRecord } from './deid-summary';

export const DEID_AUDIT_CSV = 'deid-audit.csv';
export const DEID_AUDIT_JSON = 'deid-audit.json';
export const LEFTOVER_PHI_JSON = 'leftover-phi.json';

export function auditReportOf(records: readonly DeidFileRecord[], options: { createdAt?: Date; policy?: Record<string, unknown> } = {}): AuditReport {
  return buildAuditReport(records.map((r) => ({
    file: r.file,
    entries: r.audit,
    pixels: r.pixel?.outcome ?? 'none',
    leftover: { errors: r.errors, warnings: r.warnings },
    failure: r.ok ? undefined : r.reason,
  })), options);
}

/** Per file: where and what kind each leftover finding is (the findings never hold values). */
export function leftoverReportJson(records: readonly DeidFileRecord[]): string {
  const files = records.filter((r) => r.ok).map((r) => ({
    file: r.file,
    errors: r.errors,
    warnings: r.warnings,
    findings: r.findings.map(({ severity, kind, source, path, tag, keyword, vr }) => ({ severity, kind, source, path, tag, keyword, vr })),
  }));
  return `${JSON.stringify({ format: 'enclave-leftover-phi', version: 1, files }, null, 2)}\n`;
}

export interface ZipEntry {
  path: string;
  bytes: Uint8Array;
  /** Deflate it (text); otherwise stored. */
  compress?: boolean;
}

export function zipBlob(entries: Iterable<ZipEntry>): Promise<Blob> {
  return new Promise<Blob>((resolve, reject) => {
    const parts: Uint8Array[] = [];
    const zip = new Zip((error, chunk, final) => {
      if (error) {
        reject(error);
        return;
      }
      parts.push(chunk);
      if (final) resolve(new Blob(parts as BlobPart[], { type: 'application/zip' }));
    });
    try {
      for (const entry of entries) {
        const file = entry.compress ? new ZipDeflate(entry.path, { level: 6 }) : new ZipPassThrough(entry.path);
        zip.add(file);
        file.push(entry.bytes, true);
      }
      zip.end();
    } catch (error) {
      reject(error);
    }
  });
}

export function* exportEntries(records: readonly DeidFileRecord[], outputs: ReadonlyMap<string, Uint8Array>, report: AuditReport): Generator<ZipEntry> {
  for (const [path, bytes] of outputs) yield { path, bytes };
  const text = new TextEncoder();
  yield { path: DEID_AUDIT_CSV, bytes: text.encode(auditEntriesCsv(report)), compress: true };
  yield { path: DEID_AUDIT_JSON, bytes: text.encode(auditJson(report)), compress: true };
  yield { path: LEFTOVER_PHI_JSON, bytes: text.encode(leftoverReportJson(records)), compress: true };
}
