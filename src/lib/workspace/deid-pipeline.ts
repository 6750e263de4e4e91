/**
 * The ONE seam between the browser's DeidSession and the shared per-instance pipeline
 * (src/lib/deid/pipeline: parse → identifiers → pixels when needed → header → Part 10 → output
 * path → leftover check). It reduces the pipeline's result to what the session keeps, so a
 * change there is an edit here only.
 */
import type { AuditEntry, PixelOutcome } from '../deid/audit';
import type { PseudonymEntry } from '../deid/crypto';
import type { LeftoverResult } from '../deid/leftover';
import { seedKnownPseudonyms } from '../deid/header';
import { blockingReasons, createDeidEngine, deidentifyInstance } from '../deid/pipeline';
import type { FlaggedFrame, TextRecognizer } from '../deid/pixels';
import type { DeidPolicy } from '../deid/policy';

export interface InstanceDeidOptions {
  policy: DeidPolicy;
  /** The per-project secret (32+ bytes). */
  secret: Uint8Array;
  /** OCR for burned-in text; without it, masks come from the imaging area, static overlays and region rules. */
  recognizer?: TextRecognizer;
  /** Entries of an imported (decrypted) pseudonym map: these patients keep their pseudonyms. */
  knownPseudonyms?: readonly PseudonymEntry[];
}

/** What happened to one instance's pixels (no PHI). */
export interface InstancePixelReport {
  outcome: PixelOutcome;
  maskedFrames: number;
  flaggedFrames: FlaggedFrame[];
  /** Frames where the verification OCR could still read words after masking. */
  legibleWarnings: number;
  /** Whether OCR looked at this instance (it may be unavailable; masks then come from the rest). */
  ocrUsed: boolean;
  notes: string[];
}

export type InstanceOutcome =
  | {
    ok: true;
    outputPath: string;
    bytes: Uint8Array;
    audit: AuditEntry[];
    pseudonym: PseudonymEntry;
    pixel: InstancePixelReport;
    leftover: LeftoverResult;
    /** Why this output must not leave (leftover-phi, pixels-not-cleaned). */
    blocking: string[];
    /** The series' pseudonymous UID, under which hand-drawn masks are saved. */
    seriesRef?: string;
    frameCount: number;
  }
  /** `reason` is an EnclaveError name only: messages may quote the file. */
  | { ok: false; reason: string };

/** The pipeline reports text still legible after masking as flagged frames with this reason. */
const LEGIBLE_AFTER_MASKING = /^legible text after masking/;

/**
 * One de-identifier per run: one engine (the OCR recognizer is made once) and one UID cache,
 * so every UID, patient and date shift maps once. The cache holds originals: it dies with the run.
 */
export function createInstanceDeidentifier(options: InstanceDeidOptions): (bytes: Uint8Array) => Promise<InstanceOutcome> {
  const engine = createDeidEngine({ recognizer: options.recognizer, mask: { ocr: options.recognizer !== undefined } });
  const ctx = { engine, policy: options.policy, secret: options.secret, uidCache: new Map<string, Promise<string>>() };
  seedKnownPseudonyms(ctx.uidCache, options.knownPseudonyms ?? []);
  return async (bytes) => {
    const result = await deidentifyInstance(bytes, ctx);
    if (!result.ok) return { ok: false, reason: result.reason };
    const { pixel } = result;
    return {
      ok: true,
      outputPath: result.outputPath,
      bytes: result.bytes,
      audit: result.audit,
      pseudonym: result.pseudonym,
      pixel: {
        outcome: pixel.outcome,
        maskedFrames: pixel.maskedFrames,
        flaggedFrames: pixel.flaggedFrames,
        legibleWarnings: pixel.flaggedFrames.filter((f) => LEGIBLE_AFTER_MASKING.test(f.reason)).length,
        ocrUsed: pixel.ocrUsed,
        notes: pixel.notes,
      },
      leftover: result.leftover,
      blocking: blockingReasons(result),
      frameCount: result.frameCount,
      ...(result.seriesRef ? { seriesRef: result.seriesRef } : {}),
    };
  };
}
