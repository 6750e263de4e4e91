/**
 * What a de-identification run looks like to the UI: plain data per series (counts, pixel
 * cleaning, frames to review, leftover findings by kind and place) and the fail-closed export
 * decision. Never a value from a file, never an original path: files are named by output path,
 * or "#<n>" (their place in the run) when they failed.
 */
import type { AuditEntry } from '../deid/audit';
import type { EncryptedEnvelope } from '../deid/crypto';
import { failClosed, type FailClosedDecision, type LeftoverFinding } from '../deid/leftover';
import type { InstancePixelReport } from './deid-pipeline';

/** One input file of a run, as the session keeps it (bytes live in the session's output map). */
export interface DeidFileRecord {
  seriesKey: string;
  /** Output path, or "#<n>" when the file failed. */
  file: string;
  ok: boolean;
  /** EnclaveError name of a failure. */
  reason?: string;
  audit: AuditEntry[];
  pixel?: InstancePixelReport;
  findings: LeftoverFinding[];
  errors: number;
  warnings: number;
  /** Reasons this output may not leave, from the pipeline (leftover-phi, pixels-not-cleaned). */
  blocking: string[];
  pseudonym?: string;
  /** The series' pseudonymous UID (see HandDrawnMask.seriesRef). */
  seriesRef?: string;
  /** Frames of this output (0 without pixels), to number flagged frames within the series. */
  frameCount?: number;
}

export interface DeidFindingRow {
  file: string;
  severity: LeftoverFinding['severity'];
  kind: LeftoverFinding['kind'];
  source: LeftoverFinding['source'];
  path: string;
  keyword: string | null;
}

export interface DeidSeriesSummary {
  /**
   * The import tree's key of the ORIGINAL series (Viewable.key), so the UI can pair it with the
   * "before" view. It is built from original UIDs and IDs, like every key the import already
   * gave the UI: it stays in the UI and never goes into an export or report.
   */
  seriesKey: string;
  files: number;
  succeeded: number;
  failed: { file: string; reason: string }[];
  pixelsCleaned: number;
  /** Files whose pixels OCR read (besides keep areas, static overlays and device rules). */
  ocrChecked: number;
  /** Files whose pixels had to be cleaned and were not (blocks export). */
  pixelsNotCleaned: number;
  maskedFrames: number;
  /** `frame` counts within the file; `seriesFrame` within the series' de-identified frames (the review screen's index). */
  flaggedFrames: { file: string; frame: number; seriesFrame: number; reason: string }[];
  /** The series' pseudonymous UID: the key under which rectangles drawn on it are saved in the policy. */
  seriesRef?: string;
  /** Frames of the series' de-identified outputs. */
  frameCount: number;
  /** Words the verification OCR could still read after masking. */
  legibleWarnings: number;
  leftover: { errors: number; warnings: number; findings: DeidFindingRow[] };
  pseudonyms: string[];
}

export interface DeidSummary {
  series: DeidSeriesSummary[];
  files: number;
  outputs: number;
  cancelled: boolean;
  export: FailClosedDecision;
  exportAllowed: boolean;
  /** The original → pseudonym map, encrypted with the caller's passphrase (absent without one). */
  pseudonymMap?: EncryptedEnvelope;
}

export function seriesSummaries(records: readonly DeidFileRecord[]): DeidSeriesSummary[] {
  const bySeries = new Map<string, DeidSeriesSummary>();
  for (const r of records) {
    let s = bySeries.get(r.seriesKey);
    if (!s) {
      s = {
        seriesKey: r.seriesKey, files: 0, succeeded: 0, failed: [], pixelsCleaned: 0, ocrChecked: 0, pixelsNotCleaned: 0, maskedFrames: 0,
        flaggedFrames: [], legibleWarnings: 0, leftover: { errors: 0, warnings: 0, findings: [] }, pseudonyms: [], frameCount: 0,
      };
      bySeries.set(r.seriesKey, s);
    }
    s.files++;
    if (!r.ok) {
      s.failed.push({ file: r.file, reason: r.reason ?? 'Error' });
      continue;
    }
    s.succeeded++;
    const offset = s.frameCount;
    s.frameCount += r.frameCount ?? 0;
    if (r.seriesRef && !s.seriesRef) s.seriesRef = r.seriesRef;
    if (r.pixel?.outcome === 'cleaned') s.pixelsCleaned++;
    if (r.pixel?.ocrUsed) s.ocrChecked++;
    if (r.pixel?.outcome === 'not-cleaned') s.pixelsNotCleaned++;
    s.maskedFrames += r.pixel?.maskedFrames ?? 0;
    s.legibleWarnings += r.pixel?.legibleWarnings ?? 0;
    for (const f of r.pixel?.flaggedFrames ?? []) s.flaggedFrames.push({ file: r.file, frame: f.frame, seriesFrame: offset + f.frame, reason: f.reason });
    s.leftover.errors += r.errors;
    s.leftover.warnings += r.warnings;
    for (const f of r.findings) {
      s.leftover.findings.push({ file: r.file, severity: f.severity, kind: f.kind, source: f.source, path: f.path, keyword: f.keyword });
    }
    if (r.pseudonym && !s.pseudonyms.includes(r.pseudonym)) s.pseudonyms.push(r.pseudonym);
  }
  return [...bySeries.values()];
}

/**
 * failClosed over every output, plus two things it does not see: pixels that had to be cleaned
 * and were not (an error), and text still legible after masking (a warning to acknowledge).
 */
export function exportDecision(records: readonly DeidFileRecord[], warningsAcknowledged = false): FailClosedDecision {
  const outputs = records.filter((r) => r.ok);
  const decision = failClosed(
    outputs.map((r) => ({ errors: r.errors, warnings: r.warnings + (r.pixel?.legibleWarnings ?? 0) })),
    { warningsAcknowledged },
  );
  const unclean = outputs.filter((r) => r.blocking.includes('pixels-not-cleaned')).length;
  if (unclean > 0 && decision.errors === 0) {
    return { ...decision, allowed: false, reason: `${unclean} file(s) may have burned-in text that was not cleaned.` };
  }
  if (outputs.length === 0) return { ...decision, allowed: false, reason: 'Nothing was de-identified yet.' };
  return decision;
}
