/**
 * De-identification of what an ImportSession holds, in the ingest worker: one file at a time,
 * outputs kept in memory by output path (pseudonym/study/series/instance.dcm), with the audit,
 * leftover findings and pixel notes per file. What leaves it is plain data without PHI, the
 * de-identified frames and zip, and the pseudonym map only as an encrypted envelope.
 */
import {
  decryptPseudonymMap, encryptPseudonymMap, mergePseudonymEntries, type EncryptOptions, type PseudonymEntry, type StoredEnvelope,
} from '../deid/crypto';
import type { TextRecognizer } from '../deid/pixels';
import type { DeidPolicy } from '../deid/policy';
import { bytesSource, datasetReader, encodedFrames, parseDicomBytes } from '../dicom/parse';
import { decodeEncodedFrame, describeImagePixels } from '../dicom/pixels';
import { EnclaveError, throttleProgress, type JobOptions } from '../jobs';
import { auditReportOf, exportEntries, zipBlob, type ZipEntry } from './deid-export';
import { writeEntriesToDirectory, type DirectoryLike, type FolderWriteResult } from './deid-folder';
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
  /** Re-run only `seriesKeys`, keeping every other series' outputs (e.g. after drawing masks on one). */
  keepOtherSeries?: boolean;
  /**
   * The project's encrypted pseudonym map: decrypted with `passphrase` before any file is read
   * (DecryptionFailedError when it does not open), so the patients in it keep their pseudonyms,
   * and merged into the map this run returns.
   */
  storedMap?: StoredEnvelope;
}

export interface ExportOptions {
  acknowledgeWarnings?: boolean;
  createdAt?: Date;
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
  /** Entries of the project's decrypted map for the current run: memory only, like #pseudonyms. */
  #known: PseudonymEntry[] = [];
  #cancelled = false;
  readonly #catalog = new DeidOutputCatalog();
  #policyFacts: Record<string, unknown> = {};

  constructor(imports: ImportSession) {
    this.#imports = imports;
  }

  /** Replaces the previous run's results (or only the chosen series'). A cancel stops between files and keeps what is done. */
  async run(options: DeidRunOptions): Promise<DeidSummary> {
    const known = await knownEntries(options);
    if (options.keepOtherSeries && options.seriesKeys) this.#dropSeries(options.seriesKeys);
    else this.clear();
    this.#known = known;
    this.#cancelled = false;
    this.#policyFacts = { profile: options.policy.profile, mode: options.policy.mode, options: { ...options.policy.options } };
    const sources = this.#imports.dicomSources(options.seriesKeys);
    const report = options.onProgress ? throttleProgress(options.onProgress) : undefined;
    const deidentify = createInstanceDeidentifier({
      policy: options.policy, secret: options.secret, recognizer: options.recognizer, knownPseudonyms: known,
    });
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
      this.#record(item.seriesKey, item.instanceId, outcome, n, input, item.source.path);
      report?.({ stage: 'deidentify', done: n + 1, total: sources.length, message: outcome.ok ? outcome.outputPath : `#${n + 1}` });
    }
    const summary = this.summary();
    if (options.passphrase) summary.pseudonymMap = await this.encryptedPseudonymMap(options.passphrase, options.encryption);
    return summary;
  }

  #record(seriesKey: string, instanceId: string, outcome: InstanceOutcome, n: number, input: Uint8Array | undefined, sourcePath: string): void {
    if (!outcome.ok) {
      this.#records.push({ seriesKey, file: `#${n + 1}`, ok: false, reason: outcome.reason, audit: [], findings: [], errors: 0, warnings: 0, blocking: [] });
      return;
    }
    this.#outputs.set(outcome.outputPath, outcome.bytes);
    const refs = this.#bySeries.get(seriesKey) ?? [];
    refs.push({ instanceId, path: outcome.outputPath, frames: outcome.frameCount });
    this.#bySeries.set(seriesKey, refs);
    this.#pseudonyms.push(outcome.pseudonym);
    if (input) this.#catalogue(outcome, input, sourcePath);
    this.#records.push({
      seriesKey, file: outcome.outputPath, ok: true, audit: outcome.audit, pixel: outcome.pixel,
      findings: outcome.leftover.findings, errors: outcome.leftover.errors, warnings: outcome.leftover.warnings,
      blocking: outcome.blocking, pseudonym: outcome.pseudonym.pseudonym, frameCount: outcome.frameCount,
      ...(outcome.seriesRef ? { seriesRef: outcome.seriesRef } : {}),
    });
  }

  /** Forgets the outputs and rows of some series (their pseudonyms stay: the same patients come back). */
  #dropSeries(keys: readonly string[]): void {
    const drop = new Set(keys);
    for (const key of drop) {
      for (const ref of this.#bySeries.get(key) ?? []) {
        this.#outputs.delete(ref.path);
        this.#catalog.remove(ref.path);
      }
      this.#bySeries.delete(key);
    }
    this.#records = this.#records.filter((r) => !drop.has(r.seriesKey));
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
    return encryptPseudonymMap(mergePseudonymEntries(this.#known, this.#pseudonyms).entries, passphrase, options);
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
  async exportZip(options: ExportOptions = {}): Promise<Blob> {
    return zipBlob(this.#exportEntries(options));
  }

  /** The same files as the zip, written into a chosen folder (pseudonym/study/series/…, reports at the top). */
  async exportToDirectory(root: DirectoryLike, options: ExportOptions & JobOptions = {}): Promise<FolderWriteResult> {
    return writeEntriesToDirectory(root, this.#exportEntries(options), options);
  }

  #exportEntries(options: ExportOptions): Iterable<ZipEntry> {
    const decision = exportDecision(this.#records, options.acknowledgeWarnings ?? false);
    if (!decision.allowed) throw new EnclaveError('ExportBlockedError', `Export is blocked: ${decision.reason ?? 'findings remain.'}`);
    const report = auditReportOf(this.#records, { createdAt: options.createdAt, policy: this.#policyFacts });
    return exportEntries(this.#records, this.#outputs, report);
  }

  clear(): void {
    this.#records = [];
    this.#outputs.clear();
    this.#bySeries.clear();
    this.#pseudonyms = [];
    this.#known = [];
    this.#catalog.clear();
    this.#cancelled = false;
  }
}

/** The stored map's entries, opened before any work: a wrong passphrase must not cost a run. */
async function knownEntries(options: DeidRunOptions): Promise<PseudonymEntry[]> {
  if (!options.storedMap) return [];
  if (!options.passphrase) {
    throw new EnclaveError(
      'InvalidInputError',
      'This project keeps an encrypted pseudonym map: enter its passphrase, so that the patients in it keep their pseudonyms.',
    );
  }
  return decryptPseudonymMap(options.storedMap, options.passphrase);
}
