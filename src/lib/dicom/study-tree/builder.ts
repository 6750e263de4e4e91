import { EnclaveError } from '../../jobs';
import { dicomDateDays, dicomTimeSeconds } from './dicom-time';
import { readInstanceRecord, type InstanceRecord } from './instance-record';
import { patientIdentity, seriesIdentity, studyIdentity, text, UNKNOWN_PATIENT_KEY, type PatientIdentity, type StudyIdentity } from './keys';
import { optional, SeriesState, type SortStats } from './series-state';
import type { PatientNode, SeriesGroup, SeriesNode, StudyNode, StudyTree, TreeInstanceInput, TreeIssue } from './types';

interface StudyState {
  key: string;
  identity: StudyIdentity;
  /** Read from the study's first instance; studies are sorted on these. */
  reader: InstanceRecord['reader'];
  series: Map<string, SeriesState>;
}

interface PatientState {
  key: string;
  identity: PatientIdentity;
  studies: Map<string, StudyState>;
}

const collator = new Intl.Collator('en', { numeric: true });

/**
 * Builds patient → study → series → instance from instances that stream in (a 10,000-file
 * import adds them one by one). add() is a few map look-ups; snapshot() sorts only the series
 * that changed, so the total work stays O(n log n) however often the UI asks for a snapshot
 * between additions (see SeriesState for why a re-sort is cheap).
 */
export class StudyTreeBuilder {
  /** Comparator calls made so far while sorting instances: a behaviour check, not a timer. */
  readonly stats: SortStats = { comparisons: 0 };
  private readonly patients = new Map<string, PatientState>();
  private readonly ids = new Set<string>();
  /** SOPInstanceUID → the records carrying it (and where they live, to re-flag their series). */
  private readonly bySop = new Map<string, Array<{ record: InstanceRecord; series: SeriesState }>>();
  private readonly duplicateSops = new Set<string>();
  /** StudyInstanceUID → patient keys it was seen under (should be one). */
  private readonly studyPatients = new Map<string, Set<string>>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(input: TreeInstanceInput): void {
    if (this.ids.has(input.id)) {
      throw new EnclaveError('InvalidInputError', `The instance "${input.id}" was added to the study tree twice.`);
    }
    this.ids.add(input.id);
    const record = readInstanceRecord(input.id, input.path ?? input.id, input.reader, this.count++);
    const patient = this.patientFor(record);
    const study = this.studyFor(patient, record);
    const seriesId = seriesIdentity(record.reader);
    let series = study.series.get(seriesId.keyPart);
    if (!series) {
      series = new SeriesState(`${study.key}/${seriesId.keyPart}`, seriesId);
      study.series.set(seriesId.keyPart, series);
    }
    series.add(record);
    this.noteSop(record, series);
  }

  addAll(inputs: Iterable<TreeInstanceInput>): this {
    for (const input of inputs) this.add(input);
    return this;
  }

  snapshot(): StudyTree {
    const patients = this.sortedPatients().map((p): PatientNode => ({
      ...patientFields(p),
      studies: this.sortedStudies(p).map((s) => {
        const series = this.sortedSeries(s).map((x) => x.node);
        return { ...studyFields(s, series), series };
      }),
    }));
    return { patients, instanceCount: this.count, issues: this.issues() };
  }

  /** Every series in tree order, with its readers in instance order and 1-based positions. */
  seriesGroups(): SeriesGroup[] {
    const groups: SeriesGroup[] = [];
    this.sortedPatients().forEach((p, pi) => {
      this.sortedStudies(p).forEach((s, si) => {
        const sorted = this.sortedSeries(s);
        const study = studyFields(s, sorted.map((x) => x.node));
        sorted.forEach(({ state, node }, ki) => {
          groups.push({
            patient: patientFields(p), study, series: node,
            patientNo: pi + 1, studyNo: si + 1, seriesNo: ki + 1,
            readers: state.records.map((r) => r.reader),
          });
        });
      });
    });
    return groups;
  }

  private patientFor(record: InstanceRecord): PatientState {
    const identity = patientIdentity(record.reader);
    let patient = this.patients.get(identity.keyPart);
    if (!patient) {
      patient = { key: identity.keyPart, identity, studies: new Map() };
      this.patients.set(identity.keyPart, patient);
    }
    return patient;
  }

