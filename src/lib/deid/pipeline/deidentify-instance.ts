/**
 * One instance through the whole chain, the same in the CLI's worker threads and the browser's
 * de-identification worker: bytes → full parse → original identifiers → engine (pixels when
 * needed, header, Part 10) → parse the output → output path → leftover-PHI check.
 * Per-file failures are data ({ ok: false, reason }), never exceptions.
 */
import { deidOutputPath } from '../audit';
import { collectOriginalIdentifiers, scanForLeftoverPhi, type IdentifierKind } from '../leftover';
import type { DeidPolicy } from '../policy';
import { datasetReader, metaReader, parseDicomBytes } from '../../dicom/parse';
import { describeError, EnclaveError } from '../../jobs';
import type { InstanceResult, InstanceSuccess, PipelineContext } from './types';

/** Media Storage Directory: its records repeat every patient's identity; it is not rewritten (yet). */
export const DICOMDIR_SOP_CLASS = '1.2.840.10008.1.3.10';

/** Identifier kinds the policy keeps on purpose, so finding them is not a leak. */
export function keptKinds(policy: DeidPolicy): IdentifierKind[] {
  const kinds: IdentifierKind[] = [];
  if (policy.options.retainUids) kinds.push('instance-uid');
  if (policy.options.retainInstitutionIdentity) kinds.push('institution-name', 'institution-address');
  if (policy.options.retainDeviceIdentity) kinds.push('station-name', 'device-serial');
  return kinds;
}

export async function deidentifyInstance(bytes: Uint8Array, ctx: PipelineContext): Promise<InstanceResult> {
  try {
    return await deidentifyOrThrow(bytes, ctx);
  } catch (error) {
    const { name, message } = describeError(error);
    return { ok: false, reason: name, message };
  }
}

async function deidentifyOrThrow(bytes: Uint8Array, ctx: PipelineContext): Promise<InstanceSuccess> {
  const parsed = parseDicomBytes(bytes, { mode: 'full' });
  if (metaReader(parsed).string('MediaStorageSOPClassUID') === DICOMDIR_SOP_CLASS) {
    throw new EnclaveError('UnsupportedFileError', 'This is a DICOMDIR; the instances it lists are de-identified, not the directory itself.');
  }
  const original = collectOriginalIdentifiers(datasetReader(parsed));
  const out = await ctx.engine.deidentify({ parsed, bytes, policy: ctx.policy, secret: ctx.secret, uidCache: ctx.uidCache });
  const outParsed = parseDicomBytes(out.bytes, { mode: 'full' });
  const reader = datasetReader(outParsed);
  const outputPath = deidOutputPath({
    pseudonym: out.pseudonym.pseudonym,
    studyInstanceUid: reader.string('StudyInstanceUID') ?? '',
    seriesInstanceUid: reader.string('SeriesInstanceUID') ?? '',
    sopInstanceUid: reader.string('SOPInstanceUID') || await contentName(out.bytes),
  });
  const leftover = scanForLeftoverPhi(outParsed, original, { ignoreKinds: keptKinds(ctx.policy) });
  const pixel = { outcome: out.pixels, cleaned: out.pixels === 'cleaned', ocrUsed: false, maskedFrames: 0, flaggedFrames: [], notes: [], ...out.pixel };
  const frameCount = outParsed.pixelData ? Math.max(1, reader.number('NumberOfFrames') ?? 1) : 0;
  return {
    ok: true, outputPath, bytes: out.bytes, audit: out.audit, pseudonym: out.pseudonym,
    pixels: out.pixels, pixel, leftover, findings: leftover.findings, frameCount,
    ...(out.seriesRef ? { seriesRef: out.seriesRef } : {}),
  };
}

/** A name for an instance without SOPInstanceUID: a digest of its de-identified bytes (unique, no PHI). */
async function contentName(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes.slice().buffer));
  return `no-uid-${[...digest.subarray(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** Whether a result may be written: no identifier left, and pixels cleaned where they had to be. */
export function blockingReasons(result: Pick<InstanceSuccess, 'leftover' | 'pixels'>): string[] {
  const reasons: string[] = [];
  if (result.leftover.errors > 0) reasons.push('leftover-phi');
  if (result.pixels === 'not-cleaned') reasons.push('pixels-not-cleaned');
  return reasons;
}
