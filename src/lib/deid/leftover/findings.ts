import type { IdentifierKind } from './identifiers';
import type { PatternKind } from './patterns';
import type { RawEncoding } from './raw-scan';

/**
 * One leftover: WHERE and WHAT KIND, never the value (a report of leftovers must not itself
 * leak them). An identifier match is an error; a pattern match is a warning.
 */
export interface LeftoverFinding {
  severity: 'error' | 'warning';
  kind: IdentifierKind | PatternKind;
  /** 'element': found in a decoded value; 'raw': found in the file's bytes. */
  source: 'element' | 'raw';
  /** "GGGGEEEE[i].GGGGEEEE" of the element holding it; "preamble" or "outside-elements" for raw hits elsewhere. */
  path: string;
  /** "GGGGEEEE", or null outside any element. */
  tag: string | null;
  keyword: string | null;
  vr: string | null;
  /** Raw hits: the byte encoding that matched and the offset (file, or inflated data set for deflated files). */
  encoding?: RawEncoding;
  offset?: number;
}

export interface LeftoverResult {
  findings: LeftoverFinding[];
  /** No finding at all. */
  clean: boolean;
  errors: number;
  warnings: number;
}

export function leftoverResult(findings: LeftoverFinding[]): LeftoverResult {
  const errors = findings.filter((f) => f.severity === 'error').length;
  return { findings, clean: findings.length === 0, errors, warnings: findings.length - errors };
}

export interface FailClosedDecision {
  allowed: boolean;
  errors: number;
  warnings: number;
  /** Why export is blocked, for the person (no values). */
  reason: string | null;
}

/**
 * The fail-closed gate: export only when no error finding remains in any file, and only when
 * there are no warnings either, unless the person has looked at them and acknowledged them.
 */
export function failClosed(
  results: readonly Pick<LeftoverResult, 'errors' | 'warnings'>[],
  options: { warningsAcknowledged?: boolean } = {},
): FailClosedDecision {
  const errors = results.reduce((n, r) => n + r.errors, 0);
  const warnings = results.reduce((n, r) => n + r.warnings, 0);
  if (errors > 0) {
    const files = results.filter((r) => r.errors > 0).length;
    return { allowed: false, errors, warnings, reason: `${errors} original identifier(s) remain in ${files} file(s).` };
  }
  if (warnings > 0 && !options.warningsAcknowledged) {
    return { allowed: false, errors, warnings, reason: `${warnings} possible PHI pattern(s) need review and acknowledgement.` };
  }
  return { allowed: true, errors, warnings, reason: null };
}
