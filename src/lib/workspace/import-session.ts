import { StudyTreeBuilder, type SeriesNode, type StudyTree } from '../dicom/study-tree';
import { metadataTableFromTree, metadataTableToCsv, frameRateOf, type MetadataCsvOptions, type SeriesMetadataRow } from '../dicom/metadata';
import { datasetReader, encodedFrames, parseDicom, type DicomReader, type ParsedDicom } from '../dicom/parse';
import { decodeEncodedFrame, describeImagePixels, type PixelImageDescription } from '../dicom/pixels';
import { scanImport, summariseItem, type FrameDecoders, type ImportInput, type ImportItemSummary, type ImportSource } from '../ingest';
import { EnclaveError, type JobOptions } from '../jobs';
import { headerRows, type HeaderRow } from './header-rows';
import { OtherScans } from './other-scans';
import type { ImportReport, ImportSnapshot, Viewable, ViewerFrame } from './viewables';

const PARSES_IN_FLIGHT = 8;

interface DicomInstance {
  path: string;
  source: ImportSource;
  parsed: ParsedDicom;
  reader: DicomReader;
  description?: PixelImageDescription;
}

/**
 * Everything imported in this tab: handles and parsed headers, never whole files. Pixels are
 * read and decoded one frame at a time when the viewer asks. Lives in the ingest worker.
 */
export class ImportSession {
  readonly #instances = new Map<string, DicomInstance>();
  #tree = new StudyTreeBuilder();
  /** The last snapshot, until the next addition: frame lookups must not re-sort 10,000 files. */
  #snapshot: StudyTree | undefined;
  readonly #others: OtherScans;
  readonly #skipped: ImportItemSummary[] = [];
  readonly #counts: Record<string, number> = {};
  #nextId = 1;

  constructor(decoders: FrameDecoders = {}) {
    this.#others = new OtherScans(decoders);
  }

