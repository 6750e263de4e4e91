/**
 * Which de-identified outputs make which scans of a dataset: a cine recipe takes each
 * multi-frame instance, an image recipe each single-frame instance, and a volume recipe each
 * series of two or more single-frame slices (slice order comes later, from the positions).
 */
import type { ScanKind } from '../preprocess/recipe';
import type { DeidOutputItem } from './deid-outputs';

export interface PlannedScan {
  /** Unique in the dataset and free of PHI: built from the de-identified output path. */
  scanId: string;
  /** The outputs to read: one instance, or a volume's slices. */
  paths: string[];
  /** What the dataset keeps about the scan (no PHI): keys for labels and splits. */
  facts: {
    pseudonym: string;
    studyInstanceUid: string;
    seriesInstanceUid: string;
    modality: string;
    /** The output path (image, cine) or the series folder (volume): a labels CSV may key on it. */
    file: string;
    instances: number;
    frames: number;
  };
}

export function planScans(items: readonly DeidOutputItem[], kind: ScanKind, modalities: readonly string[] = []): PlannedScan[] {
  const wanted = modalities.length > 0 ? new Set(modalities.map((m) => m.toUpperCase())) : undefined;
  const usable = items.filter((item) => item.hasPixels && (!wanted || wanted.has(item.modality.toUpperCase())));
  if (kind === 'volume') return planVolumes(usable);
  const fits = kind === 'cine' ? (item: DeidOutputItem) => item.frames > 1 : (item: DeidOutputItem) => item.frames === 1;
  return usable.filter(fits).map((item) => ({
    scanId: item.path.replace(/\.dcm$/i, ''),
    paths: [item.path],
    facts: {
      pseudonym: item.pseudonym, studyInstanceUid: item.studyInstanceUid, seriesInstanceUid: item.seriesInstanceUid,
      modality: item.modality, file: item.path, instances: 1, frames: item.frames,
    },
  }));
}

function planVolumes(items: readonly DeidOutputItem[]): PlannedScan[] {
  const bySeries = new Map<string, DeidOutputItem[]>();
  for (const item of items) {
    if (item.frames !== 1) continue;
    const key = `${item.pseudonym}/${item.studyInstanceUid}/${item.seriesInstanceUid}`;
    bySeries.set(key, [...(bySeries.get(key) ?? []), item]);
  }
  const scans: PlannedScan[] = [];
  for (const [key, slices] of bySeries) {
    if (slices.length < 2) continue;
    const first = slices[0]!;
    scans.push({
      scanId: key,
      paths: slices.map((s) => s.path),
      facts: {
        pseudonym: first.pseudonym, studyInstanceUid: first.studyInstanceUid, seriesInstanceUid: first.seriesInstanceUid,
        modality: first.modality, file: key, instances: slices.length, frames: slices.length,
      },
    });
  }
  return scans;
}
