/**
 * Writes the bundled sample set: `tsx src/cli/make-sample.ts <outDir> [--seed N] [--force]`.
 * Files go to <outDir>/echo/…, ct/…, mr/…, plus labels.csv and manifest.json (written last, so
 * an interrupted run never looks complete). Idempotent: when the manifest's stamp matches and
 * every listed file is present with its size, nothing is rewritten.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import {
  DEFAULT_SAMPLE_SEED, buildManifest, iterateSampleFiles, labelsCsv, planSampleSet, sampleStamp,
  type SampleManifest, type SampleManifestFile,
} from '../lib/synthetic';

function main(argv: readonly string[]): void {
  const args = [...argv];
  const force = takeFlag(args, '--force');
  const seedText = takeOption(args, '--seed');
  const seed = seedText === undefined ? DEFAULT_SAMPLE_SEED : Number(seedText);
  const [outArg, ...rest] = args;
  if (outArg === undefined || rest.length > 0 || !Number.isSafeInteger(seed)) {
    console.error('usage: tsx src/cli/make-sample.ts <outDir> [--seed <integer>] [--force]');
    process.exit(2);
  }
  const outDir = resolve(outArg);
  const started = performance.now();
  const stamp = sampleStamp({ seed });
  const previous = readManifest(outDir);
  if (!force && previous?.stamp === stamp && isComplete(outDir, previous)) {
    console.log(`make-sample: up to date, ${summary(previous)} in ${outArg} (${stamp})`);
    return;
  }
  // Remove only what an older manifest listed: never sweep a directory we did not fill.
  if (previous) for (const file of previous.files) removeFileAndEmptyParents(outDir, file.path);
  rmSync(join(outDir, 'manifest.json'), { force: true });

  const plan = planSampleSet({ seed });
  const written: SampleManifestFile[] = [];
  for (const { bytes, ...entry } of iterateSampleFiles(plan)) {
    const target = join(outDir, entry.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, bytes);
    written.push(entry);
  }
  const manifest = buildManifest(plan, written);
  writeFileSync(join(outDir, manifest.labelsPath), labelsCsv(plan.cohort.studies));
  writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`make-sample: wrote ${summary(manifest)} to ${outArg} in ${seconds} s (${stamp})`);
}

function summary(manifest: SampleManifest): string {
  return `${manifest.fileCount} files, ${(manifest.totalSize / 1_000_000).toFixed(1)} MB, ${manifest.studyCount} studies of ${manifest.patientCount} patients`;
}

function readManifest(outDir: string): SampleManifest | undefined {
  try {
    return JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8')) as SampleManifest;
  } catch {
    return undefined; // absent or unreadable: regenerate
  }
}

function isComplete(outDir: string, manifest: SampleManifest): boolean {
  if (!existsSync(join(outDir, manifest.labelsPath))) return false;
  return manifest.files.every((file) => {
    const path = join(outDir, file.path);
    return existsSync(path) && statSync(path).size === file.size;
  });
}

function removeFileAndEmptyParents(outDir: string, relative: string): void {
  const path = resolve(outDir, relative);
  if (!path.startsWith(outDir + sep)) return; // a manifest must not make us delete outside outDir
  rmSync(path, { force: true });
  for (let dir = dirname(path); dir.startsWith(outDir + sep); dir = dirname(dir)) {
    try {
      rmdirSync(dir); // only succeeds when empty
    } catch {
      return;
    }
  }
}

function takeFlag(args: string[], name: string): boolean {
  const i = args.indexOf(name);
  if (i < 0) return false;
  args.splice(i, 1);
  return true;
}

function takeOption(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const [, value] = args.splice(i, 2);
  return value;
}

main(process.argv.slice(2));
