import { datasetReader } from '../../../src/lib/dicom/parse';
import { TAG, str, writePart10 } from '../../../src/lib/dicom/write';
import type { DeidEngine, EngineInput, EngineOutput } from '../../../src/cli/deid/engine';

/**
 * A stand-in engine for the CLI tests (loaded by module URL in the worker threads): writes a
 * tiny instance with a pseudonym and UIDs derived from the originals. An original whose
 * PatientComments say "LEAK" gets its PatientID copied into the output, to test fail-closed.
 */
function digits(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return String(h);
}

export function createEngine(): DeidEngine {
  return {
    async deidentify({ parsed }: EngineInput): Promise<EngineOutput> {
      const r = datasetReader(parsed);
      const id = r.string('PatientID') ?? '';
      const pseudonym = `STUB-${digits(id)}`;
      const leak = (r.string('PatientComments') ?? '').includes('LEAK');
      const bytes = writePart10({
        [TAG.SOPClassUID]: str('UI', r.string('SOPClassUID') ?? '1.2.840.10008.5.1.4.1.1.7'),
        [TAG.SOPInstanceUID]: str('UI', `2.25.${digits(r.string('SOPInstanceUID') ?? '')}`),
        [TAG.StudyInstanceUID]: str('UI', `2.25.${digits(r.string('StudyInstanceUID') ?? '')}`),
        [TAG.SeriesInstanceUID]: str('UI', `2.25.${digits(r.string('SeriesInstanceUID') ?? '')}`),
        [TAG.PatientName]: str('PN', pseudonym),
        [TAG.PatientID]: str('LO', pseudonym),
        ...(leak ? { [TAG.PatientComments]: str('LT', `was ${id}`) } : {}),
      });
      return {
        bytes,
        audit: [{ path: '(0010,0010)', tag: '00100010', keyword: 'PatientName', action: 'D', reason: 'stub' }],
        pseudonym: { patientId: id, issuerOfPatientId: '', patientName: r.string('PatientName') ?? '', pseudonym },
        pixels: 'none',
      };
    },
  };
}
