import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Runs Debian's independent DICOM checkers on bytes we wrote. Tests skip (and say so) when a
 * tool is absent; CI installs dicom3tools and dcmtk so they run there.
 */
export function hasTool(name: string): boolean {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).status === 0;
  if (!found) console.warn(`[skip] ${name} is not on PATH: install it (apt-get install dicom3tools dcmtk tesseract-ocr) to run this check`);
  return found;
}

export interface ToolRun {
  status: number | null;
  output: string;
}

/** Writes `bytes` to a temporary file and runs `tool args… file`. */
export function runOnFile(tool: string, args: readonly string[], bytes: Uint8Array, name = 'check.dcm'): ToolRun {
  const dir = mkdtempSync(join(tmpdir(), 'enclave-check-'));
  try {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    const run = spawnSync(tool, [...args, path], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** dciodvfy's verdict lines that are errors (it prints warnings and errors on stderr). */
export function errorLines(output: string): string[] {
  return output.split('\n').filter((line) => /^\s*Error\b/.test(line) || /^E: /.test(line));
}
