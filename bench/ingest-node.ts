/**
 * Ingest benchmark: header scans (and full parses) with our DICOM parser, on one core.
 *
 *   npx tsx bench/ingest-node.ts [--slices 400] [--rounds 3]
 *
 * 1. A 400-slice 512×512 16-bit CT series made in memory with writePart10, scanned from memory
 *    and, written to a temporary folder, from disk through fs.openAsBlob (a Blob, as a dropped
 *    File is in the browser).
 * 2. The public corpus in ../shared/corpus/dicom (when present), from disk.
 * Prints files/s and MB/s (MB of file size, 10^6 bytes); no pass/fail.
 */
import { openAsBlob } from 'node:fs';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { blobSource, bytesSource, datasetReader, parseDicom, parseDicomBytes, type ByteSource } from '../src/lib/dicom/parse';
import { benchCtSeries, writeToTempFolder } from './tools/ct-series';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const SLICES = option('--slices', 400);
const ROUNDS = option('--rounds', 3);

interface Scan {
  files: number;
  bytes: number;
  bytesRead: number;
  seconds: number;
}

async function timeScan(sizes: readonly number[], scanOne: (i: number) => Promise<number>): Promise<Scan> {
  let bytesRead = 0;
  const started = performance.now();
  for (let i = 0; i < sizes.length; i++) bytesRead += await scanOne(i);
  return { files: sizes.length, bytes: sizes.reduce((a, b) => a + b, 0), bytesRead, seconds: (performance.now() - started) / 1000 };
}

/** Best of ROUNDS runs (after one warm-up run), so JIT warm-up and GC noise do not decide. */
async function best(label: string, sizes: readonly number[], scanOne: (i: number) => Promise<number>): Promise<void> {
  await timeScan(sizes, scanOne);
  let fastest: Scan | undefined;
  for (let r = 0; r < ROUNDS; r++) {
    const run = await timeScan(sizes, scanOne);
    if (!fastest || run.seconds < fastest.seconds) fastest = run;
  }
  const s = fastest!;
  const read = s.bytesRead === 0 ? 'bytes given in memory' : `read ${(s.bytesRead / s.files / 1024).toFixed(1)} KiB/file`;
  console.log(
    `${label.padEnd(46)} ${String(s.files).padStart(5)} files  ${(s.files / s.seconds).toFixed(0).padStart(7)} files/s  ` +
    `${(s.bytes / 1e6 / s.seconds).toFixed(0).padStart(6)} MB/s  ${read}`,
  );
}

const scanHeader = async (source: ByteSource | Uint8Array): Promise<number> => {
  const parsed = await parseDicom(source, { mode: 'header' });
  datasetReader(parsed).string('SeriesInstanceUID'); // what a study tree reads first
  return parsed.bytesRead;
};

async function main(): Promise<void> {
  console.log(`Node ${process.version}, one thread; best of ${ROUNDS} rounds after a warm-up.\n`);
  const madeAt = performance.now();
  const files = benchCtSeries(SLICES);
  const sizes = files.map((f) => f.length);
  console.log(`CT series: ${SLICES} slices of ${(sizes[0]! / 1e6).toFixed(2)} MB made in ${((performance.now() - madeAt) / 1000).toFixed(1)} s`);

  await best('CT header scan, memory (ByteSource)', sizes, (i) => scanHeader(bytesSource(files[i]!)));
  await best('CT header scan, memory (Uint8Array, sync core)', sizes, (i) => Promise.resolve(parseDicomBytes(files[i]!, { mode: 'header' }) && 0));
  await best('CT full parse, memory', sizes, (i) => Promise.resolve(parseDicomBytes(files[i]!) && 0));

  const { dir, paths } = writeToTempFolder(files);
  try {
    await best('CT header scan, disk (fs.openAsBlob → Blob)', sizes, async (i) => scanHeader(blobSource(await openAsBlob(paths[i]!))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const corpus = resolve(process.cwd(), '../shared/corpus/dicom');
  let corpusFiles: string[] = [];
  try {
    const walk = (d: string): string[] => readdirSync(d).sort().flatMap((n) => {
      const p = join(d, n);
      return statSync(p).isDirectory() ? walk(p) : n === 'SOURCES.md' ? [] : [p];
    });
    corpusFiles = walk(corpus);
  } catch {
    console.log(`\n(corpus not found at ${corpus}: skipped)`);
  }
  if (corpusFiles.length > 0) {
    const corpusSizes = corpusFiles.map((p) => statSync(p).size);
    const inMemory = corpusFiles.map((p) => new Uint8Array(readFileSync(p)));
    console.log(`\nCorpus: ${corpusFiles.length} files, ${(corpusSizes.reduce((a, b) => a + b, 0) / 1e6).toFixed(1)} MB`);
    await best('corpus header scan, disk (fs.openAsBlob → Blob)', corpusSizes, async (i) => scanHeader(blobSource(await openAsBlob(corpusFiles[i]!))));
    await best('corpus header scan, memory (ByteSource)', corpusSizes, (i) => scanHeader(bytesSource(inMemory[i]!)));
    await best('corpus full parse, memory', corpusSizes, (i) => Promise.resolve(parseDicomBytes(inMemory[i]!) && 0));
  }
}

await main();
