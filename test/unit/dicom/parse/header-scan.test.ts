import { describe, expect, it } from 'vitest';
import {
  blobSource, datasetReader, parseDicom, parseDicomBytes, parseFile, readPart10Header, readValue,
} from '../../../../src/lib/dicom/parse';
import { planSampleSet, writeEchoStudy } from '../../../../src/lib/synthetic';
import { blobOf, concat, el, imageHeader, part10, text } from './build';
import { countingSource } from './counting-source';

describe('header scan', () => {
  it('reads under 100 KiB of a 16-frame echo, and finds its pixel data', async () => {
    const study = planSampleSet({ patients: 1, echoStudies: 1, ct: false, mr: false }).cohort.studies[0]!;
    const file = writeEchoStudy(study);
    expect(file.length).toBeGreaterThan(400_000);
    const source = countingSource(file);
    const parsed = await parseDicom(source, { mode: 'header' });
    expect(source.bytesRead).toBeLessThan(100 * 1024);
    expect(parsed.bytesRead).toBe(source.bytesRead);
    expect(parsed.stoppedAtPixelData).toBe(true);
    expect(parsed.pixelData).toMatchObject({ tag: 0x7fe00010, vr: 'OB', length: 192 * 144 * 16, undefinedLength: false });
    expect(parsed.pixelData!.valueOffset + parsed.pixelData!.length).toBe(file.length);
    const r = datasetReader(parsed);
    expect([r.string('PatientID'), r.number('NumberOfFrames'), r.string('SOPInstanceUID')]).toEqual([study.patient.patientId, 16, study.sopInstanceUid]);
  });

  it('skips a large value before the pixel data instead of reading it', async () => {
    const big = new Uint8Array(2_000_000).fill(7);
    const file = part10(concat(
      el(0x00080016, 'UI', text('1.2.3', 'UI')),
      el(0x00090010, 'LO', text('ACME BLOBS')),
      el(0x00091001, 'OB', big),
      el(0x00100010, 'PN', text('AFTER^BLOB')),
      el(0x7fe00010, 'OB', new Uint8Array(1_000_000)),
    ));
    const source = countingSource(file);
    const parsed = await parseDicom(source, { mode: 'header' });
    const r = datasetReader(parsed);
    expect(r.string('PatientName')).toBe('AFTER^BLOB');
    expect(source.bytesRead).toBeLessThan(200 * 1024);
    const blob = r.elementByTag('00091001')!;
    expect(r.bytesOf(blob)).toBeUndefined(); // not loaded by the scan …
    expect(await readValue(parsed, blob, source)).toEqual(big); // … but there on demand
  });

  it('keeps reading, in growing chunks, a header longer than the first chunk', async () => {
    const names = Array.from({ length: 2000 }, (_, i) => el(0x00091000 + (i % 0xff) + 1, 'LO', text(`VALUE ${i}`.padEnd(60, '.'))));
    const file = part10(concat(el(0x00090010, 'LO', text('ACME')), ...names.slice(0, 254), el(0x00100010, 'PN', text('LAST^ONE')), imageHeader(1, 1, 1), el(0x7fe00010, 'OB', new Uint8Array(500_000))));
    const source = countingSource(file);
    const parsed = await parseDicom(source, { mode: 'header', initialChunk: 1024 });
    expect(datasetReader(parsed).string('PatientName')).toBe('LAST^ONE');
    expect(source.reads).toBeLessThanOrEqual(6); // 1 KiB, then doubling
    expect(source.bytesRead).toBeLessThan(40 * 1024);
  });

  it('reads a File (Blob) the same as bytes in memory', async () => {
    const file = part10(concat(imageHeader(2, 2, 1), el(0x7fe00010, 'OB', new Uint8Array(4))));
    const fromBlob = await parseDicom(blobOf(file), { mode: 'full' });
    const fromBytes = parseDicomBytes(file);
    expect(fromBlob.elements).toEqual(fromBytes.elements);
    expect(await blobSource(blobOf(file)).read(file.length - 2, 10)).toEqual(new Uint8Array(2));
  });

  it('readPart10Header returns the meta group alone', async () => {
    const file = part10(el(0x00080016, 'UI', text('1.2.3', 'UI')), '1.2.840.10008.1.2.4.50');
    const header = await readPart10Header(blobOf(file));
    expect([header.hasPreamble, header.transferSyntaxUid, header.datasetOffset, header.meta.length]).toEqual([true, '1.2.840.10008.1.2.4.50', file.length - 14, 5]);
  });
});

describe('parseFile: problems are rows, not exceptions', () => {
  it('not DICOM', async () => {
    const png = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Uint8Array(200));
    expect(await parseFile(png)).toEqual({
      ok: false, errorName: 'DicomParseError',
      reason: 'This is not a DICOM file: no DICM marker and the first bytes are not a DICOM element.',
    });
    expect(await parseFile(new TextEncoder().encode('hello, this is a text file'))).toMatchObject({ ok: false, errorName: 'DicomParseError' });
    expect(await parseFile(new Uint8Array(0))).toMatchObject({ ok: false, errorName: 'DicomParseError' });
  });

  it('a header cut short says where', async () => {
    const file = part10(concat(el(0x00080016, 'UI', text('1.2.3', 'UI')), el(0x00100010, 'PN', text('SOME^ONE')), el(0x00100020, 'LO', text('ID1'))));
    expect(await parseFile(file.subarray(0, 200))).toEqual({
      ok: false, errorName: 'DicomParseError',
      reason: 'This file ends after 200 bytes, inside the File Meta Information header, element (0002,0003) MediaStorageSOPInstanceUID; it is probably truncated.',
    });
    // (0002,0010) starts at 208: 3 bytes of it do not even hold its tag, 4 do.
    expect(await parseFile(file.subarray(0, 211))).toMatchObject({
      reason: 'This file ends after 211 bytes, inside the File Meta Information header; it is probably truncated.',
    });
    expect(await parseFile(file.subarray(0, 212))).toMatchObject({
      reason: 'This file ends after 212 bytes, inside the File Meta Information header, element (0002,0010) TransferSyntaxUID; it is probably truncated.',
    });
    const afterMeta = file.length - 12 - 4; // inside PatientName's value
    const partial = await parseFile(file.subarray(0, afterMeta));
    expect(partial).toMatchObject({ ok: true, dataset: { truncated: true } });
    if (partial.ok) {
      expect(partial.warnings.map((w) => w.message)).toEqual([
        `This file ends after ${afterMeta} bytes, inside the Patient module, element (0010,0010) PatientName; it is probably truncated.`,
      ]);
    }
  });

  it('a file that cannot be read from disk', async () => {
    const broken = { size: 1000, read: () => Promise.reject(new Error('NotReadableError')) };
    expect(await parseFile(broken)).toMatchObject({ ok: false, errorName: 'NotFoundError' });
  });

  it('cancellation is not a row: it stops the batch', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(parseFile(new Blob([new Uint8Array(10)]), { signal: controller.signal })).rejects.toMatchObject({ name: 'CancelledError' });
  });
});
