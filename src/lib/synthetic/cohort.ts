import { EnclaveError } from '../jobs';
import {
  AGE_MAX, AGE_MEAN, AGE_MIN, AGE_SD, FEMALE_FRACTION, REDUCED_EF_THRESHOLD, REDUCED_FRACTION, SITES,
  drawBaseEjectionFraction, drawImageGain, drawStudyEjectionFraction, drawSurvival,
  type FunctionClass, type Sex, type SiteId,
} from './label-model';
import { ageInYears, dicomDateFromDay, dicomTime, fakeIdentity, type FakeIdentity } from './fake-identity';
import { clamp, createRng, type Rng } from './random';
import { syntheticUid } from './uids';

export interface FakePatient extends FakeIdentity {
  index: number;
  sex: Sex;
  birthDate: string;
  site: SiteId;
  functionClass: FunctionClass;
  /** Day (from the synthetic epoch) of the patient's first study. */
  firstStudyDay: number;
}

/** Everything about one echo study except its pixels: the labels row and the header inputs. */
export interface EchoStudyPlan {
  index: number;
  patient: FakePatient;
  /** 1 for the patient's first echo, 2 for the second… */
  visit: number;
  studyDay: number;
  studyDate: string;
  studyTime: string;
  ageYears: number;
  accessionNumber: string;
  studyId: string;
  studyInstanceUid: string;
  seriesInstanceUid: string;
  sopInstanceUid: string;
  ejectionFraction: number;
  reducedFunction: 0 | 1;
  timeToEventDays: number;
  event: 0 | 1;
  imageGain: number;
  heartRateBpm: number;
  /** Relative path of the file in a written sample set. */
  path: string;
}

export interface CohortOptions {
  seed: number;
  patients: number;
  echoStudies: number;
  /** Cap on echo studies per patient (default 3). */
  maxStudiesPerPatient?: number;
}

export interface EchoCohort {
  seed: number;
  patients: FakePatient[];
  studies: EchoStudyPlan[];
}

/**
 * Plans a cohort (patients, their echo studies and every label) without drawing a pixel, so
 * label-level tests can use hundreds of rows for free. Every patient has at least one study;
 * the remaining studies go to random patients (up to the cap) on later dates.
 */
export function planEchoCohort(options: CohortOptions): EchoCohort {
  const { seed, patients: nPatients, echoStudies: nStudies } = options;
  const maxPerPatient = options.maxStudiesPerPatient ?? 3;
  if (!Number.isInteger(nPatients) || nPatients < 1 || nPatients > 9999) {
    throw new EnclaveError('InvalidInputError', 'The cohort needs between 1 and 9999 patients.');
  }
  if (!Number.isInteger(nStudies) || nStudies < nPatients || nStudies > nPatients * maxPerPatient) {
    throw new EnclaveError(
      'InvalidInputError',
      `A cohort of ${nPatients} patients needs between ${nPatients} and ${nPatients * maxPerPatient} echo studies.`,
    );
  }
  const rng = createRng(`cohort|${seed}`);
  const reducedCount = Math.round(nPatients * REDUCED_FRACTION);
  const reducedSet = new Set(rng.shuffled(range(nPatients)).slice(0, reducedCount));
  const patients = range(nPatients).map((i) => drawPatient(rng, i, reducedSet.has(i) ? 'reduced' : 'normal'));
  const baseEf = patients.map((p) => drawBaseEjectionFraction(rng, p.functionClass));

  const counts = patients.map(() => 1);
  for (let extra = nStudies - nPatients; extra > 0; extra--) {
    const open = range(nPatients).filter((i) => (counts[i] ?? 0) < maxPerPatient);
    const chosen = rng.pick(open);
    counts[chosen] = (counts[chosen] ?? 0) + 1;
  }

  const studies: EchoStudyPlan[] = [];
  for (const patient of patients) {
    let day = patient.firstStudyDay;
    for (let visit = 1; visit <= (counts[patient.index] ?? 1); visit++) {
      if (visit > 1) day += rng.int(90, 540);
      studies.push(planStudy(rng, seed, studies.length, patient, visit, day, baseEf[patient.index] ?? 50));
    }
  }
  return { seed, patients, studies };
}

function drawPatient(rng: Rng, index: number, functionClass: FunctionClass): FakePatient {
  const sex: Sex = rng.next() < FEMALE_FRACTION ? 'F' : 'M';
  const site = rng.pick(SITES);
  const ageAtFirst = Math.round(clamp(AGE_MEAN + AGE_SD * rng.normal(), AGE_MIN, AGE_MAX));
  const firstStudyDay = rng.int(0, 3 * 365);
  // Born ageAtFirst years (and 0–364 days) before the first study, so the DA-based age matches.
  const birthDay = firstStudyDay - Math.round(ageAtFirst * 365.25) - rng.int(1, 364);
  return {
    ...fakeIdentity(index),
    index,
    sex,
    birthDate: dicomDateFromDay(birthDay),
    site,
    functionClass,
    firstStudyDay,
  };
}

function planStudy(
  rng: Rng, seed: number, index: number, patient: FakePatient, visit: number, day: number, baseEf: number,
): EchoStudyPlan {
  const studyDate = dicomDateFromDay(day);
  const ageYears = ageInYears(patient.birthDate, studyDate);
  const ejectionFraction = drawStudyEjectionFraction(rng, baseEf, patient.functionClass, patient.sex, ageYears);
  const survival = drawSurvival(rng, ejectionFraction);
  const accessionNumber = `FAKEACC${String(index + 1).padStart(5, '0')}`;
  const studyInstanceUid = syntheticUid(seed, 'echo', index, 'study');
  return {
    index,
    patient,
    visit,
    studyDay: day,
    studyDate,
    studyTime: dicomTime(rng.int(8, 16), rng.int(0, 59), rng.int(0, 59)),
    ageYears,
    accessionNumber,
    studyId: `FAKE-E${String(index + 1).padStart(5, '0')}`,
    studyInstanceUid,
    seriesInstanceUid: syntheticUid(seed, 'echo', index, 'series'),
    sopInstanceUid: syntheticUid(seed, 'echo', index, 'instance'),
    ejectionFraction,
    reducedFunction: ejectionFraction < REDUCED_EF_THRESHOLD ? 1 : 0,
    timeToEventDays: survival.timeToEventDays,
    event: survival.event,
    imageGain: drawImageGain(rng, patient.site),
    heartRateBpm: rng.int(55, 95),
    path: `echo/${patient.patientId}/${accessionNumber}.dcm`,
  };
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
