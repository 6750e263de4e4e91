import type { DicomdirHint } from './dicomdir';
import { gunzipByteSource } from './inflate';
import type { ImportSource } from './import-source';
import type { ImportItem } from './items';
import { NiftiProblem, openNifti } from './nifti';
import { skipped } from './skipped';
import { sniffHead, SNIFF_BYTES, type Sniffed } from './sniff';
import { readJpegMetadata, readPngMetadata, StillProblem } from './still-image';
import { readVideoMetadata, VideoProblem } from './video';

/**
 * Turns one sniffed source into its import item: reads the small header each kind needs
 * (NIfTI header, PNG IHDR, JPEG SOF, video container) and nothing more. Zip archives and
 * DICOMDIRs are expanded by scanImport, not here. Problems become skipped rows.
 */
export async function classifySource(source: ImportSource, sniffed: Sniffed, hint?: DicomdirHint): Promise<ImportItem> {
  const { path } = source;
  switch (sniffed.kind) {
    case 'dicom': {
      const meta = sniffed.meta;
      return {
        kind: 'dicom',
        path,
        source,
        part10: sniffed.preamble,
        ...(meta?.transferSyntaxUid ? { transferSyntaxUid: meta.transferSyntaxUid } : {}),
        ...(meta?.mediaStorageSopClassUid ? { sopClassUid: meta.mediaStorageSopClassUid } : {}),
        ...(meta?.mediaStorageSopInstanceUid ? { sopInstanceUid: meta.mediaStorageSopInstanceUid } : {}),
        ...(hint ? { dicomdir: hint } : {}),
      };
    }
    case 'nifti':
      return niftiItem(source, false, sniffed.version);
    case 'gzip':
      return gzipItem(source);
    case 'png':
    case 'jpeg': {
      const bytes = source.open();
      const still = sniffed.kind === 'png' ? await readPngMetadata(bytes) : await readJpegMetadata(bytes);
      return still instanceof StillProblem ? skipped(path, 'damaged', still.reason) : { kind: 'image', path, source, still };
    }
    case 'video': {
      const video = await readVideoMetadata(source, sniffed.container);
      return video instanceof VideoProblem ? skipped(path, video.code, video.reason) : { kind: 'video', path, source, video };
    }
    case 'unsupported':
      return skipped(path, sniffed.code, sniffed.reason);
    case 'zip':
      return skipped(path, 'unsupported', 'zip archive inside a zip inside a zip: only one level of nesting is opened; unzip it first');
    case 'dicomdir':
      return skipped(path, 'unsupported', 'DICOMDIR index (read separately)');
  }
}

async function niftiItem(source: ImportSource, compressed: boolean, version: 1 | 2): Promise<ImportItem> {
  const volume = await openNifti(source.open(), { compressed, version, label: source.path });
  if (volume instanceof NiftiProblem) return skipped(source.path, volume.code, volume.reason);
  return { kind: 'nifti', path: source.path, source, volume };
}

/** A .gz is imported only when it holds a NIfTI image (.nii.gz); we look inside to know. */
async function gzipItem(source: ImportSource): Promise<ImportItem> {
  let inner: Sniffed;
  try {
    const inflated = await gunzipByteSource(source.open(), source.path);
    inner = sniffHead(await inflated.read(0, SNIFF_BYTES), Math.max(inflated.size, 1));
  } catch {
    return skipped(source.path, 'damaged', 'gzip file is damaged: its compressed data cannot be read');
  }
  if (inner.kind === 'nifti') return niftiItem(source, true, inner.version);
  if (inner.kind === 'dicom' || inner.kind === 'dicomdir') {
    return skipped(source.path, 'unsupported', 'gzip-compressed DICOM file: decompress it first');
  }
  return skipped(source.path, 'unsupported', 'gzip file that does not hold a NIfTI image (.nii.gz)');
}
