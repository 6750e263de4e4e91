import { throttleProgress, throwIfCancelled, type JobOptions } from '../jobs';
import { writePart10 } from '../dicom/write';
import { planEchoCohort, type EchoCohort, type EchoStudyPlan, type FakePatient } from './cohort';
import { toCsv } from '../csv';
import { CT_GEOMETRY, ctSliceDataset, renderCtSlice, type CtSeriesInput } from './ct-series';
import { echoDataset, renderEchoStudy } from './echo-study';
import { ageInYears, dicomDateFromDay, dicomTime } from './fake-identity';
import { SAMPLE_MANIFEST_FORMAT, type SampleFileKind, type SampleManifest, type SampleManifestFile } from './manifest';
import { MR_GEOMETRY, MR_PROTOCOLS, mrSliceDataset, renderMrSlice, type MrSeriesInput } from './mr-series';
import type { StudyContext } from './phi-headers';
import { createRng } from './random';
import { syntheticUid } from './uids';

/** Bump when the bytes a seed produces change, so stale bundled sets are regenerated. */
export const SAMPLE_GENERATOR_VERSION = 3;
export const DEFAULT_SAMPLE_SEED = 20261127;
export const DEFAULT_SAMPLE_OPTIONS = { seed: DEFAULT_SAMPLE_SEED, patients: 16, echoStudies: 22, ct: true, mr: true } as const;

export const LABEL_COLUMNS = [
  'file', 'patient_id', 'study_instance_uid', 'accession_number', 'reduced_function',
  'ejection_fraction', 'time_to_event_days', 'event', 'sex', 'age', 'site',
] as const;

export interface SampleSetOptions {
  seed?: number;
  patients?: number;
  echoStudies?: number;
  ct?: boolean;
  mr?: boolean;
}

/** One file still to be written: what it is, and how to make its bytes. */
export interface PlannedFile {
  entry: Omit<SampleManifestFile, 'size'>;
  write: () => Uint8Array;
}

export interface SamplePlan {
  seed: number;
  stamp: string;
  cohort: EchoCohort;
  /** Patients of the CT and MR studies (always patients of the echo cohort). */
  ctPatient?: FakePatient;
  mrPatient?: FakePatient;
  studyCount: number;
  files: PlannedFile[];
}

export interface SampleFile extends SampleManifestFile {
  bytes: Uint8Array;
}

export interface SampleSet {
  files: SampleFile[];
  labelsCsv: string;
  manifest: SampleManifest;
}

export function sampleStamp(options: SampleSetOptions = {}): string {
  const o = { ...DEFAULT_SAMPLE_OPTIONS, ...options };
  return `v${SAMPLE_GENERATOR_VERSION}-seed${o.seed}-p${o.patients}-e${o.echoStudies}-ct${o.ct ? 1 : 0}-mr${o.mr ? 1 : 0}`;
}

/** Everything but the pixels: cheap, and enough for labels, paths and manifest entries. */
export function planSampleSet(options: SampleSetOptions = {}): SamplePlan {
  const o = { ...DEFAULT_SAMPLE_OPTIONS, ...options };
  const cohort = planEchoCohort({ seed: o.seed, patients: o.patients, echoStudies: o.echoStudies });
  const files: PlannedFile[] = cohort.studies.map((study) => ({
    entry: {
      path: study.path, modality: 'US', kind: 'echo-cine', patientId: study.patient.patientId,
      studyInstanceUid: study.studyInstanceUid, seriesInstanceUid: study.seriesInstanceUid,
      sopInstanceUid: study.sopInstanceUid,
    },
    write: () => writePart10(echoDataset(study, renderEchoStudy(study))),
  }));
  const rng = createRng(`sample-extras|${o.seed}`);
  const order = rng.shuffled(cohort.patients);
  let nextAccession = cohort.studies.length + 1;
  const plan: SamplePlan = { seed: o.seed, stamp: sampleStamp(o), cohort, studyCount: cohort.studies.length, files };
  if (o.ct && order[0]) {
    plan.ctPatient = order[0];
    const ctx = extraStudyContext(o.seed, cohort, order[0], 'CT', nextAccession++, 'FAKE CT ABDOMEN', rng.int(10, 60));
    files.push(...ctFiles(o.seed, ctx));
    plan.studyCount++;
  }
  const mrPatient = order[1] ?? order[0];
  if (o.mr && mrPatient) {
    plan.mrPatient = mrPatient;
    const ctx = extraStudyContext(o.seed, cohort, mrPatient, 'MR', nextAccession++, 'FAKE MR BRAIN', rng.int(10, 60));
    files.push(...mrFiles(o.seed, ctx));
    plan.studyCount++;
  }
  return plan;
}

/** A CT or MR study some days after the patient's last echo. */
function extraStudyContext(
  seed: number, cohort: EchoCohort, patient: FakePatient, modality: 'CT' | 'MR',
  accession: number, description: string, daysAfterEcho: number,
): StudyContext {
  const lastEcho = cohort.studies.filter((s) => s.patient === patient).reduce((d, s) => Math.max(d, s.studyDay), 0);
  const studyDate = dicomDateFromDay(lastEcho + daysAfterEcho);
  const n = String(accession).padStart(5, '0');
  return {
    patient, modality, studyDate,
    studyInstanceUid: syntheticUid(seed, modality, 'study'),
    studyTime: dicomTime(9 + (accession % 8), (accession * 7) % 60, (accession * 13) % 60),
    ageYears: ageInYears(patient.birthDate, studyDate),
    accessionNumber: `FAKEACC${n}`,
    studyId: `FAKE-${modality === 'CT' ? 'C' : 'M'}${n}`,
    studyDescription: description,
  };
}

