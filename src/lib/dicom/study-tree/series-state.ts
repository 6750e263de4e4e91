import { dot, sameOrientation, sliceNormal, summarisePositions, type Vec3 } from './geometry';
import type { InstanceRecord } from './instance-record';
import { text, type SeriesIdentity } from './keys';
import type { InstanceNode, InstanceOrder, SeriesFlag, SeriesGeometry, SeriesNode } from './types';

/** Counts comparator calls, so tests can check that sorting stays O(n log n). */
export interface SortStats {
  comparisons: number;
}

const pathCollator = new Intl.Collator('en', { numeric: true });

/**
 * One series while instances stream in. Adding is O(1); the order and the geometry are worked
 * out when a snapshot asks for them, and only for series that changed since the last one. The
 * records stay in their last sorted order, and V8's sort (TimSort) finds that sorted run, so a
 * re-sort after a few arrivals costs about n comparisons, not n log n.
 */
export class SeriesState {
  readonly records: InstanceRecord[] = [];
  private dirty = true;
  private cached: SeriesNode | undefined;

  constructor(readonly key: string, readonly identity: SeriesIdentity) {}

  add(record: InstanceRecord): void {
    this.records.push(record);
    this.dirty = true;
  }

  /** Something about a record changed (e.g. it became a duplicate). */
  invalidate(): void {
    this.dirty = true;
  }

  node(stats: SortStats): SeriesNode {
    if (this.cached && !this.dirty) return this.cached;
    const records = this.records;
    const orientation = commonOrientation(records);
    const normal = orientation ? sliceNormal(orientation) : undefined;
    for (const r of records) r.slicePosition = normal && r.position ? round6(dot(r.position, normal)) : undefined;
    const sortedBy = sortRecords(records, normal, stats);
    const first = records[0];
    const flags: SeriesFlag[] = [];
    if (this.identity.uidMissing) flags.push('series-uid-missing');
    if (records.some((r) => r.duplicateSop)) flags.push('duplicate-sop');
    const geometry = seriesGeometry(records, orientation, normal, flags);
    this.cached = {
      key: this.key,
      ...(this.identity.seriesInstanceUid !== undefined && { seriesInstanceUid: this.identity.seriesInstanceUid }),
      ...optional('seriesNumber', firstValue(records, (r) => r.reader.number('SeriesNumber'))),
      ...optional('modality', firstValue(records, (r) => text(r.reader, 'Modality'))),
      ...optional('seriesDescription', firstValue(records, (r) => text(r.reader, 'SeriesDescription'))),
      instanceCount: records.length,
      frameCount: records.reduce((sum, r) => sum + r.frames, 0),
      sortedBy: first ? sortedBy : 'path',
      flags,
      geometry,
      instances: records.map(instanceNode),
    };
    this.dirty = false;
    return this.cached;
  }
}

/** The orientation all records share, or undefined if one lacks it or they differ. */
function commonOrientation(records: readonly InstanceRecord[]): number[] | undefined {
  const reference = records[0]?.orientation;
  if (!reference) return undefined;
  return records.every((r) => r.orientation && sameOrientation(r.orientation, reference)) ? reference : undefined;
}

/**
 * InstanceNumber, else position along the normal, else acquisition time, else path: the first
 * key that every instance of the series has leads, the others that every instance has break
 * ties, then path and arrival order. Keys only some instances have are not used at all,
 * because mixing "has it" and "lacks it" makes an order that is not transitive.
 */
function sortRecords(records: InstanceRecord[], normal: Vec3 | undefined, stats: SortStats): InstanceOrder {
  type Key = { order: InstanceOrder; value: (r: InstanceRecord) => number };
  const keys: Key[] = [];
  if (records.every((r) => r.instanceNumber !== undefined)) {
    keys.push({ order: 'InstanceNumber', value: (r) => r.instanceNumber as number });
  }
  if (normal && records.every((r) => r.slicePosition !== undefined)) {
    keys.push({ order: 'slice position', value: (r) => r.slicePosition as number });
  }
  if (records.every((r) => r.time !== undefined)) {
    keys.push({ order: 'acquisition time', value: (r) => r.time as number });
  }
  records.sort((a, b) => {
    stats.comparisons++;
    for (const key of keys) {
      const d = key.value(a) - key.value(b);
      if (d !== 0) return d;
    }
    return pathCollator.compare(a.path, b.path) || a.seq - b.seq;
  });
  return keys[0]?.order ?? 'path';
}

function seriesGeometry(
  records: readonly InstanceRecord[], orientation: number[] | undefined, normal: Vec3 | undefined, flags: SeriesFlag[],
): SeriesGeometry {
  const geometry: SeriesGeometry = { volumeReady: false };
  const withOrientation = records.filter((r) => r.orientation);
  const reference = withOrientation[0]?.orientation;
  if (reference && withOrientation.some((r) => !sameOrientation(r.orientation as number[], reference))) flags.push('mixed-orientation');
  const sized = records.filter((r) => r.rows !== undefined && r.columns !== undefined);
  const size = sized[0];
  if (size && sized.some((r) => r.rows !== size.rows || r.columns !== size.columns)) flags.push('mixed-size');
  else if (size && sized.length === records.length) Object.assign(geometry, { rows: size.rows, columns: size.columns });
  if (!orientation || !normal) return geometry;
  geometry.orientation = orientation;
  geometry.normal = normal.map(round6);
  const positions = records.flatMap((r) => (r.slicePosition === undefined ? [] : [r.slicePosition]));
  if (positions.length > 0 && positions.length < records.length) flags.push('missing-positions');
  const summary = summarisePositions(positions);
  if (summary.repeated > 0) flags.push('repeated-positions');
  if (summary.spacing) {
    geometry.sliceSpacing = summary.spacing;
    if (!summary.spacing.uniform) flags.push('non-uniform-spacing');
  }
  geometry.volumeReady = records.length >= 2
    && positions.length === records.length
    && records.every((r) => r.frames === 1)
    && summary.spacing?.uniform === true
    && !flags.some((f) => f !== 'series-uid-missing');
  return geometry;
}

function instanceNode(r: InstanceRecord): InstanceNode {
  return {
    id: r.id,
    path: r.path,
    ...optional('sopInstanceUid', r.sopInstanceUid),
    ...optional('sopClassUid', r.sopClassUid),
    ...optional('instanceNumber', r.instanceNumber),
    ...optional('slicePosition', r.slicePosition),
    ...optional('rows', r.rows),
    ...optional('columns', r.columns),
    frames: r.frames,
    duplicateSop: r.duplicateSop,
  };
}

function firstValue<T>(records: readonly InstanceRecord[], get: (r: InstanceRecord) => T | undefined): T | undefined {
  for (const r of records) {
    const v = get(r);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** `{ [key]: value }` or `{}`, so plain-data nodes carry no `key: undefined` entries. */
export function optional<K extends string, T>(key: K, value: T | undefined): Partial<Record<K, T>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, T>);
}

function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6 || 0; // `|| 0`: no -0 in plain data
}
