import type { AuditEntry } from '../header';
import type { PolicyAction } from '../policy';

/**
 * The audit of a de-identification run. It says what was done, per file and per attribute, and
 * holds no PHI: files are named by their de-identified output path (pseudonym/study/series/
 * instance, see output-path.ts) or an index, attributes by tag path and keyword, never a value.
 */
export type { AuditEntry };

/** What happened to the pixels of one file. */
export type PixelOutcome = 'cleaned' | 'checked' | 'not-needed' | 'not-cleaned' | 'none';

export interface AuditFileInput {
  /** The de-identified output path, or "#<index>" when no output was written. Never the original path. */
  file: string;
  entries: readonly AuditEntry[];
  pixels: PixelOutcome;
  leftover: { errors: number; warnings: number };
  /** The EnclaveError name when the file failed (a name only: messages may quote the file). */
  failure?: string;
}

export const AUDIT_ACTIONS: readonly PolicyAction[] = ['D', 'Z', 'X', 'K', 'C', 'U'];

export interface AuditFileSummary {
  file: string;
  counts: Record<PolicyAction, number>;
  attributes: number;
  pixels: PixelOutcome;
  leftoverErrors: number;
  leftoverWarnings: number;
  failure: string | null;
}

export interface AuditReport {
  format: 'enclave-deid-audit';
  version: 1;
  /** ISO time of the run (not PHI; a caller may pass a fixed one). */
  createdAt: string;
  /** Policy facts the reader needs (e.g. its options), as the caller gives them. */
  policy: Record<string, unknown>;
  files: { summary: AuditFileSummary; entries: AuditEntry[] }[];
}
