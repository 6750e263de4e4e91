/**
 * Throughput of parse → toEditable → serializePart10 on a 512×512 16-bit CT slice (a synthetic CT
 * header with its pixel data enlarged to 512×512). Not a test: prints files/s.
 *
 *   npx tsx test/unit/dicom/edit/bench-rewrite.ts [seconds]
 */
import { getElement, replacePixelData, serializePart10, setNumbers, toEditable } from '../../../../src/lib/dicom/edit';
import { parseDicomBytes } from '../../../../src/lib/dicom/parse';
import { planSampleSet } from '../../../../src/lib/synthetic';

function ct512(): Uint8Array {
  const ct = planSampleSet({ patients: 1, echoStudies: 1, mr: false }).files.find((f) => f.entry.kind === 'ct-slice')!;
  const ds = toEditable(parseDicomBytes(ct.write(), { mode: 'full' }));
  setNumbers(getElement(ds.elements, 0x00280010)!, [512]);
  setNumbers(getElement(ds.elements, 0x00280011)!, [512]);
  const pixels = new Uint16Array(512 * 512).map((_, i) => (i * 7) & 0x0fff);
  replacePixelData(ds, [new Uint8Array(pixels.buffer)], { transferSyntaxUid: '1.2.840.10008.1.2.1', encapsulated: false });
  return serializePart10(ds);
}

const file = ct512();
const seconds = Number(process.argv[2] ?? 3);
let count = 0;
let bytes = 0;
const start = performance.now();
while (performance.now() - start < seconds * 1000) {
  const out = serializePart10(toEditable(parseDicomBytes(file, { mode: 'full' })));
  bytes += out.length;
  count++;
}
const elapsed = (performance.now() - start) / 1000;
console.log(`${file.length} bytes/file, ${count} files in ${elapsed.toFixed(2)} s: ${(count / elapsed).toFixed(0)} files/s (${(bytes / elapsed / 1e6).toFixed(0)} MB/s out)`);
