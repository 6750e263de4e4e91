/**
 * `enclave deid <in> <out> [--policy p.json] [--secret-file f] [--jobs N] [--no-ocr] [--allow-findings]`
 * parsed into plain options; a UsageError carries the message and the usage text.
 */
export interface DeidArgs {
  input: string;
  output: string;
  policyFile?: string;
  secretFile?: string;
  /** Encrypted pseudonym map to create or merge into (passphrase from ENCLAVE_MAP_PASSPHRASE). */
  mapFile?: string;
  /** Worker threads; default: every core. */
  jobs?: number;
  /** Write files with leftover-PHI errors (or uncleaned pixels) and exit 0 anyway. */
  allowFindings: boolean;
  /** OCR burned-in text with tesseract.js (default); --no-ocr turns it off. */
  ocr: boolean;
  help: boolean;
}

export const DEID_USAGE = `usage: enclave deid <in> <out> [options]

De-identifies every DICOM file under <in> (folders, recursively, and the entries of zip archives
there; or, when <in> is a DICOMDIR, the files it lists) into <out>, laid out as
pseudonym/study/series/instance.dcm, with deid-audit.csv, deid-audit-files.csv,
deid-audit.json and leftover-phi.json. Burned-in text is masked where the policy says pixels must
be cleaned (ultrasound, secondary capture, ...). Files where original identifiers remain are not written.

options:
  --policy <p.json>      de-identification policy (default: the Basic profile, Clean Pixel Data auto)
  --secret-file <f>      project secret, 32+ random bytes (binary, hex or base64 text); without it one
                         is generated and saved next to <out>: keep it for consistent re-runs
  --map-file <f>         encrypted pseudonym map (original patient -> pseudonym) to create or merge into;
                         the passphrase is read from the environment variable ENCLAVE_MAP_PASSPHRASE
  --jobs <N>             worker threads (default: number of cores)
  --no-ocr               clean burned-in text without OCR (imaging area, static overlay and region
                         rules only); by default tesseract.js reads the text too when installed
  --allow-findings       write files with leftover-PHI findings and exit 0 anyway
  -h, --help             this text

exit codes: 0 done and clean; 1 leftover PHI (or pixels that needed cleaning) kept files out;
            2 usage error; 3 some DICOM files could not be processed`;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const VALUE_OPTIONS = new Set(['--policy', '--secret-file', '--map-file', '--jobs']);

export function parseDeidArgs(argv: readonly string[]): DeidArgs {
  const positional: string[] = [];
  const values = new Map<string, string>();
  let allowFindings = false;
  let help = false;
  let ocr = true;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h' || arg === '--help') help = true;
    else if (arg === '--allow-findings') allowFindings = true;
    else if (arg === '--no-ocr') ocr = false;
    else if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq >= 0 ? arg.slice(0, eq) : arg;
      if (!VALUE_OPTIONS.has(name)) throw new UsageError(`unknown option ${name}`);
      const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '') throw new UsageError(`${name} needs a value`);
      if (values.has(name)) throw new UsageError(`${name} given twice`);
      values.set(name, value);
    } else positional.push(arg);
  }
  if (help) return { input: '', output: '', allowFindings, ocr, help };
  if (positional.length !== 2) throw new UsageError(`expected <in> and <out>, got ${positional.length} path(s)`);
  const [input, output] = positional as [string, string];
  const args: DeidArgs = { input, output, allowFindings, ocr, help };
  const policyFile = values.get('--policy');
  if (policyFile !== undefined) args.policyFile = policyFile;
  const secretFile = values.get('--secret-file');
  if (secretFile !== undefined) args.secretFile = secretFile;
  const mapFile = values.get('--map-file');
  if (mapFile !== undefined) args.mapFile = mapFile;
  const jobs = values.get('--jobs');
  if (jobs !== undefined) {
    if (!/^\d+$/.test(jobs) || Number(jobs) < 1 || Number(jobs) > 256) throw new UsageError('--jobs must be a whole number from 1 to 256');
    args.jobs = Number(jobs);
  }
  return args;
}
