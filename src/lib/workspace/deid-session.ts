/**
 * De-identification of what an ImportSession holds, in the ingest worker: one file at a time,
 * outputs kept in memory by output path (pseudonym/study/series/instance.dcm), with the audit,
 * leftover findings and pixel notes per file. What leaves it is plain data without PHI, the
 * de-identified frames and zip, and the pseudonym map only as an encrypted envelope.
 */
import { encryptPseudonymMap, mergePseudonymEntries, type EncryptOptions, type PseudonymEntry } from '../deid/crypto';
import type { TextRecognizer } from '../deid/pixels';
import type { DeidPolicy } from '../deid/policy';
import { bytesSource, datasetReader, encodedFrames, parseDicomBytes } from '../dicom/parse';
import { decodeEncodedFrame, describeImagePixels } from '../dicom/pixels';
import { EnclaveError, throttleProgress, type JobOptions } from '../jobs';
import { auditReportOf, exportEntries, zipBlob } from './deid-export';
import { createInstanceDeidentifier, type InstanceOutcome } from './deid-pipeline';
import { DeidOutputCatalog, describeDeidOutput, originalKeysOf } from './deid-outputs';
import { exportDecision, seriesSummaries, type DeidFileRecord, type DeidSummary } from './deid-summary';
import type { ImportSession } from './import-session';
import type { ViewerFrame } from './viewables';

export interface DeidRunOptions extends JobOptions {
  policy: DeidPolicy;
  /** The per-project secret (32+ bytes). */
  secret: Uint8Array;
  /** Only these series (keys from the import tree); all when absent. */
  seriesKeys?: readonly string[];
  /** Encrypts the pseudonym map into the summary; without it the map is not returned at all. */
  passphrase?: string;
  /** PBKDF2 settings (tests pass fewer iterations). */
  encryption?: EncryptOptions;
  recognizer?: TextRecognizer;
}

interface OutputRef {
  instanceId: string;
  path: string;
  frames?: number;
}

export class DeidSession {
  readonly #imports: ImportSession;
  #records: DeidFileRecord[] = [];
  readonly #outputs = new Map<string, Uint8Array>();
  /** Per original series: its outputs in tree order, for the before/after viewer. */
  readonly #bySeries = new Map<string, OutputRef[]>();
  /** Original → pseudonym: worker memory only; leaves encrypted or not at all. */
  #pseudonyms: PseudonymEntry[] = [];
  #cancelled = false;
  readonly #catalog = new DeidOutputCatalog();
  #policyFacts: Record<string, unknown> = {};

  constructor(imports: ImportSession) {
    this.#imports = imports;
  }

