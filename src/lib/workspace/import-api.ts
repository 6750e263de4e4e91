import type { MetadataCsvOptions } from '../dicom/metadata';
import type { FrameDecoders, ImportInput } from '../ingest';
import { EnclaveError, type ProgressCallback } from '../jobs';
import { validatePolicy } from '../deid/policy';
import type { TextRecognizer } from '../deid/pixels';
import type { DatasetItemRef, LabelSchema } from '../preprocess/labels';
import { importDatasetLabels } from './dataset-labels';
import { DeidSession } from './deid-session';
import type { DeidSummary } from './deid-summary';
import { ImportSession } from './import-session';
import type { DirectoryLike, FolderWriteResult } from './deid-folder';
import { importPseudonymMap, type MapImportResult } from './pseudonym-map-import';
import type { StoredEnvelope } from '../deid/crypto';

export interface DeidCallOptions {
  seriesKeys?: string[];
  passphrase?: string;
  ocr?: boolean;
  /** Re-run only `seriesKeys` and keep the other series' outputs. */
  keepOtherSeries?: boolean;
  /** The project's encrypted pseudonym map (opened with `passphrase` in the worker). */
  storedMap?: StoredEnvelope;
}
import type { ViewerFrame } from './viewables';

/**
 * The ingest worker's api: one session per worker. Frames are returned with their buffers
 * listed, so the worker can transfer rather than copy them (`transferablesOf`).
 */
export function createImportApi(
  decoders: FrameDecoders,
  transfer: <T>(value: T, buffers: Transferable[]) => T = (v) => v,
  deidServices: { recognizer?: () => Promise<TextRecognizer | undefined> } = {},
) {
  const session = new ImportSession(decoders);
  const deid = new DeidSession(session);
  let controller: AbortController | undefined;
  let deidController: AbortController | undefined;

  return {
    /** Imports more files into the session; cancel() stops it between files, keeping what was read. */
    async add(inputs: ImportInput[], onProgress?: ProgressCallback) {
      controller = new AbortController();
      try {
        return await session.add(inputs, { signal: controller.signal, onProgress });
      } finally {
        controller = undefined;
      }
    },
    async cancel() {
      controller?.abort();
    },
    async snapshot() {
      return session.snapshot();
    },
    async viewables() {
      return session.viewables();
    },
    async metadataTable() {
      return session.metadataTable();
    },
    async metadataCsv(options: MetadataCsvOptions = {}) {
      return session.metadataCsv(options);
    },
    async header(instanceId: string) {
      return session.header(instanceId);
    },
    async instanceAt(viewableKey: string, index: number) {
      return session.instanceAt(viewableKey, index);
    },
    async frame(viewableKey: string, index: number): Promise<ViewerFrame> {
      const frame = await session.frame(viewableKey, index);
      return transfer(frame, transferablesOf(frame));
    },
    async clear() {
      deid.clear();
      session.clear();
    },
    /**
     * De-identifies the imported DICOM files (or the chosen series) in this worker. The policy
     * comes as JSON text and is validated here; the pseudonym map comes back only encrypted
     * with `options.passphrase`, or not at all.
     */
    async deidentify(
      policyJson: string, secret: Uint8Array, options: DeidCallOptions = {}, onProgress?: ProgressCallback,
    ): Promise<DeidSummary> {
      const policy = validatePolicy(parsePolicyJson(policyJson));
      const recognizer = options.ocr === false ? undefined : await deidServices.recognizer?.();
      deidController = new AbortController();
      try {
        return await deid.run({
          policy, secret, seriesKeys: options.seriesKeys, passphrase: options.passphrase, recognizer, signal: deidController.signal, onProgress,
          keepOtherSeries: options.keepOtherSeries, storedMap: options.storedMap,
        });
      } finally {
        deidController = undefined;
      }
    },
    async cancelDeid() {
      deidController?.abort();
    },
    async deidSummary(options: { acknowledgeWarnings?: boolean } = {}): Promise<DeidSummary> {
      return deid.summary(options.acknowledgeWarnings ?? false);
    },
    async deidFrame(seriesKey: string, index: number): Promise<ViewerFrame> {
      const frame = await deid.deidFrame(seriesKey, index);
      return transfer(frame, transferablesOf(frame));
    },
    /** The de-identified outputs a dataset may be built from, described without PHI. */
    async deidOutputs() {
      return deid.outputs.items();
    },
    /** One output's bytes, as a copy the caller owns (transferred, not cloned). */
    async deidOutputBytes(path: string): Promise<Uint8Array> {
      const bytes = deid.output(path);
      if (!bytes) throw new EnclaveError('NotFoundError', `${path} is not among the de-identified outputs; de-identify again.`);
      const copy = bytes.slice();
      return transfer(copy, [copy.buffer]);
    },
    /**
     * Labels for a dataset's scans from a CSV, translated here if it is keyed by original
     * identifiers (which only this worker holds); the result carries no original value.
     */
    async importDatasetLabels(csvText: string, items: DatasetItemRef[], schema?: LabelSchema) {
      return importDatasetLabels(deid.outputs, csvText, items, schema);
    },
    /** The zip of the outputs and reports; rejects with ExportBlockedError while findings remain. */
    async exportDeidZip(options: { acknowledgeWarnings?: boolean } = {}): Promise<Blob> {
      return deid.exportZip(options);
    },
    /** The same export written into a folder handle (File System Access API or the Origin Private File System). */
    async exportDeidToFolder(root: DirectoryLike, options: { acknowledgeWarnings?: boolean } = {}, onProgress?: ProgressCallback): Promise<FolderWriteResult> {
      return deid.exportToDirectory(root, { ...options, onProgress });
    },
    /** Opens an exported map file with its passphrase and merges it after the project's map; returns it sealed again. */
    async importPseudonymMap(fileText: string, passphrase: string, stored?: StoredEnvelope): Promise<MapImportResult> {
      return importPseudonymMap(fileText, passphrase, stored);
    },
  };
}

export function transferablesOf(frame: ViewerFrame): Transferable[] {
  switch (frame.kind) {
    case 'dicom':
      return [frame.decoded.data.buffer as ArrayBuffer];
    case 'scalar':
      return [frame.values.buffer as ArrayBuffer];
    case 'rgba':
      return [frame.rgba.buffer as ArrayBuffer];
  }
}

function parsePolicyJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new EnclaveError('DeidPolicyError', 'The de-identification policy is not valid JSON.');
  }
}
