/**
 * A dataset as one zip or folder: the tensors as .npy (float32, exactly the values a model is given),
 * shapes.json, a per-scan CSV without PHI, the recipe, labels and splits as JSON and CSV, and
 * for cine datasets each clip as an H.264 MP4 when an encoder is given (browsers only).
 */
import { zipSync, type Zippable } from 'fflate';
import { toCsv } from '../csv';
import { exportNpy, safeFileName, type NpyLayout, type ScanTensor } from '../dataset/npy-export';
import { decodeFromStorage } from '../dataset/storage-codec';
import { throwIfCancelled, type JobOptions } from '../jobs';
import type { DatasetsRepository } from '../store';
import type { ZipEntry } from './deid-export';

export interface DatasetExportOptions extends JobOptions {
  layout?: NpyLayout;
  /** Encodes one clip [frames, rows, columns, channels] at `fps` to MP4 bytes. */
  encodeMp4?: (clip: { data: Float32Array; shape: number[] }, fps: number) => Promise<Uint8Array>;
  /** Extra files (labels, splits) as path → text, written as they are. */
  extraFiles?: Record<string, string>;
}

export async function exportDatasetZip(datasetId: string, repository: DatasetsRepository, options: DatasetExportOptions = {}): Promise<Uint8Array> {
  const files: Zippable = {};
  for (const entry of await datasetExportEntries(datasetId, repository, options)) {
    files[entry.path] = [entry.bytes, { level: entry.compress ? 6 : 0 }];
  }
  return zipSync(files);
}

/** The files of a dataset export, for a zip or for a folder (writeEntriesToDirectory). */
export async function datasetExportEntries(datasetId: string, repository: DatasetsRepository, options: DatasetExportOptions = {}): Promise<ZipEntry[]> {
  const dataset = await repository.get(datasetId);
  const scans = await repository.listScans(datasetId);
  const entries: ZipEntry[] = [];
  const tensors: ScanTensor[] = [];
  const encoder = new TextEncoder();
  const recipe = dataset.recipe as { kind?: string; steps?: { op: string; fps?: number }[] };
  const clipFps = recipe.steps?.find((s) => s.op === 'resample-fps')?.fps ?? 30;
  for (const [n, scan] of scans.entries()) {
    throwIfCancelled(options.signal, 'The export');
    const stored = await repository.readScan(datasetId, scan.scanId);
    const grid = scan.scale !== undefined && scan.offset !== undefined ? { scale: scan.scale, offset: scan.offset } : undefined;
    const values = decodeFromStorage({ dtype: scan.dtype, bytes: stored.bytes, grid });
    tensors.push({ scanId: scan.scanId, tensor: { dtype: 'float32', shape: scan.shape, data: values } });
    if (options.encodeMp4 && recipe.kind === 'cine') {
      entries.push({ path: `mp4/${safeFileName(scan.scanId)}.mp4`, bytes: await options.encodeMp4({ data: values, shape: scan.shape }, clipFps) });
    }
    options.onProgress?.({ stage: 'export', done: n + 1, total: scans.length, message: scan.scanId });
  }
  for (const file of exportNpy(tensors, { layout: options.layout ?? 'auto' }).files) entries.push({ path: file.path, bytes: file.bytes });
  const header = ['scan_id', 'pseudonym', 'study_instance_uid', 'series_instance_uid', 'modality', 'file', 'shape', 'stored_as', 'precision'];
  const rows = scans.map((s) => [
    s.scanId, s.facts.pseudonym ?? '', s.facts.studyInstanceUid ?? '', s.facts.seriesInstanceUid ?? '', s.facts.modality ?? '',
    s.facts.file ?? '', s.shape.join('x'), s.dtype, s.precision ?? '',
  ].map(String));
  entries.push({ path: 'scans.csv', bytes: encoder.encode(toCsv(header, rows)), compress: true });
  entries.push({ path: 'recipe.json', bytes: encoder.encode(`${JSON.stringify(dataset.recipe, null, 2)}\n`), compress: true });
  for (const [path, text] of Object.entries(options.extraFiles ?? {})) entries.push({ path, bytes: encoder.encode(text), compress: true });
  return entries;
}
