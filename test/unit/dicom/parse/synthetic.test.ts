import { describe, expect, it } from 'vitest';
import { datasetReader, metaReader, parseDicom, type DicomReader } from '../../../../src/lib/dicom/parse';
import { TAG, type DicomDataset } from '../../../../src/lib/dicom/write';
import { echoDataset, iterateSampleFiles, planSampleSet, renderEchoStudy } from '../../../../src/lib/synthetic';
import { blobOf } from './build';

/** Every element the generator wrote reads back with its value: strings, numbers, bytes, sequences. */
function expectSameValues(reader: DicomReader, dataset: DicomDataset, where: string): void {
  for (const [tag, element] of Object.entries(dataset)) {
    const node = reader.elementByTag(tag);
    const at = `${where} ${tag}`;
    expect(node, at).toBeDefined();
    expect(node!.vr, at).toBe(element.vr);
    if (element.vr === 'SQ') {
      const items = reader.itemsOf(node!);
      expect(items.length, at).toBe(element.items.length);
      element.items.forEach((item, i) => expectSameValues(items[i]!, item, `${at}[${i}]`));
    } else if ('values' in element) {
      if (typeof element.values[0] === 'number') {
        const expected = element.vr === 'FL' ? element.values.map((v) => Math.fround(v as number)) : element.values;
        expect(reader.numbersOf(node!), at).toEqual(expected);
      } else {
        expect(reader.stringsOf(node!), at).toEqual(element.values);
      }
    } else {
      const raw = new Uint8Array(element.bytes.buffer, element.bytes.byteOffset, element.bytes.byteLength);
      expect(reader.bytesOf(node!), at).toEqual(raw);
    }
  }
}

describe('synthetic sample files', () => {
  const plan = planSampleSet({ patients: 2, echoStudies: 2 });

  it('an echo study reads back exactly as the generator built it, sequences and pixels included', async () => {
    const study = plan.cohort.studies[0]!;
    const dataset = echoDataset(study, renderEchoStudy(study));
    const file = [...iterateSampleFiles({ ...plan, files: [plan.files[0]!] })][0]!;
    const parsed = await parseDicom(blobOf(file.bytes), { mode: 'full' });
    expect(parsed.warnings).toEqual([]);
    expect(Object.keys(dataset).length).toBeGreaterThan(60);
    expectSameValues(datasetReader(parsed), dataset, 'echo');
    expect(metaReader(parsed).string('TransferSyntaxUID')).toBe('1.2.840.10008.1.2.1');
  });

  it('every file of a small sample set (echo, CT, MR) header-scans with its manifest values and no warnings', async () => {
    let count = 0;
    for (const file of iterateSampleFiles(plan)) {
      const parsed = await parseDicom(blobOf(file.bytes), { mode: 'header' });
      const r = datasetReader(parsed);
      expect(parsed.warnings, file.path).toEqual([]);
      expect([r.string('PatientID'), r.string('Modality'), r.string('StudyInstanceUID'), r.string('SeriesInstanceUID'), r.string('SOPInstanceUID')], file.path)
        .toEqual([file.patientId, file.modality, file.studyInstanceUid, file.seriesInstanceUid, file.sopInstanceUid]);
      expect(r.sequence('OtherPatientIDsSequence').length, file.path).toBe(1);
      expect(r.elementByTag(TAG.PixelData), file.path).toBe(parsed.pixelData?.node);
      count++;
    }
    expect(count).toBe(50);
  });
});
