import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import {
  decryptPseudonymMap, encryptPseudonymMap, envelopeFromJson, envelopeToJson, mergePseudonymEntries, type PseudonymEntry,
} from '../../lib/deid/crypto';

/**
 * The CLI's pseudonym map: the same encrypted JSON file the app exports and imports
 * (PBKDF2 → AES-GCM). New entries of this run are merged into the existing file, if any;
 * the passphrase comes from an environment variable, never the command line (other users
 * can read a process's arguments).
 */
export const MAP_PASSPHRASE_ENV = 'ENCLAVE_MAP_PASSPHRASE';

export interface MapUpdate {
  total: number;
  added: number;
  /** Same patient, another pseudonym (a run with another secret): the existing one kept. */
  conflicts: number;
}

export function mapPassphrase(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env[MAP_PASSPHRASE_ENV];
  return value === undefined || value === '' ? undefined : value;
}

/** The entries of an existing map file ([] when there is none); DecryptionFailedError for a wrong passphrase. */
export async function readMapFile(path: string, passphrase: string): Promise<PseudonymEntry[]> {
  if (!existsSync(path)) return [];
  return decryptPseudonymMap(envelopeFromJson(await readFile(path, 'utf8'), 'pseudonym-map'), passphrase);
}

export async function updateMapFile(
  path: string, passphrase: string, existing: readonly PseudonymEntry[], entries: readonly PseudonymEntry[],
  options: { iterations?: number } = {},
): Promise<MapUpdate> {
  const merged = mergePseudonymEntries(existing, entries);
  const envelope = await encryptPseudonymMap(merged.entries, passphrase, options);
  // Write then rename: an interrupted run never leaves half a map (the only way back to the patients).
  const temporary = `${path}.tmp-${process.pid}`;
  await writeFile(temporary, envelopeToJson(envelope, 'pseudonym-map'), { mode: 0o600 });
  await rename(temporary, path);
  return { total: merged.entries.length, added: merged.entries.length - existing.length, conflicts: merged.conflicts.length };
}
