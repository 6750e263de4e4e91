import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Every regular file under the input (or the input itself when it is a file), sorted so runs
 * are reproducible. Hidden entries (".DS_Store", ".git") are skipped; symbolic links are not
 * followed (no cycles, nothing outside the tree). Zip archives are opened by inputs.ts.
 */
export async function listInputFiles(input: string): Promise<string[]> {
  const out: string[] = [];
  async function visit(dir: string): Promise<void> {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await visit(path);
      else if (entry.isFile()) out.push(path);
    }
  }
  try {
    await visit(input);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOTDIR') return [input];
    throw e;
  }
  return out;
}