  async add(inputs: ImportInput[], options: JobOptions = {}): Promise<ImportReport> {
    let added = 0;
    let skippedNow = 0;
    // Header parses overlap: in a browser each file read waits on another process, so a few
    // reads in flight keep the worker busy while the scanner looks at the next files.
    const inFlight = new Set<Promise<void>>();
    const parse = (path: string, source: ImportSource) => {
      const job: Promise<void> = this.#addDicom(path, source, options.signal).then((ok) => {
        if (ok) added++;
        else skippedNow++;
      });
      const tracked = job.finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
      // Observed later by race/all; this branch keeps an early cancellation from being "unhandled".
      tracked.catch(() => undefined);
      return tracked;
    };
    try {
      for await (const item of scanImport(inputs, options)) {
        this.#counts[item.kind] = (this.#counts[item.kind] ?? 0) + 1;
        if (item.kind === 'dicom') {
          void parse(item.path, item.source);
          if (inFlight.size >= PARSES_IN_FLIGHT) await Promise.race(inFlight);
        } else if (item.kind === 'skipped') {
          this.#skipped.push(summariseItem(item));
          skippedNow++;
        } else if (item.kind !== 'dicomdir') {
          this.#others.add(item);
          added++;
        }
      }
      await Promise.all(inFlight);
    } catch (error) {
      await Promise.allSettled(inFlight);
      if (error instanceof Error && error.name === 'CancelledError') return { added, skipped: skippedNow, cancelled: true };
      throw error;
    }
    return { added, skipped: skippedNow, cancelled: false };
  }

  snapshot(): ImportSnapshot {
    return { tree: this.#treeSnapshot(), others: this.#others.viewables(), skipped: [...this.#skipped], counts: { ...this.#counts } };
  }

  metadataTable(): SeriesMetadataRow[] {
    return metadataTableFromTree(this.#tree);
  }

  metadataCsv(options: MetadataCsvOptions = {}): string {
    return metadataTableToCsv(this.metadataTable(), options);
  }

  /** Every DICOM series and other scan the viewer can open. */
  viewables(): Viewable[] {
    const series = this.#tree.seriesGroups().map(({ series: node, readers, patientNo, studyNo, seriesNo }) => {
      const rate = readers[0] ? frameRateOf(readers[0]) : undefined;
      return {
        key: node.key,
        kind: 'dicom-series' as const,
        label: `Patient ${patientNo} · study ${studyNo} · series ${seriesNo}: ${node.modality ?? '?'} ${node.seriesDescription ?? ''}`.trim(),
        frameCount: node.frameCount,
        frameRate: rate ? { fps: rate.fps, source: rate.source } : null,
      };
    });
    return [...series, ...this.#others.viewables()];
  }

  header(instanceId: string): HeaderRow[] {
    return headerRows(this.#instance(instanceId).reader);
  }

  /** Frame `index` of a viewable, counting through the instances of a series in order. */
  async frame(viewableKey: string, index: number): Promise<ViewerFrame> {
    const other = this.#others.get(viewableKey);
    if (other) return this.#others.frame(other, index);
    const node = this.#series(viewableKey);
    const { instanceId, frameInInstance } = locateFrame(node, index);
    const instance = this.#instance(instanceId);
    instance.description ??= describeImagePixels(instance.reader);
    const frames = encodedFrames(instance.parsed, instance.source.open());
    const decoded = await decodeEncodedFrame(frames, frameInInstance, instance.description);
    return { kind: 'dicom', decoded, description: instance.description, frameInInstance, instanceId };
  }

  /** The instance shown at frame `index` of a series, for the header panel. */
  instanceAt(viewableKey: string, index: number): string | null {
    if (this.#others.get(viewableKey)) return null;
    return locateFrame(this.#series(viewableKey), index).instanceId;
  }

  /** The DICOM instances of the chosen series (all when none given), in tree order: handles, not bytes. */
  dicomSources(seriesKeys?: readonly string[]): { seriesKey: string; instanceId: string; source: ImportSource }[] {
    const wanted = seriesKeys ? new Set(seriesKeys) : undefined;
    const out: { seriesKey: string; instanceId: string; source: ImportSource }[] = [];
    for (const patient of this.#treeSnapshot().patients) {
      for (const study of patient.studies) {
        for (const series of study.series) {
          if (wanted && !wanted.has(series.key)) continue;
          for (const { id } of series.instances) out.push({ seriesKey: series.key, instanceId: id, source: this.#instance(id).source });
        }
      }
    }
    return out;
  }

  clear(): void {
    this.#instances.clear();
    this.#others.clear();
    this.#skipped.length = 0;
    for (const key of Object.keys(this.#counts)) delete this.#counts[key];
    this.#tree = new StudyTreeBuilder();
    this.#snapshot = undefined;
  }

  #treeSnapshot(): StudyTree {
    this.#snapshot ??= this.#tree.snapshot();
    return this.#snapshot;
  }

  async #addDicom(path: string, source: ImportSource, signal?: AbortSignal): Promise<boolean> {
    let parsed: ParsedDicom;
    try {
      parsed = await parseDicom(source.open(), { mode: 'header', signal });
    } catch (error) {
      if (error instanceof Error && error.name === 'CancelledError') throw error;
      this.#skipped.push({ kind: 'skipped', path, size: source.size, detail: error instanceof Error ? error.message : String(error), code: 'damaged' });
      return false;
    }
    const id = String(this.#nextId++);
    const reader = datasetReader(parsed);
    this.#instances.set(id, { path, source, parsed, reader });
    this.#tree.add({ id, path, reader });
    this.#snapshot = undefined;
    return true;
  }

  #instance(id: string): DicomInstance {
    const instance = this.#instances.get(id);
    if (!instance) throw new EnclaveError('NotFoundError', `No imported file has id ${id}; import it again.`);
    return instance;
  }

  #series(key: string): SeriesNode {
    for (const patient of this.#treeSnapshot().patients) {
      for (const study of patient.studies) {
        const series = study.series.find((s) => s.key === key);
        if (series) return series;
      }
    }
    throw new EnclaveError('NotFoundError', `No imported series or scan is called ${key}.`);
  }
}

function locateFrame(series: SeriesNode, index: number): { instanceId: string; frameInInstance: number } {
  if (!Number.isInteger(index) || index < 0 || index >= series.frameCount) {
    throw new EnclaveError('InvalidInputError', `Frame ${index + 1} does not exist; this series has ${series.frameCount}.`);
  }
  let remaining = index;
  for (const instance of series.instances) {
    if (remaining < instance.frames) return { instanceId: instance.id, frameInInstance: remaining };
    remaining -= instance.frames;
  }
  throw new EnclaveError('InvalidInputError', `Frame ${index + 1} does not exist in this series.`);
}
