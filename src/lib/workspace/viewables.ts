import type { DecodedFrame, PixelImageDescription } from '../dicom/pixels';
import type { ImportItemSummary } from '../ingest';
import type { SeriesMetadataRow } from '../dicom/metadata';
import type { StudyTree } from '../dicom/study-tree';

/**
 * What the viewer can open: a DICOM series (frames of all its instances in tree order), or a
 * scan that came as something else (NIfTI volume, video, still image). Plain data for the UI.
 */
export interface Viewable {
  key: string;
  kind: 'dicom-series' | 'nifti' | 'video' | 'image';
  label: string;
  frameCount: number;
  /** Frames per second for cine playback, with where it came from; null when not a cine. */
  frameRate: { fps: number; source: string } | null;
}

/** A frame ready for the main thread: DICOM frames keep stored values so window/level stays live. */
export type ViewerFrame =
  | { kind: 'dicom'; decoded: DecodedFrame; description: PixelImageDescription; frameInInstance: number; instanceId: string }
  | { kind: 'scalar'; width: number; height: number; values: Float32Array }
  | { kind: 'rgba'; width: number; height: number; rgba: Uint8ClampedArray };

export interface ImportSnapshot {
  tree: StudyTree;
  others: Viewable[];
  /** Files that were not imported, with the reason, in the order met. */
  skipped: ImportItemSummary[];
  /** Counts by item kind over everything seen so far. */
  counts: Record<string, number>;
}

export interface ImportReport {
  added: number;
  skipped: number;
  cancelled: boolean;
}

export type { SeriesMetadataRow };
