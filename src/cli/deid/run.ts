import { existsSync, statSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, join, relative, resolve, isAbsolute } from 'node:path';
import { defaultPolicy, validatePolicy, type DeidPolicy } from '../../lib/deid/policy';
import { DEID_USAGE, parseDeidArgs, UsageError, type DeidArgs } from './args';
import { REAL_ENGINE_MODULE } from './engine';
import { blockingReasons } from './pipeline';
import { runInWorkers } from './pool';
import { ProgressReporter, type ProgressStream } from './progress';
import type { ResultMessage } from './protocol';
import { writeReports, type FileOutcome } from './reports';
import { loadOrCreateSecret } from './secret-file';
import { MAP_PASSPHRASE_ENV, mapPassphrase, readMapFile, updateMapFile } from './map-file';
import type { PseudonymEntry } from '../../lib/deid/crypto';
import { displayRef, listInputs, type ListingProblem } from './inputs';

export const EXIT = { ok: 0, findings: 1, usage: 2, failures: 3 } as const;

export interface DeidIo {
  stdout: ProgressStream;
  stderr: ProgressStream;
  /** The engine module URL; tests pass a stub. Default: real-engine.ts. */
  engineModule?: string;
  /** Where ENCLAVE_MAP_PASSPHRASE is read (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** PBKDF2 iterations of the map file (tests pass fewer). */
  mapIterations?: number;
}

/** Errors that mean "this is not a file to de-identify" (not DICOM, a DICOMDIR): skipped, not failed. */
const SKIP_ERRORS = new Set(['DicomParseError', 'UnsupportedFileError']);

