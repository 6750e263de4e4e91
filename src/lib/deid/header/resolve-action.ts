import type { AnnexEAction, AnnexERow } from '../annex-e/types';
import { attributeKeyToTag } from '../policy/attribute-key';
import type { DeidPolicy, PolicyAction } from '../policy/types';
import { annexRowFor } from './annex-rows';
import { attributeType } from './iod-types';

export interface ResolvedAction {
  action: PolicyAction;
  /** Why, in words, without any value. */
  reason: string;
}

/** Lower is more protective; when several applicable options disagree, the most protective wins. */
const PROTECTION_RANK: Record<PolicyAction, number> = { X: 0, Z: 1, D: 2, U: 3, C: 4, K: 5 };

/** Attributes a safe list always keeps: without them the file is not a readable image. */
const STRUCTURAL_KEYWORD_TAGS = new Set([
  0x00080005, 0x00080008, 0x00080016, 0x00080060, 0x00200011, 0x00200013, 0x00200020, 0x00200032, 0x00200037,
]);

function isStructural(tag: number): boolean {
  const group = tag >>> 16;
  return group === 0x0002 || group === 0x0028 || group === 0x7fe0 || STRUCTURAL_KEYWORD_TAGS.has(tag);
}

interface PreparedPolicy {
  overrides: Map<number, PolicyAction>;
  safeList: Set<number>;
}
const prepared = new WeakMap<DeidPolicy, PreparedPolicy>();

function prepare(policy: DeidPolicy): PreparedPolicy {
  let p = prepared.get(policy);
  if (!p) {
    const overrides = new Map<number, PolicyAction>();
    for (const [key, action] of Object.entries(policy.overrides)) {
      const tag = attributeKeyToTag(key);
      if (tag !== undefined) overrides.set(tag, action);
    }
    const safeList = new Set<number>();
    for (const key of policy.safeList ?? []) {
      const tag = attributeKeyToTag(key);
      if (tag !== undefined) safeList.add(tag);
    }
    p = { overrides, safeList };
    prepared.set(policy, p);
  }
  return p;
}

/** The option columns of a row that the policy turns on, as [option name, action]. */
function optionActions(row: AnnexERow, policy: DeidPolicy): [string, PolicyAction][] {
  const o = policy.options;
  const out: [string, PolicyAction][] = [];
  const add = (on: boolean, name: string, value: string | undefined): void => {
    if (on && value) out.push([name, value as PolicyAction]);
  };
  add(o.retainSafePrivate, 'Retain Safe Private', row.rtnSafePrivOpt);
  add(o.retainUids, 'Retain UIDs', row.rtnUIDsOpt);
  add(o.retainDeviceIdentity, 'Retain Device Identity', row.rtnDevIdOpt);
  add(o.retainInstitutionIdentity, 'Retain Institution Identity', row.rtnInstIdOpt);
  add(o.retainPatientCharacteristics, 'Retain Patient Characteristics', row.rtnPatCharsOpt);
  add(o.retainLongitudinal === 'full', 'Retain Longitudinal Full Dates', row.rtnLongFullDatesOpt);
  add(o.retainLongitudinal === 'modified', 'Retain Longitudinal Modified Dates', row.rtnLongModifDatesOpt);
  add(o.cleanDescriptors, 'Clean Descriptors', row.cleanDescOpt);
  add(o.cleanStructuredContent, 'Clean Structured Content', row.cleanStructContOpt);
  add(o.cleanGraphics, 'Clean Graphics', row.cleanGraphOpt);
  return out;
}

/**
 * A composite action of the table made concrete for this instance (see iod-types.ts): Type 2 →
 * zero-length, Type 1 → dummy, otherwise removed; X/Z/U* sequences keep their items with every
 * UID inside remapped, so references between instances survive.
 */
export function concreteAction(action: AnnexEAction, tag: number, sopClassUid: string, depth: number): PolicyAction {
  if (action === 'X/Z/U*') return 'U';
  if (action.length === 1) {
    if (action === 'Z' && attributeType(tag, sopClassUid, depth) === '1') return 'D';
    return action as PolicyAction;
  }
  const type = attributeType(tag, sopClassUid, depth);
  const allowed = action.split('/');
  if (type === '1') return 'D';
  if (type === '2') return allowed.includes('Z') ? 'Z' : 'D';
  return allowed.includes('X') ? 'X' : 'Z';
}

/**
 * The action for one standard (even-group) attribute: the table's Basic action, then the
 * options the policy turns on (an option column overrides the Basic action, PS3.15 E.3), then
 * the safe-list mode, then the per-attribute override, which has the last word.
 */
export function resolveAction(tag: number, policy: DeidPolicy, sopClassUid: string, depth: number): ResolvedAction {
  const row = annexRowFor(tag);
  let resolved: ResolvedAction;
  if (!row) resolved = { action: 'K', reason: 'not in Table E.1-1' };
  else {
    const options = optionActions(row, policy);
    if (options.length > 0) {
      const [name, action] = options.reduce((a, b) => (PROTECTION_RANK[b[1]] < PROTECTION_RANK[a[1]] ? b : a));
      resolved = { action, reason: `Table E.1-1, ${name} option` };
    } else {
      const action = concreteAction(row.basic, tag, sopClassUid, depth);
      const composite = row.basic.length > 1 ? ` (${row.basic} resolved by the IOD)` : '';
      resolved = { action, reason: `Table E.1-1, Basic profile${composite}` };
    }
  }
  const { overrides, safeList } = prepare(policy);
  if (policy.mode === 'safe-list') resolved = applySafeList(resolved, tag, safeList.has(tag), policy, !!row);
  const override = overrides.get(tag);
  if (override) resolved = { action: override, reason: 'policy override' };
  return resolved;
}

function applySafeList(resolved: ResolvedAction, tag: number, listed: boolean, policy: DeidPolicy, inTable: boolean): ResolvedAction {
  if (listed) {
    // A listed UID is still remapped unless Retain UIDs: a safe list names attributes, not identifiers.
    if (resolved.action === 'U' && !policy.options.retainUids) return { action: 'U', reason: 'safe list (UID remapped)' };
    return { action: 'K', reason: 'safe list' };
  }
  if (isStructural(tag)) return { ...resolved, reason: `${resolved.reason}; structural, kept by the safe-list mode` };
  if (inTable && (resolved.action === 'X' || resolved.action === 'Z' || resolved.action === 'D' || resolved.action === 'U')) {
    return { ...resolved, reason: `${resolved.reason}; not on the safe list` };
  }
  return { action: 'X', reason: 'not on the safe list' };
}
