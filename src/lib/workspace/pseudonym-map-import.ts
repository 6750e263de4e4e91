/**
 * Importing an exported pseudonym map (the encrypted file the app downloads) into a project: it
 * is opened with its passphrase, merged after the project's own map (whose pseudonyms win, so
 * earlier exports stay valid), and sealed again with the same passphrase. Only the sealed
 * envelope leaves: the caller stores it, and the entries are never in clear outside memory.
 */
import {
  decryptPseudonymMap, encryptPseudonymMap, envelopeFromJson, mergePseudonymEntries,
  type EncryptedEnvelope, type EncryptOptions, type PseudonymEntry, type StoredEnvelope,
} from '../deid/crypto';
import { EnclaveError } from '../jobs';

export interface MapImportResult {
  envelope: EncryptedEnvelope;
  /** Patients in the merged map. */
  patients: number;
  /** Patients the file added to what the project had. */
  added: number;
  /** Patients the project already had under another pseudonym (the project's one is kept). */
  conflicts: number;
}

export async function importPseudonymMap(
  fileText: string, passphrase: string, stored?: StoredEnvelope, options: EncryptOptions = {},
): Promise<MapImportResult> {
  const imported = await decryptPseudonymMap(envelopeFromJson(fileText, 'pseudonym-map'), passphrase);
  let own: PseudonymEntry[] = [];
  if (stored) {
    try {
      own = await decryptPseudonymMap(stored, passphrase);
    } catch (error) {
      if (!(error instanceof Error) || error.name !== 'DecryptionFailedError') throw error;
      throw new EnclaveError(
        'DecryptionFailedError',
        'The file opened, but this project already keeps a pseudonym map sealed with another passphrase. Both must share one passphrase: '
          + 'download the map again from its project after a run with this project\'s passphrase, or import it into a new project.',
      );
    }
  }
  const merged = mergePseudonymEntries(own, imported);
  return {
    envelope: await encryptPseudonymMap(merged.entries, passphrase, options),
    patients: merged.entries.length,
    added: stored ? merged.added : merged.entries.length,
    conflicts: merged.conflicts.length,
  };
}
