import type { DeidPolicy, PolicyAction } from '../policy/types';
import type { AuditEntry } from './audit';
import type { TextDecoding } from './edit-access';
import type { Scrubber } from './text-scrub';

/** Everything the synchronous walk needs, computed (with its HMACs) before the walk starts. */
export interface WalkState {
  policy: DeidPolicy;
  sopClassUid: string;
  /** Every UID of the instance (all depths, meta included) → its remapped UID. */
  uids: ReadonlyMap<string, string>;
  /** AE titles → a per-secret alias, for the Retain Device Identity option's C. */
  aeAliases: ReadonlyMap<string, string>;
  /** Undefined when the policy does not shift dates. */
  shiftDays: number | undefined;
  pseudonym: string;
  /** The birth date to write instead of a kept one (HIPAA, patient over 89 at the study); unshifted. */
  birthDateCap?: string;
  scrub: Scrubber;
  decoding: TextDecoding;
  /** How re-encoded text is written: the data set's character set. */
  encoding: 'ascii' | 'latin1' | 'utf8' | 'other';
  audit: AuditEntry[];
  override: (tag: number) => PolicyAction | undefined;
}

/** How a level is walked: as the profile says, with every leaf dummied (D on a sequence), or cleaned (C on a sequence). */
export type WalkMode = 'normal' | 'dummy' | 'clean';
