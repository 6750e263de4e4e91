import { EnclaveError } from '../jobs';
import { allocate, assertTensor, type Tensor, type TensorDtype } from './dtype';
import { writeNpy } from './npy';

/**
 * Tensors of many scans as .npy files: either one file per scan, or one stacked file of shape
 * [scans, ...scanShape] when every scan has the same dtype and shape. Either way shapes.json
 * says which scan is which file (or which index of the stack) and what shape it has, so a
 * reader never has to guess the order from file names.
 */

export interface ScanTensor {
  scanId: string;
  tensor: Tensor;
}

export interface NpyFile {
  /** Relative path inside the export. */
  path: string;
  bytes: Uint8Array;
}

export const NPY_SHAPES_FORMAT = 'enclave-npy-shapes';
export const NPY_SHAPES_VERSION = 1;

export interface NpyShapesEntry {
  scanId: string;
  /** The .npy file holding the scan. */
  file: string;
  /** Position along axis 0 of the stacked file; absent for one-file-per-scan. */
  index?: number;
  shape: number[];
  dtype: TensorDtype;
}

export interface NpyShapesRecord {
  format: typeof NPY_SHAPES_FORMAT;
  version: typeof NPY_SHAPES_VERSION;
  layout: 'stacked' | 'per-scan';
  /** Why the scans were not stacked, when stacking was asked for (or 'auto') but not possible. */
  notStackedBecause?: string;
  /** Shape of the stacked file: [scans, ...scanShape]. */
  stackedShape?: number[];
  scans: NpyShapesEntry[];
}

export type NpyLayout = 'stacked' | 'per-scan' | 'auto';

export interface NpyExportOptions {
  /** 'auto' (default) stacks when possible and falls back to one file per scan. */
  layout?: NpyLayout;
  /** Folder inside the export (default 'npy'). */
  folder?: string;
  /** Name of the stacked file, without extension (default 'scans'). */
  stackedName?: string;
}

export interface NpyExport {
  files: NpyFile[];
  shapes: NpyShapesRecord;
}

/** Why these scans cannot be one array, or undefined when they can. */
export function whyNotStackable(scans: readonly ScanTensor[]): string | undefined {
  const first = scans[0];
  if (!first) return 'there are no scans';
  for (const scan of scans) {
    if (scan.tensor.dtype !== first.tensor.dtype) {
      return `scan ${scan.scanId} is ${scan.tensor.dtype} but scan ${first.scanId} is ${first.tensor.dtype}`;
    }
    if (!sameShape(scan.tensor.shape, first.tensor.shape)) {
      return `scan ${scan.scanId} has shape [${scan.tensor.shape.join(', ')}] but scan ${first.scanId} has [${first.tensor.shape.join(', ')}]`;
    }
  }
  return undefined;
}

/** One tensor of shape [scans, ...scanShape]; throws InvalidInputError when shapes or dtypes differ. */
export function stackTensors(scans: readonly ScanTensor[]): Tensor {
  const reason = whyNotStackable(scans);
  const first = scans[0];
  if (reason !== undefined || !first) {
    throw new EnclaveError('InvalidInputError', `The scans cannot be stacked into one array: ${reason}. Export one file per scan instead.`);
  }
  const per = first.tensor.data.length;
  const data = allocate(first.tensor.dtype, per * scans.length);
  scans.forEach((scan, k) => {
    assertTensor(scan.tensor, `Scan ${scan.scanId}`);
    data.set(scan.tensor.data, k * per);
  });
  return { dtype: first.tensor.dtype, shape: [scans.length, ...first.tensor.shape], data };
}

/** The .npy files and the shapes.json record (itself one of `files`). */
export function exportNpy(scans: readonly ScanTensor[], options: NpyExportOptions = {}): NpyExport {
  const layout = options.layout ?? 'auto';
  const folder = options.folder ?? 'npy';
  assertUniqueIds(scans);
  const reason = whyNotStackable(scans);
  const files: NpyFile[] = [];
  let shapes: NpyShapesRecord;
  if (layout === 'stacked' && reason !== undefined) {
    throw new EnclaveError('InvalidInputError', `The scans cannot be stacked into one array: ${reason}. Export one file per scan instead.`);
  }
  if (layout !== 'per-scan' && reason === undefined) {
    const stacked = stackTensors(scans);
    const file = `${folder}/${safeFileName(options.stackedName ?? 'scans')}.npy`;
    files.push({ path: file, bytes: writeNpy(stacked) });
    shapes = {
      format: NPY_SHAPES_FORMAT, version: NPY_SHAPES_VERSION, layout: 'stacked', stackedShape: [...stacked.shape],
      scans: scans.map((s, index) => ({ scanId: s.scanId, file, index, shape: [...s.tensor.shape], dtype: s.tensor.dtype })),
    };
  } else {
    const used = new Set<string>();
    const entries = scans.map((s): NpyShapesEntry => {
      const file = `${folder}/${uniqueName(safeFileName(s.scanId), used)}.npy`;
      files.push({ path: file, bytes: writeNpy(s.tensor) });
      return { scanId: s.scanId, file, shape: [...s.tensor.shape], dtype: s.tensor.dtype };
    });
    shapes = { format: NPY_SHAPES_FORMAT, version: NPY_SHAPES_VERSION, layout: 'per-scan', scans: entries };
    if (layout === 'auto' && reason !== undefined) shapes.notStackedBecause = reason;
  }
  files.push({ path: `${folder}/shapes.json`, bytes: new TextEncoder().encode(`${JSON.stringify(shapes, null, 2)}\n`) });
  return { files, shapes };
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

function assertUniqueIds(scans: readonly ScanTensor[]): void {
  const seen = new Set<string>();
  for (const s of scans) {
    if (seen.has(s.scanId)) throw new EnclaveError('InvalidInputError', `Scan ${s.scanId} is listed twice in the export.`);
    seen.add(s.scanId);
  }
}

/** Scan ids are de-identified already; this only keeps them safe as file names on every OS. */
export function safeFileName(text: string): string {
  const cleaned = text.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_').slice(0, 120);
  return cleaned === '' ? 'scan' : cleaned;
}

function uniqueName(base: string, used: Set<string>): string {
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base}-${n}`;
  used.add(name.toLowerCase());
  return name;
}