function ctFiles(seed: number, ctx: StudyContext): PlannedFile[] {
  const n = CT_GEOMETRY.slices;
  const input: CtSeriesInput = {
    ctx,
    seriesInstanceUid: syntheticUid(seed, 'CT', 'series'),
    frameOfReferenceUid: syntheticUid(seed, 'CT', 'frame-of-reference'),
    sopInstanceUids: Array.from({ length: n }, (_, k) => syntheticUid(seed, 'CT', 'instance', k)),
  };
  return input.sopInstanceUids.map((sop, k) => ({
    entry: sliceEntry(ctx, 'CT', 'ct-slice', `ct/${ctx.patient.patientId}/slice-${pad3(k + 1)}.dcm`, input.seriesInstanceUid, sop),
    write: () => writePart10(ctSliceDataset(input, k, renderCtSlice(k, sop))),
  }));
}

function mrFiles(seed: number, ctx: StudyContext): PlannedFile[] {
  const frameOfReferenceUid = syntheticUid(seed, 'MR', 'frame-of-reference');
  return Object.values(MR_PROTOCOLS).flatMap((protocol) => {
    const w = protocol.weighting;
    const input: MrSeriesInput = {
      ctx, protocol, frameOfReferenceUid,
      seriesInstanceUid: syntheticUid(seed, 'MR', w, 'series'),
      sopInstanceUids: Array.from({ length: MR_GEOMETRY.slices }, (_, k) => syntheticUid(seed, 'MR', w, 'instance', k)),
    };
    const kind: SampleFileKind = w === 'T1' ? 'mr-t1-slice' : 'mr-t2-slice';
    return input.sopInstanceUids.map((sop, k) => ({
      entry: sliceEntry(ctx, 'MR', kind, `mr/${ctx.patient.patientId}/${w.toLowerCase()}/slice-${pad3(k + 1)}.dcm`, input.seriesInstanceUid, sop),
      write: () => writePart10(mrSliceDataset(input, k, renderMrSlice(protocol, k, sop))),
    }));
  });
}

function sliceEntry(
  ctx: StudyContext, modality: 'CT' | 'MR', kind: SampleFileKind, path: string, seriesInstanceUid: string, sopInstanceUid: string,
): Omit<SampleManifestFile, 'size'> {
  return { path, modality, kind, patientId: ctx.patient.patientId, studyInstanceUid: ctx.studyInstanceUid, seriesInstanceUid, sopInstanceUid };
}

function pad3(n: number): string {
  return String(n).padStart(3, '0');
}

/** The labels CSV: one row per echo study (see label-model.ts for how the values arise). */
export function labelsCsv(studies: readonly EchoStudyPlan[]): string {
  return toCsv(LABEL_COLUMNS, studies.map((s) => [
    s.path, s.patient.patientId, s.studyInstanceUid, s.accessionNumber, s.reducedFunction,
    s.ejectionFraction.toFixed(1), s.timeToEventDays, s.event, s.patient.sex, s.ageYears, s.patient.site,
  ]));
}

/** Writes every planned file, one at a time (so a caller can stream them to disk). */
export function* iterateSampleFiles(plan: SamplePlan): Generator<SampleFile> {
  for (const file of plan.files) {
    const bytes = file.write();
    yield { ...file.entry, size: bytes.byteLength, bytes };
  }
}

export function buildManifest(plan: SamplePlan, files: readonly SampleManifestFile[]): SampleManifest {
  return {
    format: SAMPLE_MANIFEST_FORMAT,
    generatorVersion: SAMPLE_GENERATOR_VERSION,
    seed: plan.seed,
    stamp: plan.stamp,
    labelsPath: 'labels.csv',
    labelColumns: LABEL_COLUMNS,
    patientCount: plan.cohort.patients.length,
    studyCount: plan.studyCount,
    fileCount: files.length,
    totalSize: files.reduce((sum, f) => sum + f.size, 0),
    files: files.map(({ path, size, modality, kind, patientId, studyInstanceUid, seriesInstanceUid, sopInstanceUid }) => (
      { path, size, modality, kind, patientId, studyInstanceUid, seriesInstanceUid, sopInstanceUid })),
  };
}

/**
 * The whole sample set in memory, for a worker ("Try it with sample data" without a
 * download) or a test. Reports progress per file and yields to the event loop between files
 * so an abort can land.
 */
export async function generateSampleSet(options: SampleSetOptions = {}, job: JobOptions = {}): Promise<SampleSet> {
  const plan = planSampleSet(options);
  const report = job.onProgress ? throttleProgress(job.onProgress) : undefined;
  const files: SampleFile[] = [];
  const total = plan.files.length;
  for (const planned of plan.files) {
    throwIfCancelled(job.signal, 'Generating the sample data');
    const bytes = planned.write();
    files.push({ ...planned.entry, size: bytes.byteLength, bytes });
    report?.({ stage: 'generate', done: files.length, total, message: planned.entry.path });
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
  }
  return { files, labelsCsv: labelsCsv(plan.cohort.studies), manifest: buildManifest(plan, files) };
}
