import { TAG, bytes, seq, str, writePart10, type DicomDataset } from '../../../../src/lib/dicom/write';
import { emptyIdentifiers, type OriginalIdentifiers } from '../../../../src/lib/deid/leftover';

/** The "original" identifiers of a made-up patient (the test's own fake PHI). */
export function originalIds(): OriginalIdentifiers {
  return {
    ...emptyIdentifiers(),
    patientNames: ['DOE^JOHN^Q'],
    patientIds: ['PID-12345'],
    birthDates: ['19800215'],
    accessionNumbers: ['ACC778899'],
    institutionNames: ['Springfield General'],
    physicianNames: ['HOUSE^GREGORY^^DR'],
    stationNames: ['CTROOM7'],
    deviceSerialNumbers: ['SN998877'],
  };
}

function utf16le(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'utf16le'));
}

/** A "de-identified" output with leftovers planted where a careless engine leaves them. */
export function plantedOutput(): Uint8Array {
  const dataset: DicomDataset = {
    [TAG.SOPClassUID]: str('UI', '1.2.840.10008.5.1.4.1.1.7'),
    [TAG.SOPInstanceUID]: str('UI', '2.25.1001'),
    [TAG.StudyInstanceUID]: str('UI', '2.25.1002'),
    [TAG.SeriesInstanceUID]: str('UI', '2.25.1003'),
    [TAG.PatientName]: str('PN', 'ENC^7F3A2C'),
    [TAG.PatientID]: str('LO', 'ENC-7F3A2C'),
    [TAG.Modality]: str('CS', 'OT'),
    // same letters inside longer words: not findings
    [TAG.ManufacturerModelName]: str('LO', 'DOEMATIC JOHNSON 3000'),
    // an ID inside a longer value: a finding (IDs match anywhere)
    [TAG.SeriesDescription]: str('LO', 'REPEAT OF ACC778899B'),
    '00290010': str('LO', 'ACME PRIVATE 1.0'),
    '00291010': seq({
      '00290010': str('LO', 'ACME PRIVATE 1.0'),
      '00291020': seq({ '00290010': str('LO', 'ACME PRIVATE 1.0'), '00291030': str('LT', 'Follow-up for john Doe, born 15.02.1980') }),
    }),
    '00291040': bytes('OB', utf16le('Seen by House')),
  };
  const file = writePart10(dataset);
  file.set(new TextEncoder().encode('Doe'), 10); // in the preamble
  return file;
}
