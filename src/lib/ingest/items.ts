import type { DicomdirHint } from './dicomdir';
import type { ImportSource } from './import-source';
import type { NiftiVolume } from './nifti';
import type { SkippedItem } from './skipped';
import type { StillMetadata } from './still-image';
import type { VideoMetadata } from './video';

/**
 * What scanImport yields: one item per file it found, classified, holding a handle to the
 * bytes and at most a small header, never the file. Items carry functions (lazy readers), so
 * they stay in the ingest worker; `summariseItem` gives the plain, cloneable row for the UI.
 */
export interface DicomImportItem {
  kind: 'dicom';
  path: string;
  source: ImportSource;
  /** 128-byte preamble and "DICM" present (PS3.10 Part 10 file). */
  part10: boolean;
  /** From the file meta group, when there is one; the parser reads the rest. */
  transferSyntaxUid?: string;
  sopClassUid?: string;
  sopInstanceUid?: string;
  /** Patient/study/series from a DICOMDIR that lists this file. */
  dicomdir?: DicomdirHint;
}

/** A DICOMDIR that was read; its files come as their own items, the missing ones as skipped rows. */
export interface DicomdirImportItem {
  kind: 'dicomdir';
  path: string;
  source: ImportSource;
  fileSetId?: string;
  referenced: number;
  found: number;
  missing: number;
  patients: number;
  studies: number;
  series: number;
}

export interface NiftiImportItem {
  kind: 'nifti';
  path: string;
  source: ImportSource;
  volume: NiftiVolume;
}

export interface ImageImportItem {
  kind: 'image';
  path: string;
  source: ImportSource;
  still: StillMetadata;
}

export interface VideoImportItem {
  kind: 'video';
  path: string;
  source: ImportSource;
  video: VideoMetadata;
}

export type ImportItem = DicomImportItem | DicomdirImportItem | NiftiImportItem | ImageImportItem | VideoImportItem | SkippedItem;
export type ImportItemKind = ImportItem['kind'];

/** A plain row for the import report (structured-cloneable: no functions, no Blobs). */
export interface ImportItemSummary {
  kind: ImportItemKind;
  path: string;
  size?: number;
  /** One line about what was found: "CT · explicit VR little endian", "64×48 H.264, 10 frames", a skip reason. */
  detail: string;
  code?: SkippedItem['code'];
}

export function summariseItem(item: ImportItem): ImportItemSummary {
  switch (item.kind) {
    case 'skipped':
      return { kind: item.kind, path: item.path, detail: item.reason, code: item.code };
    case 'dicom':
      return { kind: item.kind, path: item.path, size: item.source.size, detail: item.part10 ? 'DICOM file' : 'DICOM data set without file header' };
    case 'dicomdir':
      return {
        kind: item.kind,
        path: item.path,
        size: item.source.size,
        detail: `DICOMDIR: ${item.referenced} files listed, ${item.found} found, ${item.missing} missing`,
      };
    case 'nifti': {
      const v = item.volume;
      return { kind: item.kind, path: item.path, size: item.source.size, detail: `NIfTI ${v.header.dims.join('×')} ${v.header.datatype}` };
    }
    case 'image':
      return { kind: item.kind, path: item.path, size: item.source.size, detail: `${item.still.format.toUpperCase()} ${item.still.width}×${item.still.height}` };
    case 'video': {
      const v = item.video;
      return {
        kind: item.kind,
        path: item.path,
        size: item.source.size,
        detail: `${v.container.toUpperCase()} ${v.width}×${v.height} ${v.codec ?? 'unknown codec'}, ${v.frameCountExact ? '' : '≈'}${v.frameCount} frames`,
      };
    }
  }
}
