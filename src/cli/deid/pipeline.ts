import { deidOutputPath, type AuditEntry, type PixelOutcome } from '../../lib/deid/audit';
import type { PseudonymEntry } from '../../lib/deid/crypto';
import {
  collectOriginalIdentifiers, scanForLeftoverPhi, type IdentifierKind, type LeftoverResult,
} from '../../lib/deid/leftover';
import type { DeidPolicy } from '../../lib/deid/policy';
import { datasetReader, metaReader, parseDicomBytes } from '../../lib/dicom/parse';
import { EnclaveError } from '../../lib/jobs';
import type { DeidEngine } from './engine';

/**
 * One file through the whole chain, the same for every CLI worker:
 * bytes → parse (full) → collect the original identifiers → engine (toEditable →
 * deidentifyHeader → serializePart10) → parse the output → output path → leftover-PHI check.
 */
export interface PipelineContext {
  engine: DeidEngine;
  policy: DeidPolicy;
  secret: Uint8Array;
  uidCache: Map<string, Promise<string>>;
}

export interface PipelineResult {
  /** pseudonym/study/series/instance.dcm from the DE-IDENTIFIED values. */
  outputPath: string;
  bytes: Uint8Array;
  audit: AuditEntry[];
  pseudonym: PseudonymEntry;
  pixels: PixelOutcome;
  leftover: LeftoverResult;
}

/** Media Storage Directory: its records repeat every patient's identity; the CLI does not rewrite it (yet). */
export const DICOMDIR_SOP_CLASS = '1.2.840.10008.1.3.10';

/** Identifier kinds the policy keeps on purpose, so finding them is not a leak. */
export function keptKinds(policy: DeidPolicy): IdentifierKind[] {
  const kinds: IdentifierKind[] = [];
  if (policy.options.retainUids) kinds.push('instance-uid');
  if (policy.options.retainInstitutionIdentity) kinds.push('institution-name', 'institution-address');
  if (policy.options.retainDeviceIdentity) kinds.push('station-name', 'device-serial');
  return kinds;
}

export async function deidentifyFile(bytes: Uint8Array, ctx: PipelineContext): Promise<PipelineResult> {
  const parsed = parseDicomBytes(bytes, { mode: 'full' });
  if (metaReader(parsed).string('MediaStorageSOPClassUID') === DICOMDIR_SOP_CLASS) {
    // Its records repeat every patient's identity and its file IDs would point at the old layout.
    throw new EnclaveError('UnsupportedFileError', 'This is a DICOMDIR; the CLI de-identifies the instances it lists, not the directory itself.');
  }
  const original = collectOriginalIdentifiers(datasetReader(parsed));
  const out = await ctx.engine.deidentify({ parsed, policy: ctx.policy, secret: ctx.secret, uidCache: ctx.uidCache });
  const outParsed = parseDicomBytes(out.bytes, { mode: 'full' });
  const reader = datasetReader(outParsed);
  const outputPath = deidOutputPath({
    pseudonym: out.pseudonym.pseudonym,
    studyInstanceUid: reader.string('StudyInstanceUID') ?? '',
    seriesInstanceUid: reader.string('SeriesInstanceUID') ?? '',
    sopInstanceUid: reader.string('SOPInstanceUID') || await contentName(out.bytes),
  });
  const leftover = scanForLeftoverPhi(outParsed, original, { ignoreKinds: keptKinds(ctx.policy) });
  return { outputPath, bytes: out.bytes, audit: out.audit, pseudonym: out.pseudonym, pixels: out.pixels, leftover };
}

/** A name for an instance without SOPInstanceUID: a digest of its de-identified bytes (unique, no PHI). */
async function contentName(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes.slice().buffer));
  return `no-uid-${[...digest.subarray(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** Whether a result may be written: no identifier left, and pixels cleaned where they had to be. */
export function blockingReasons(result: Pick<PipelineResult, 'leftover' | 'pixels'>): string[] {
  const reasons: string[] = [];
  if (result.leftover.errors > 0) reasons.push('leftover-phi');
  if (result.pixels === 'not-cleaned') reasons.push('pixels-not-cleaned');
  return reasons;
}
