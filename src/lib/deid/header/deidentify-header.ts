import { attributeKeyToTag } from '../policy/attribute-key';
import { decideCleanPixelData, type CleanPixelDecision } from '../policy/clean-pixel';
import type { DeidPolicy, PolicyAction } from '../policy/types';
import type { AuditEntry } from './audit';
import { collectValues, topLevelText } from './collect';
import { hipaaBirthDateCap, patientShiftDays } from './dates';
import { decodingFor, encodingFor, specificCharacterSet, type EditableDataset, type EditableElement } from './edit-access';
import { base32, hmac, hmacKey, type DeidSecret } from './hmac';
import { clearEmbeddedOverlays } from './embedded-overlays';
import { processMeta } from './meta';
import { markersAction, writeMarkers } from './markers';
import { patientKey, PSEUDONYM_CACHE_PREFIX, pseudonymEntry, pseudonymOf, type PatientIdentity, type PseudonymEntry } from './patient-identity';
import { makeScrubber } from './text-scrub';
import { UidRemapper } from './uid-remap';
import { walkLevel } from './walk-level';
import type { WalkState } from './walk-state';

export interface HeaderDeidContext {
  policy: DeidPolicy;
  /** The per-project secret (raw bytes, at least 16) or an HMAC-SHA-256 key made from it. */
  secret: DeidSecret;
  /**
   * Pass the same map for every file of a session: one HMAC per distinct UID, patient (pseudonym,
   * date shift) and AE title. Keys other than UIDs carry a purpose prefix ("pseudonym\u0000…"),
   * which a UID (digits and dots) can never equal. It holds originals: keep it in memory only.
   */
  uidCache?: Map<string, Promise<string>>;
  /** The pixel engine cleaned this instance's pixels, or checked that they hold no text: allows BurnedInAnnotation NO and code 113101. */
  pixelsCleanedOrChecked?: boolean;
}

export interface HeaderDeidResult {
  dataset: EditableDataset;
  /** Per attribute: path, tag, keyword, action, reason. No values. */
  audit: AuditEntry[];
  /** The original → pseudonym entry, to be stored encrypted by the caller. */
  pseudonym: PseudonymEntry;
  /** Whether this instance's pixels must be cleaned, and why. */
  cleanPixelData: CleanPixelDecision;
  /** The per-patient shift applied to dates, when the policy shifts them. */
  dateShiftDays?: number;
}

const TAGS = {
  SOPClassUID: 0x00080016, SOPInstanceUID: 0x00080018, Modality: 0x00080060, BurnedInAnnotation: 0x00280301,
  PatientName: 0x00100010, PatientBirthDate: 0x00100030, StudyDate: 0x00080020, PatientID: 0x00100020, IssuerOfPatientID: 0x00100021, StudyInstanceUID: 0x0020000d,
} as const;

const keyCache = new WeakMap<Uint8Array, Promise<CryptoKey>>();
function keyFor(secret: DeidSecret): Promise<CryptoKey> {
  if (!(secret instanceof Uint8Array)) return Promise.resolve(secret);
  let key = keyCache.get(secret);
  if (!key) {
    key = hmacKey(secret);
    keyCache.set(secret, key);
  }
  return key;
}

type SessionCache = Map<string, Promise<string>>;

/**
 * A UID as the header step remaps it (HMAC under the secret), whatever the policy retains: the
 * name under which the person's hand-drawn masks find a series again, without its original UID.
 */
export async function pseudonymousUid(secret: DeidSecret, uid: string, cache?: SessionCache): Promise<string> {
  return new UidRemapper(await keyFor(secret), cache).remap(uid);
}

function cached(cache: SessionCache, key: string, make: () => Promise<string>): Promise<string> {
  let value = cache.get(key);
  if (!value) {
    value = make();
    cache.set(key, value);
  }
  return value;
}

async function aliasMap(key: CryptoKey, titles: Iterable<string>, cache: SessionCache): Promise<Map<string, string>> {
  const entries = await Promise.all([...titles].map(async (t) => [t, await cached(cache, `ae\u0000${t}`, async () => `AE${base32(await hmac(key, 'ae-title', t), 10)}`)] as const));
  return new Map(entries);
}

