import type { KeyKind } from './schema';

/** A scan of the dataset as label import sees it: de-identified names only. */
export interface DatasetItemRef {
  itemId: string;
  patientPseudonym: string;
  /** The de-identified StudyInstanceUID. */
  studyUid: string;
  /** De-identified relative paths of the scan's files. */
  filePaths?: readonly string[];
}

/**
 * Original identifier → de-identified name, built by the caller from the decrypted pseudonym
 * map (and the UID map of the de-identification run). Only in memory, only while importing.
 */
export interface OriginalToPseudonymLookup {
  patientPseudonym(originalPatientId: string): string | undefined;
  /** The de-identified StudyInstanceUID of an original one. */
  studyUid(originalStudyUid: string): string | undefined;
  /** The de-identified StudyInstanceUID of the study with this original accession number. */
  studyUidForAccession?(originalAccessionNumber: string): string | undefined;
  /** The de-identified relative path of a file by its original relative path. */
  filePath?(originalFilePath: string): string | undefined;
}

/** The kinds a key is translated to: an accession number becomes its study. */
export type ResolvedKeyKind = 'patient' | 'study' | 'file' | 'item';

export type KeyResolution =
  | {
    ok: true;
    /** Matched as it was, or through the original identifiers. */
    via: 'de-identified' | 'original';
    kind: ResolvedKeyKind;
    /** The translated key: pseudonym, de-identified UID or path, or scan id. */
    key: string;
    itemIds: string[];
    patientPseudonym: string;
  }
  | { ok: false; code: 'unknown-key' | 'ambiguous-key'; reason: string };

export interface LabelKeyIndex {
  readonly itemCount: number;
  readonly hasOriginals: boolean;
  resolve(kind: KeyKind, raw: string): KeyResolution;
  /** True when the value is an original identifier the lookup knows (patient ID, UID, accession, path). */
  isOriginalIdentifier(value: string): boolean;
}

/** Relative paths compare with '/' and without a leading './' or '/'. */
export function normalisePath(path: string): string {
  return path.trim().replace(/\\/g, '/').replace(/^(\.\/|\/)+/, '');
}

export function createLabelKeyIndex(items: readonly DatasetItemRef[], originals?: OriginalToPseudonymLookup): LabelKeyIndex {
  const byPatient = groupBy(items, (i) => [i.patientPseudonym]);
  const byStudy = groupBy(items, (i) => [i.studyUid]);
  const byFile = groupBy(items, (i) => (i.filePaths ?? []).map(normalisePath));
  const byItem = groupBy(items, (i) => [i.itemId]);

  const target = (kind: ResolvedKeyKind, key: string | undefined): DatasetItemRef[] | undefined => {
    if (key === undefined || key === '') return undefined;
    const map = kind === 'patient' ? byPatient : kind === 'study' ? byStudy : kind === 'file' ? byFile : byItem;
    return map.get(kind === 'file' ? normalisePath(key) : key);
  };

  const resolve = (kind: KeyKind, rawValue: string): KeyResolution => {
    const raw = kind === 'file' ? normalisePath(rawValue) : rawValue.trim();
    const resolvedKind: ResolvedKeyKind = kind === 'accession' ? 'study' : kind;
    const direct = kind === 'accession' ? undefined : raw;
    const translated = translate(kind, raw, originals);
    const fromDirect = target(resolvedKind, direct);
    const fromOriginal = target(resolvedKind, translated);
    if (fromDirect && fromOriginal && fromDirect !== fromOriginal) {
      return { ok: false, code: 'ambiguous-key', reason: `matches one ${resolvedKind} as a de-identified name and another as an original identifier` };
    }
    const found = fromDirect ?? fromOriginal;
    const key = fromDirect ? direct : translated;
    if (!found || key === undefined) return { ok: false, code: 'unknown-key', reason: unknownReason(kind, originals) };
    const patients = new Set(found.map((i) => i.patientPseudonym));
    if (patients.size !== 1) return { ok: false, code: 'ambiguous-key', reason: `its ${resolvedKind} spans ${patients.size} patients` };
    return {
      ok: true, via: fromDirect ? 'de-identified' : 'original', kind: resolvedKind,
      key: resolvedKind === 'file' ? normalisePath(key) : key,
      itemIds: found.map((i) => i.itemId), patientPseudonym: found[0]?.patientPseudonym ?? '',
    };
  };
  const isOriginalIdentifier = (value: string): boolean => {
    const v = value.trim();
    return v !== '' && (['patient', 'study', 'accession', 'file'] as const).some((kind) => translate(kind, v, originals) !== undefined);
  };
  return { itemCount: items.length, hasOriginals: originals !== undefined, resolve, isOriginalIdentifier };
}

function translate(kind: KeyKind, raw: string, originals: OriginalToPseudonymLookup | undefined): string | undefined {
  if (!originals || raw === '') return undefined;
  switch (kind) {
    case 'patient': return originals.patientPseudonym(raw);
    case 'study': return originals.studyUid(raw);
    case 'accession': return originals.studyUidForAccession?.(raw);
    case 'file': return originals.filePath?.(raw);
    case 'item': return undefined;
  }
}

const WHAT: Readonly<Record<KeyKind, string>> = {
  patient: 'no patient of this dataset (neither a pseudonym nor an original patient ID)',
  study: 'no study of this dataset (neither a de-identified StudyInstanceUID nor an original one)',
  accession: 'no study of this dataset by its original accession number',
  file: 'no file of this dataset (neither a de-identified path nor an original one)',
  item: 'no scan of this dataset',
};

function unknownReason(kind: KeyKind, originals: OriginalToPseudonymLookup | undefined): string {
  const tail = originals || kind === 'item' ? '' : '; to match original identifiers, unlock the pseudonym map first';
  return `matches ${WHAT[kind]}${tail}`;
}

function groupBy(items: readonly DatasetItemRef[], keys: (item: DatasetItemRef) => readonly string[]): Map<string, DatasetItemRef[]> {
  const map = new Map<string, DatasetItemRef[]>();
  for (const item of items) {
    for (const key of new Set(keys(item))) {
      if (key === '') continue;
      const list = map.get(key);
      if (list) list.push(item);
      else map.set(key, [item]);
    }
  }
  return map;
}

/** A lookup over plain maps (original → de-identified), for callers that decrypted the map into them. */
export function originalLookupFromMaps(maps: {
  patients: ReadonlyMap<string, string>;
  studies: ReadonlyMap<string, string>;
  accessions?: ReadonlyMap<string, string>;
  files?: ReadonlyMap<string, string>;
}): OriginalToPseudonymLookup {
  const files = maps.files ? new Map([...maps.files].map(([k, v]) => [normalisePath(k), v])) : undefined;
  return {
    patientPseudonym: (id) => maps.patients.get(id),
    studyUid: (uid) => maps.studies.get(uid),
    studyUidForAccession: (accession) => maps.accessions?.get(accession),
    filePath: (path) => files?.get(normalisePath(path)),
  };
}