  private studyFor(patient: PatientState, record: InstanceRecord): StudyState {
    const identity = studyIdentity(record.reader);
    let study = patient.studies.get(identity.keyPart);
    if (!study) {
      study = { key: `${patient.key}/${identity.keyPart}`, identity, reader: record.reader, series: new Map() };
      patient.studies.set(identity.keyPart, study);
      if (identity.studyInstanceUid !== undefined) {
        const seen = this.studyPatients.get(identity.studyInstanceUid) ?? new Set<string>();
        seen.add(patient.key);
        this.studyPatients.set(identity.studyInstanceUid, seen);
      }
    }
    return study;
  }

  private noteSop(record: InstanceRecord, series: SeriesState): void {
    const sop = record.sopInstanceUid;
    if (sop === undefined) return;
    const holders = this.bySop.get(sop);
    if (!holders) {
      this.bySop.set(sop, [{ record, series }]);
      return;
    }
    holders.push({ record, series });
    this.duplicateSops.add(sop);
    for (const h of holders) {
      h.record.duplicateSop = true;
      h.series.invalidate();
    }
  }

  private issues(): TreeIssue[] {
    const issues: TreeIssue[] = [];
    for (const sop of this.duplicateSops) {
      const holders = this.bySop.get(sop) ?? [];
      issues.push({ kind: 'duplicate-sop', sopInstanceUid: sop, instanceIds: holders.map((h) => h.record.id) });
    }
    for (const [uid, keys] of this.studyPatients) {
      if (keys.size > 1) issues.push({ kind: 'study-under-several-patients', studyInstanceUid: uid, patientKeys: [...keys] });
    }
    return issues;
  }

  /** By ID or name (numbers in natural order), the unknown-patient bucket last. */
  private sortedPatients(): PatientState[] {
    const label = (p: PatientState): string => p.identity.patientId ?? p.identity.patientName ?? '';
    return [...this.patients.values()].sort((a, b) =>
      Number(a.key === UNKNOWN_PATIENT_KEY) - Number(b.key === UNKNOWN_PATIENT_KEY)
      || collator.compare(label(a), label(b)) || collator.compare(a.key, b.key));
  }

  /** By StudyDate + StudyTime, undated studies last, then by key for a stable order. */
  private sortedStudies(p: PatientState): StudyState[] {
    const when = (s: StudyState): number => {
      const days = dicomDateDays(s.reader.string('StudyDate'));
      return days === undefined ? Infinity : days * 86_400 + (dicomTimeSeconds(s.reader.string('StudyTime')) ?? 0);
    };
    return [...p.studies.values()].sort((a, b) => compareNumbers(when(a), when(b)) || collator.compare(a.key, b.key));
  }

  /** By SeriesNumber, unnumbered series last, then by key. */
  private sortedSeries(s: StudyState): Array<{ state: SeriesState; node: SeriesNode }> {
    const pairs = [...s.series.values()].map((state) => ({ state, node: state.node(this.stats) }));
    return pairs.sort(({ node: a }, { node: b }) =>
      compareNumbers(a.seriesNumber ?? Infinity, b.seriesNumber ?? Infinity) || collator.compare(a.key, b.key));
  }
}

export function buildStudyTree(inputs: Iterable<TreeInstanceInput>): StudyTree {
  return new StudyTreeBuilder().addAll(inputs).snapshot();
}

function compareNumbers(a: number, b: number): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

function patientFields(p: PatientState): Omit<PatientNode, 'studies'> {
  const { patientId, issuerOfPatientId, patientName } = p.identity;
  return {
    key: p.key, keySource: p.identity.source,
    ...optional('patientId', patientId), ...optional('issuerOfPatientId', issuerOfPatientId), ...optional('patientName', patientName),
  };
}

function studyFields(s: StudyState, series: readonly SeriesNode[]): Omit<StudyNode, 'series'> {
  const modalities = [...new Set(series.flatMap((n) => (n.modality === undefined ? [] : [n.modality])))];
  return {
    key: s.key,
    ...optional('studyInstanceUid', s.identity.studyInstanceUid),
    uidMissing: s.identity.uidMissing,
    ...optional('studyDate', text(s.reader, 'StudyDate')),
    ...optional('studyTime', text(s.reader, 'StudyTime')),
    ...optional('studyDescription', text(s.reader, 'StudyDescription')),
    ...optional('accessionNumber', text(s.reader, 'AccessionNumber')),
    modalities,
  };
}
