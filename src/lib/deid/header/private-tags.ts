import { DEFAULT_PRIVATE_SAFE_LIST } from '../policy/default-policy';
import type { DeidPolicy, PolicyAction, PrivateSafeEntry } from '../policy/types';

/** The decision for one private element of one item or data set. */
export interface PrivateDecision {
  keep: boolean;
  reason: string;
}

function isCreatorElement(tag: number): boolean {
  const element = tag & 0xffff;
  return element >= 0x0010 && element <= 0x00ff;
}

function safeKey(creator: string, group: number, element: number): string {
  return `${creator.trim().toUpperCase()}|${group}|${element}`;
}

const safeSets = new WeakMap<readonly PrivateSafeEntry[], Set<string>>();
function safeSet(list: readonly PrivateSafeEntry[]): Set<string> {
  let set = safeSets.get(list);
  if (!set) {
    set = new Set(list.map((e) => safeKey(e.creator, e.group, e.element)));
    safeSets.set(list, set);
  }
  return set;
}

/**
 * Decides the private elements of one level (a data set or an item). A private data element is
 * kept only under Retain Safe Private when its creator, group and element (within the block)
 * are on the private safe list, or when an override names its exact tag with K or C; an
 * override X removes it. A private creator element (gggg,0010-00FF) is kept if and only if at
 * least one element of its block is kept, so kept data never loses its creator and no creator
 * is left without data. Group lengths and the reserved (gggg,0001-000F) are removed.
 */
export function decidePrivate(
  tags: readonly number[],
  creatorOf: (creatorTag: number) => string | undefined,
  policy: DeidPolicy,
  overrides: (tag: number) => PolicyAction | undefined,
): Map<number, PrivateDecision> {
  const decisions = new Map<number, PrivateDecision>();
  const keptBlocks = new Set<number>();
  const safe = safeSet(policy.privateSafeList ?? DEFAULT_PRIVATE_SAFE_LIST);
  for (const tag of tags) {
    const group = tag >>> 16;
    const element = tag & 0xffff;
    if (isCreatorElement(tag)) continue;
    if (element < 0x1000) {
      decisions.set(tag, { keep: false, reason: 'private group length or reserved element' });
      continue;
    }
    const creatorTag = ((group << 16) | (element >>> 8)) >>> 0;
    const creator = creatorOf(creatorTag);
    const override = overrides(tag);
    let decision: PrivateDecision;
    if (override) decision = { keep: override === 'K' || override === 'C', reason: 'policy override' };
    else if (creator === undefined) decision = { keep: false, reason: 'private element without a private creator' };
    else if (policy.options.retainSafePrivate && safe.has(safeKey(creator, group, element & 0xff))) {
      decision = { keep: true, reason: 'Retain Safe Private option: on the private safe list' };
    } else decision = { keep: false, reason: 'Table E.1-1, Basic profile: private attribute' };
    decisions.set(tag, decision);
    if (decision.keep) keptBlocks.add(creatorTag);
  }
  for (const tag of tags) {
    if (!isCreatorElement(tag)) continue;
    const keep = keptBlocks.has(tag >>> 0);
    decisions.set(tag, { keep, reason: keep ? 'private creator of a kept block' : 'private creator of a removed block' });
  }
  return decisions;
}
