/**
 * What a dataset may be built from: the de-identified outputs of a DeidSession, and nothing
 * else. Each output is described without PHI (pseudonym, new UIDs, output path, image size), so
 * the description can cross to the dataset worker and into IndexedDB. The original identifiers
 * of each output are kept apart, in this worker's memory only, so that a labels CSV keyed by
 * original IDs can be translated here; they never leave.
 */
import type { AttributeReader } from '../dicom/attributes';
import { datasetReader, parseDicomBytes } from '../dicom/parse';

/** One de-identified instance, described without PHI. */
export interface DeidOutputItem {
  /** pseudonym/study/series/instance.dcm: unique, and the item's id everywhere downstream. */
  path: string;
  pseudonym: string;
  studyInstanceUid: string;
  seriesInstanceUid: string;
  sopInstanceUid: string;
  modality: string;
  rows: number;
  columns: number;
  frames: number;
  /** 0 when the instance has no pixel data (SR, RT plans…): such items cannot enter a dataset. */
  hasPixels: boolean;
  byteLength: number;
}

/** The original identifiers behind one output: worker memory only. */
export interface OriginalKeys {
  patientId: string;
  studyInstanceUid: string;
  accessionNumber: string;
  /** The path the file had in the drop (folder, zip or DICOMDIR relative). */
  sourcePath: string;
}

export function describeDeidOutput(path: string, pseudonym: string, bytes: Uint8Array): DeidOutputItem {
  const reader = datasetReader(parseDicomBytes(bytes, { mode: 'header' }));
  const rows = reader.number('Rows') ?? 0;
  const columns = reader.number('Columns') ?? 0;
  const hasPixels = rows > 0 && columns > 0 && reader.has('PixelData');
  return {
    path,
    pseudonym,
    studyInstanceUid: reader.string('StudyInstanceUID') ?? '',
    seriesInstanceUid: reader.string('SeriesInstanceUID') ?? '',
    sopInstanceUid: reader.string('SOPInstanceUID') ?? '',
    modality: reader.string('Modality') ?? '',
    rows,
    columns,
    frames: hasPixels ? Math.max(1, reader.number('NumberOfFrames') ?? 1) : 0,
    hasPixels,
    byteLength: bytes.byteLength,
  };
}

export function originalKeysOf(reader: AttributeReader, sourcePath: string): OriginalKeys {
  return {
    patientId: reader.string('PatientID') ?? '',
    studyInstanceUid: reader.string('StudyInstanceUID') ?? '',
    accessionNumber: reader.string('AccessionNumber') ?? '',
    sourcePath,
  };
}

/** Outputs in the order they were written, with their originals beside them (not exported). */
export class DeidOutputCatalog {
  readonly #items = new Map<string, DeidOutputItem>();
  readonly #originals = new Map<string, OriginalKeys>();

  add(item: DeidOutputItem, original: OriginalKeys): void {
    this.#items.set(item.path, item);
    this.#originals.set(item.path, original);
  }

  items(): DeidOutputItem[] {
    return [...this.#items.values()];
  }

  item(path: string): DeidOutputItem | undefined {
    return this.#items.get(path);
  }

  /**
   * Output paths by each original key, for translating a labels CSV. Keys that point at more than
   * one output (a patient ID, a study UID) map to all of them.
   */
  outputsByOriginal(kind: keyof OriginalKeys): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const [path, keys] of this.#originals) {
      const key = keys[kind];
      if (key === '') continue;
      const paths = out.get(key) ?? [];
      paths.push(path);
      out.set(key, paths);
    }
    return out;
  }

  /** Forgets one output (its series is being de-identified again). */
  remove(path: string): void {
    this.#items.delete(path);
    this.#originals.delete(path);
  }

  clear(): void {
    this.#items.clear();
    this.#originals.clear();
  }
}