export async function runDeidCommand(argv: readonly string[], io: DeidIo): Promise<number> {
  let args: DeidArgs;
  try {
    args = parseDeidArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr.write(`enclave deid: ${e.message}\n\n${DEID_USAGE}\n`);
    return EXIT.usage;
  }
  if (args.help) {
    io.stdout.write(`${DEID_USAGE}\n`);
    return EXIT.ok;
  }
  const input = resolve(args.input);
  const output = resolve(args.output);
  const problem = checkPaths(input, output);
  if (problem) {
    io.stderr.write(`enclave deid: ${problem}\n`);
    return EXIT.usage;
  }
  const passphrase = mapPassphrase(io.env);
  if (args.mapFile !== undefined && passphrase === undefined) {
    io.stderr.write(`enclave deid: --map-file needs the passphrase in the environment variable ${MAP_PASSPHRASE_ENV}\n`);
    return EXIT.usage;
  }
  let policy: DeidPolicy;
  let secret: Uint8Array;
  let existingMap: PseudonymEntry[] = [];
  try {
    policy = args.policyFile ? validatePolicy(JSON.parse(await readFile(args.policyFile, 'utf8'))) : defaultPolicy();
    // Before any work: a wrong passphrase must not cost a whole run.
    if (args.mapFile !== undefined && passphrase !== undefined) existingMap = await readMapFile(args.mapFile, passphrase);
    await mkdir(output, { recursive: true });
    secret = await loadOrCreateSecret(args.secretFile, output, (line) => io.stderr.write(`${line}\n`));
  } catch (e) {
    io.stderr.write(`enclave deid: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT.usage;
  }
  let listing;
  try {
    listing = await listInputs(input);
  } catch (e) {
    io.stderr.write(`enclave deid: ${args.input} could not be listed: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT.usage;
  }
  const refs = listing.refs;
  if (refs.length === 0 && listing.problems.length === 0) {
    io.stderr.write(`enclave deid: no files under ${args.input}\n`);
    return EXIT.usage;
  }
  const jobs = Math.max(1, Math.min(args.jobs ?? availableParallelism(), refs.length));
  const progress = new ProgressReporter(refs.length, io.stderr);
  const outcomes: FileOutcome[] = new Array(refs.length);
  const written = new Set<string>();

  if (refs.length > 0) {
    await runInWorkers(refs, jobs, { engineModule: io.engineModule ?? REAL_ENGINE_MODULE, policy, secret, ocr: args.ocr }, async (result) => {
      outcomes[result.index] = await settle(result, args, output, written, (line) =>
        io.stderr.write(`${io.stderr.isTTY ? '\r\x1b[K' : ''}${displayRef(input, refs[result.index]!)}: ${line}\n`));
      progress.tick();
    });
  }
  for (const [i, problem] of listing.problems.entries()) {
    io.stderr.write(`${problem.display}: ${problem.code === 'system' ? 'skipped' : 'NOT read'} (${problem.code}): ${problem.reason}\n`);
    outcomes.push(listingOutcome(problem, refs.length + i));
  }
  await writeReports(output, outcomes, policy);
  if (args.mapFile !== undefined && passphrase !== undefined) {
    const entries = outcomes.flatMap((o) => (o.pseudonym && o.status === 'written' ? [o.pseudonym] : []));
    const update = await updateMapFile(args.mapFile, passphrase, existingMap, entries, { iterations: io.mapIterations });
    io.stderr.write(`enclave deid: pseudonym map ${args.mapFile}: ${update.total} patient(s), ${update.added} new`
      + `${update.conflicts > 0 ? `, ${update.conflicts} with another pseudonym already (kept; was another secret used?)` : ''}\n`);
  } else {
    io.stderr.write('enclave deid: no --map-file: the original-to-pseudonym map of this run is not kept\n');
  }

  const count = (status: FileOutcome['status']): number => outcomes.filter((o) => o.status === status).length;
  io.stdout.write(
    `enclave deid: ${outcomes.length} file(s): ${count('written')} written, ${count('blocked')} blocked (leftover PHI or pixels), `
    + `${count('skipped')} skipped (not DICOM / DICOMDIR), ${count('duplicate')} duplicate(s), ${count('failed')} failed; `
    + `reports in ${args.output}\n`,
  );
  const cleaned = outcomes.filter((o) => o.pixel?.cleaned);
  if (cleaned.length > 0) {
    io.stdout.write(`enclave deid: pixels cleaned in ${cleaned.length} file(s), ${cleaned.filter((o) => o.pixel?.ocrUsed).length} with OCR`
      + `${args.ocr ? '' : ' (--no-ocr)'}\n`);
  }
  if (count('failed') > 0) return EXIT.failures;
  // Fail-closed: anything kept out makes the run fail; with --allow-findings nothing is kept out.
  if (count('blocked') > 0) return EXIT.findings;
  return EXIT.ok;
}

function checkPaths(input: string, output: string): string | undefined {
  if (!existsSync(input)) return `the input ${input} does not exist`;
  const inside = relative(input, output);
  if (statSync(input).isDirectory() && (inside === '' || (!inside.startsWith('..') && !isAbsolute(inside)))) {
    return 'the output must not be inside the input (a re-run would read its own output)';
  }
  return undefined;
}

/**
 * A zip entry or DICOMDIR reference that could not be read: system files are skipped, anything
 * else (encrypted, damaged, missing) is a failure, since the person asked for it.
 */
function listingOutcome(problem: ListingProblem, index: number): FileOutcome {
  return { file: `#${index + 1}`, status: problem.code === 'system' ? 'skipped' : 'failed', reasons: [problem.code], findings: [] };
}

/** Decides what happens to one result: written, blocked (fail-closed), duplicate, skipped or failed. */
async function settle(
  result: ResultMessage, args: DeidArgs, output: string, written: Set<string>, say: (line: string) => void,
): Promise<FileOutcome> {
  const id = `#${result.index + 1}`;
  if (!result.ok) {
    const skipped = SKIP_ERRORS.has(result.errorName);
    say(`${skipped ? 'skipped' : 'FAILED'} (${result.errorName}): ${result.message}`);
    return { file: id, status: skipped ? 'skipped' : 'failed', reasons: [result.errorName], findings: [] };
  }
  const reasons = blockingReasons(result);
  const audit = { file: result.outputPath, entries: result.audit, pixels: result.pixels, leftover: result.leftover };
  const base = { file: result.outputPath, reasons, audit, findings: result.leftover.findings };
  if (written.has(result.outputPath)) {
    say('duplicate of an instance already written (same SOP Instance UID); not written again');
    return { ...base, status: 'duplicate' };
  }
  if (reasons.length > 0 && !args.allowFindings) {
    say(`NOT written: ${reasons.join(', ')} (see leftover-phi.json; --allow-findings writes it anyway)`);
    return { ...base, status: 'blocked' };
  }
  const target = join(output, ...result.outputPath.split('/'));
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, result.bytes);
  written.add(result.outputPath);
  if (result.pixel.flaggedFrames.length > 0) {
    say(`pixels cleaned; ${new Set(result.pixel.flaggedFrames.map((f) => f.frame)).size} frame(s) flagged for review (text inside the imaging area or still legible)`);
  }
  return { ...base, status: 'written', pseudonym: result.pseudonym, pixel: result.pixel };
}
