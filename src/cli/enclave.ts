/**
 * `enclave <command>`: the Node entry point over src/lib. Commands:
 *   deid <in> <out> [--policy p.json] [--secret-file f] [--jobs N] [--allow-findings]
 * Run through the launcher (src/cli/enclave.mjs, the package's "bin") or `tsx src/cli/enclave.ts`.
 */
import { runDeidCommand } from './deid/run';

const USAGE = 'usage: enclave deid <in> <out> [--policy p.json] [--secret-file f] [--jobs N] [--allow-findings]\n'
  + '       enclave deid --help';

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'deid':
      return runDeidCommand(rest, { stdout: process.stdout, stderr: process.stderr });
    case undefined:
    case '-h':
    case '--help':
      process.stdout.write(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`enclave: unknown command ${JSON.stringify(command)}\n${USAGE}\n`);
      return 2;
  }
}

process.exitCode = await main(process.argv.slice(2));