/**
 * De-identifies one instance's header under the policy: every element at every depth (private
 * sequences and the file meta group included) gets its resolved action, the patient becomes a
 * pseudonym, UIDs are remapped, dates shifted or removed, and the output says what was done.
 * The input data set is not changed. Pixel data are left as they are: `cleanPixelData` says
 * whether the pixel engine must clean them.
 */
export async function deidentifyHeader(ds: EditableDataset, context: HeaderDeidContext): Promise<HeaderDeidResult> {
  const { policy } = context;
  const key = await keyFor(context.secret);
  const decoding = decodingFor(specificCharacterSet(ds));
  const text = (tag: number): string => topLevelText(ds.elements, tag, decoding);
  const identity: PatientIdentity = {
    patientId: text(TAGS.PatientID), issuerOfPatientId: text(TAGS.IssuerOfPatientID),
    patientName: text(TAGS.PatientName), studyInstanceUid: text(TAGS.StudyInstanceUID),
  };
  const collected = collectValues(ds.meta, ds.elements, decoding);
  const cache: SessionCache = context.uidCache ?? new Map();
  const remapper = new UidRemapper(key, cache);
  const patient = patientKey(identity);
  const [uidPairs, aeAliases, pseudonymText, shiftText] = await Promise.all([
    // Always computed: even under Retain UIDs, the table remaps a few UIDs (e.g. (0040,A124)).
    Promise.all([...collected.uids].map(async (uid) => [uid, await remapper.remap(uid)] as const)),
    aliasMap(key, collected.aeTitles, cache),
    cached(cache, `${PSEUDONYM_CACHE_PREFIX}${patient}`, () => pseudonymOf(key, patient)),
    policy.options.retainLongitudinal === 'modified'
      ? cached(cache, `shift\u0000${policy.dateShift.minDays}\u0000${policy.dateShift.maxDays}\u0000${patient}`,
        async () => String(await patientShiftDays(key, patient, policy.dateShift.minDays, policy.dateShift.maxDays)))
      : Promise.resolve(undefined),
  ]);
  const pseudonym = pseudonymEntry(identity, pseudonymText);
  const shiftDays = shiftText === undefined ? undefined : Number(shiftText);
  const overrides = new Map<number, PolicyAction>();
  for (const [k, action] of Object.entries(policy.overrides)) {
    const tag = attributeKeyToTag(k);
    if (tag !== undefined) overrides.set(tag, action);
  }
  const state: WalkState = {
    policy,
    sopClassUid: text(TAGS.SOPClassUID).trim(),
    uids: new Map(uidPairs),
    aeAliases,
    shiftDays,
    pseudonym: pseudonym.pseudonym,
    scrub: makeScrubber(collected.scrub),
    decoding,
    encoding: encodingFor(specificCharacterSet(ds)),
    audit: [],
    override: (tag) => overrides.get(tag),
  };
  const birthDateCap = policy.hipaaAgeOver89 ? hipaaBirthDateCap(text(TAGS.PatientBirthDate), text(TAGS.StudyDate)) : undefined;
  if (birthDateCap) state.birthDateCap = birthDateCap;
  const cleanPixelData = decideCleanPixelData(
    { modality: text(TAGS.Modality), sopClassUid: state.sopClassUid, burnedInAnnotation: ds.elements.some((e) => e.tag === TAGS.BurnedInAnnotation) ? text(TAGS.BurnedInAnnotation) : undefined },
    policy,
  );
  const elements = walkLevel(ds.elements, state, '', 0, 'normal');
  clearEmbeddedOverlays(ds.elements, elements, state.audit);
  const newSop = elements.find((e: EditableElement) => e.tag === TAGS.SOPInstanceUID);
  const meta = processMeta(ds.meta, state, newSop);
  writeMarkers(elements, policy, context.pixelsCleanedOrChecked === true);
  state.audit.push(...markersAction(context.pixelsCleanedOrChecked === true));
  const result: HeaderDeidResult = {
    dataset: { meta, elements, transferSyntaxUid: ds.transferSyntaxUid },
    audit: state.audit,
    pseudonym,
    cleanPixelData,
  };
  if (shiftDays !== undefined) result.dateShiftDays = shiftDays;
  return result;
}
