import { EnclaveError } from '../../jobs';

/**
 * One line of the pseudonym map: which original patient became which pseudonym. This is PHI;
 * it only ever exists in memory, and in storage or files only inside an encrypted envelope.
 */
export interface PseudonymEntry {
  /** The original PatientID. */
  patientId: string;
  /** The original IssuerOfPatientID, when there was one ('' otherwise): the same ID from two issuers is two patients. */
  issuerOfPatientId: string;
  /** The original PatientName, as it was (PN with ^), for the person who re-identifies. */
  patientName: string;
  pseudonym: string;
}

export interface MergeConflict {
  /** Index into the merged entries of the one that was kept. */
  keptIndex: number;
  /** The pseudonym that was not taken (a pseudonym is not PHI; the original key stays out of this). */
  rejectedPseudonym: string;
}

export interface MergeResult {
  entries: PseudonymEntry[];
  /** Entries added by this merge (not already present). */
  added: number;
  /** The same original patient with another pseudonym: the first one kept, so earlier exports stay valid. */
  conflicts: MergeConflict[];
}

/** Two entries are the same patient when PatientID and issuer match exactly. */
export function patientKey(entry: Pick<PseudonymEntry, 'patientId' | 'issuerOfPatientId'>): string {
  return JSON.stringify([entry.issuerOfPatientId, entry.patientId]);
}

/**
 * Merges the maps of several runs, first ones first: duplicates (same patient key) collapse to
 * one entry; a name seen only in a later run fills an empty one; a different pseudonym for the
 * same patient is a conflict (kept out, reported), which happens only when runs used different
 * project secrets.
 */
export function mergePseudonymEntries(...lists: ReadonlyArray<readonly PseudonymEntry[]>): MergeResult {
  const entries: PseudonymEntry[] = [];
  const byKey = new Map<string, number>();
  const conflicts: MergeConflict[] = [];
  let added = 0;
  lists.forEach((list, listIndex) => {
    for (const raw of list) {
      const entry = normaliseEntry(raw);
      const key = patientKey(entry);
      const at = byKey.get(key);
      if (at === undefined) {
        byKey.set(key, entries.length);
        entries.push(entry);
        if (listIndex > 0) added++;
        continue;
      }
      const kept = entries[at]!;
      if (kept.pseudonym !== entry.pseudonym) {
        conflicts.push({ keptIndex: at, rejectedPseudonym: entry.pseudonym });
      } else if (kept.patientName === '' && entry.patientName !== '') {
        entries[at] = { ...kept, patientName: entry.patientName };
      }
    }
  });
  return { entries, added, conflicts };
}

/** Checks one entry's shape (decrypted JSON is untrusted input) and drops any extra field. */
export function normaliseEntry(value: unknown): PseudonymEntry {
  if (typeof value !== 'object' || value === null) throw badEntry();
  const { patientId, issuerOfPatientId, patientName, pseudonym } = value as Record<string, unknown>;
  if (typeof patientId !== 'string' || typeof pseudonym !== 'string' || pseudonym === '') throw badEntry();
  return {
    patientId,
    issuerOfPatientId: typeof issuerOfPatientId === 'string' ? issuerOfPatientId : '',
    patientName: typeof patientName === 'string' ? patientName : '',
    pseudonym,
  };
}

function badEntry(): EnclaveError {
  // Never quote the entry: it is PHI.
  return new EnclaveError('InvalidInputError', 'The pseudonym map holds an entry without a patient ID or a pseudonym.');
}