  /** Replaces the previous run's results. A cancel stops between files and keeps what is done. */
  async run(options: DeidRunOptions): Promise<DeidSummary> {
    this.clear();
    this.#policyFacts = { profile: options.policy.profile, mode: options.policy.mode, options: { ...options.policy.options } };
    const sources = this.#imports.dicomSources(options.seriesKeys);
    const report = options.onProgress ? throttleProgress(options.onProgress) : undefined;
    const deidentify = createInstanceDeidentifier({ policy: options.policy, secret: options.secret, recognizer: options.recognizer });
    for (const [n, item] of sources.entries()) {
      if (options.signal?.aborted) {
        this.#cancelled = true;
        break;
      }
      let outcome: InstanceOutcome;
      let input: Uint8Array | undefined;
      try {
        input = await item.source.open().read(0, item.source.size);
        outcome = await deidentify(input);
      } catch (error) {
        // A file that cannot be read (moved, permission gone) is a row, like any other failure.
        outcome = { ok: false, reason: error instanceof Error ? error.name : 'Error' };
      }
      if (outcome.ok) {
        this.#outputs.set(outcome.outputPath, outcome.bytes);
        const refs = this.#bySeries.get(item.seriesKey) ?? [];
        refs.push({ instanceId: item.instanceId, path: outcome.outputPath });
        this.#bySeries.set(item.seriesKey, refs);
        this.#pseudonyms.push(outcome.pseudonym);
        this.#catalogue(outcome, input!, item.source.path);
        this.#records.push({
          seriesKey: item.seriesKey, file: outcome.outputPath, ok: true, audit: outcome.audit, pixel: outcome.pixel,
          findings: outcome.leftover.findings, errors: outcome.leftover.errors, warnings: outcome.leftover.warnings,
          blocking: outcome.blocking, pseudonym: outcome.pseudonym.pseudonym,
        });
      } else {
        this.#records.push({ seriesKey: item.seriesKey, file: `#${n + 1}`, ok: false, reason: outcome.reason, audit: [], findings: [], errors: 0, warnings: 0, blocking: [] });
      }
      report?.({ stage: 'deidentify', done: n + 1, total: sources.length, message: outcome.ok ? outcome.outputPath : `#${n + 1}` });
    }
    const summary = this.summary();
    if (options.passphrase) summary.pseudonymMap = await this.encryptedPseudonymMap(options.passphrase, options.encryption);
    return summary;
  }

  /** The outputs a dataset may be built from, and the original keys behind them (memory only). */
  get outputs(): DeidOutputCatalog {
    return this.#catalog;
  }

  #catalogue(outcome: Extract<InstanceOutcome, { ok: true }>, input: Uint8Array, sourcePath: string): void {
    const original = originalKeysOf(datasetReader(parseDicomBytes(input, { mode: 'header' })), sourcePath);
    this.#catalog.add(describeDeidOutput(outcome.outputPath, outcome.pseudonym.pseudonym, outcome.bytes), original);
  }

  summary(warningsAcknowledged = false): DeidSummary {
    const decision = exportDecision(this.#records, warningsAcknowledged);
    return {
      series: seriesSummaries(this.#records),
      files: this.#records.length,
      outputs: this.#outputs.size,
      cancelled: this.#cancelled,
      export: decision,
      exportAllowed: decision.allowed,
    };
  }

  /** The map of this run, one entry per patient, encrypted with the passphrase. */
  async encryptedPseudonymMap(passphrase: string, options: EncryptOptions = {}) {
    return encryptPseudonymMap(mergePseudonymEntries(this.#pseudonyms).entries, passphrase, options);
  }

  /** Output paths in the order they were written. */
  outputPaths(): string[] {
    return [...this.#outputs.keys()];
  }

  output(path: string): Uint8Array | undefined {
    return this.#outputs.get(path);
  }

  /** Frame `index` of a series' de-identified outputs: the "after" next to ImportSession.frame's "before". */
  async deidFrame(seriesKey: string, index: number): Promise<ViewerFrame> {
    const refs = this.#bySeries.get(seriesKey);
    if (!refs) throw new EnclaveError('NotFoundError', 'This series has no de-identified output; de-identify it first.');
    let remaining = index;
    for (const ref of refs) {
      const bytes = this.#outputs.get(ref.path)!;
      const parsed = parseDicomBytes(bytes, { mode: 'full' });
      const reader = datasetReader(parsed);
      ref.frames ??= parsed.pixelData ? Math.max(1, reader.number('NumberOfFrames') ?? 1) : 0;
      if (!Number.isInteger(remaining) || remaining < 0) break;
      if (remaining < ref.frames) {
        const description = describeImagePixels(reader);
        const decoded = await decodeEncodedFrame(encodedFrames(parsed, bytesSource(bytes)), remaining, description);
        return { kind: 'dicom', decoded, description, frameInInstance: remaining, instanceId: ref.instanceId };
      }
      remaining -= ref.frames;
    }
    throw new EnclaveError('InvalidInputError', `Frame ${index + 1} does not exist in the de-identified series.`);
  }

  /** The zip of every output and the reports; ExportBlockedError while the fail-closed gate says no. */
  async exportZip(options: { acknowledgeWarnings?: boolean; createdAt?: Date } = {}): Promise<Blob> {
    const decision = exportDecision(this.#records, options.acknowledgeWarnings ?? false);
    if (!decision.allowed) throw new EnclaveError('ExportBlockedError', `Export is blocked: ${decision.reason ?? 'findings remain.'}`);
    const report = auditReportOf(this.#records, { createdAt: options.createdAt, policy: this.#policyFacts });
    return zipBlob(exportEntries(this.#records, this.#outputs, report));
  }

  clear(): void {
    this.#records = [];
    this.#outputs.clear();
    this.#bySeries.clear();
    this.#pseudonyms = [];
    this.#catalog.clear();
    this.#cancelled = false;
  }
}
