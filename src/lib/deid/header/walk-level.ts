import { formatTag, isPrivateTag, keywordForTag, tagHex } from '../../dicom/parse';
import type { PolicyAction } from '../policy/types';
import { annexRowFor } from './annex-rows';
import type { EditableElement, EditableItem } from './edit-access';
import { FREE_TEXT_VRS, clean, dummy, isUidElement, keep, remapUids, zeroLength } from './element-actions';
import { shiftDa } from './dates';
import { decidePrivate } from './private-tags';
import { resolveAction, type ResolvedAction } from './resolve-action';
import type { WalkMode, WalkState } from './walk-state';

const PATIENT_NAME = 0x00100010;
const PATIENT_ID = 0x00100020;
const PATIENT_BIRTH_DATE = 0x00100030;

/** UI attributes outside Table E.1-1 that name a class, syntax or scheme, not an instance: never remapped. */
const CLASS_UID_TAGS = new Set([
  0x00080016, 0x00081150, 0x0008001a, 0x0008001b, 0x0008010c, 0x0008010d, 0x00080118, 0x00041510, 0x00041512,
  0x00020002, 0x00020010, 0x00020012, 0x00020100, 0x0040a124, 0x00081090,
]);

function isGraphicsGroup(tag: number): boolean {
  const group = tag >>> 16;
  return (group >= 0x5000 && group <= 0x50ff) || (group >= 0x6000 && group <= 0x60ff);
}

/**
 * Overlays (60xx) and curves (50xx) as whole groups: removed unless Clean Graphics, then kept
 * with their text cleaned. An overlay group without its data would be a broken overlay, and its
 * label and description are free text.
 */
function graphicsAction(tag: number, state: WalkState): ResolvedAction {
  const override = state.override(tag);
  if (override) return { action: override, reason: 'policy override' };
  if (state.policy.options.cleanGraphics) return { action: 'C', reason: 'Table E.1-1, Clean Graphics option (overlay/curve group)' };
  return { action: 'X', reason: 'Table E.1-1, Basic profile (overlay/curve group)' };
}

/** Code Sequence macro attributes: concept codes, not identities; kept so dummied content stays meaningful. */
const CODE_MACRO_TAGS = new Set([0x00080100, 0x00080102, 0x00080103, 0x00080104, 0x00080105, 0x00080106, 0x00080107, 0x0008010b, 0x0008010f, 0x00080117, 0x00080119, 0x00080120, 0x00080121, 0x00080122]);

/**
 * Inside a sequence whose action is D (e.g. Content Sequence), the leaves that can carry
 * identity get dummies: person names, free text, dates and times, AE titles. Coded values, CS
 * enumerations and numbers stay, so the structure (value types, relationships) stays valid;
 * UIDs are remapped as everywhere.
 */
function carriesIdentity(el: EditableElement): boolean {
  if (CODE_MACRO_TAGS.has(el.tag)) return false;
  return FREE_TEXT_VRS.has(el.vr) || el.vr === 'DA' || el.vr === 'DT' || el.vr === 'TM' || el.vr === 'AE' || el.vr === 'UR';
}

function decide(el: EditableElement, state: WalkState, depth: number, mode: WalkMode): ResolvedAction {
  if (isGraphicsGroup(el.tag)) return graphicsAction(el.tag, state);
  const resolved = resolveAction(el.tag, state.policy, state.sopClassUid, depth);
  const inTable = annexRowFor(el.tag) !== undefined;
  if (resolved.action === 'X') return resolved;
  if (mode === 'dummy' && !isUidElement(el) && el.vr !== 'SQ' && carriesIdentity(el)) {
    return { action: 'D', reason: 'inside a sequence replaced by dummy values' };
  }
  if (!inTable && resolved.action === 'K') {
    if (isUidElement(el) && !CLASS_UID_TAGS.has(el.tag) && !state.policy.options.retainUids) {
      return { action: 'U', reason: 'instance UID outside Table E.1-1, remapped' };
    }
    if (mode === 'clean' && (FREE_TEXT_VRS.has(el.vr) || el.vr === 'DA' || el.vr === 'DT')) {
      return { action: 'C', reason: 'inside a cleaned sequence' };
    }
  }
  return resolved;
}

/** The action applied to one element; undefined removes it. Sequences recurse. */
function apply(el: EditableElement, action: PolicyAction, state: WalkState, path: string, depth: number, mode: WalkMode): EditableElement | undefined {
  if (action === 'X') return undefined;
  if (action === 'Z') return zeroLength(el);
  if (el.vr === 'SQ' || el.items) {
    const next: WalkMode = action === 'D' ? 'dummy' : action === 'C' ? 'clean' : mode;
    const items: EditableItem[] = (el.items ?? []).map((item, i) => ({
      elements: walkLevel(item.elements, state, `${path}[${i}]/`, depth + 1, next),
    }));
    return { tag: el.tag, vr: el.vr, items };
  }
  if (el.fragments) return el; // encapsulated pixel data: a matter for the pixel engine
  switch (action) {
    case 'D': return dummy(el, state);
    case 'K': return keep(el, state);
    case 'C': return clean(el, state);
    case 'U': return isUidElement(el) ? remapUids(el, state) : el;
  }
}

function record(state: WalkState, el: EditableElement, path: string, action: PolicyAction, reason: string): void {
  state.audit.push({ path, tag: tagHex(el.tag), keyword: isPrivateTag(el.tag) ? '' : keywordForTag(el.tag) ?? '', action, reason });
}

/**
 * One level (the data set, or one item) under the policy: every element decided, applied and
 * audited; sequences at any depth, private ones included, walked the same way. Returns a new
 * list; the input elements are not changed. Attributes outside Table E.1-1 that are kept as
 * they are go unaudited (they are most of a file and carry no decision).
 */
export function walkLevel(elements: readonly EditableElement[], state: WalkState, prefix: string, depth: number, mode: WalkMode): EditableElement[] {
  const privateTags = elements.filter((el) => isPrivateTag(el.tag)).map((el) => el.tag);
  const creators = new Map<number, EditableElement>(elements.filter((el) => isPrivateTag(el.tag)).map((el) => [el.tag, el]));
  const privateDecisions = privateTags.length === 0 ? undefined : decidePrivate(
    privateTags,
    (creatorTag) => {
      const creator = creators.get(creatorTag);
      return creator?.value ? new TextDecoder('latin1').decode(creator.value).replace(/[\0 ]+$/, '').trim() : undefined;
    },
    state.policy,
    state.override,
  );
  const out: EditableElement[] = [];
  for (const el of elements) {
    const path = `${prefix}${formatTag(el.tag)}`;
    if (isPrivateTag(el.tag)) {
      const decision = privateDecisions?.get(el.tag);
      const action: PolicyAction = decision?.keep ? 'K' : 'X';
      record(state, el, path, action, decision?.reason ?? 'private attribute');
      const kept = action === 'K' ? apply(el, 'K', state, path, depth, mode === 'dummy' ? 'dummy' : 'normal') : undefined;
      if (kept) out.push(kept);
      continue;
    }
    const { action, reason } = decide(el, state, depth, mode);
    let result: EditableElement | undefined;
    if (depth === 0 && (el.tag === PATIENT_NAME || el.tag === PATIENT_ID) && (action === 'Z' || action === 'D') && reason !== 'policy override') {
      // Z allows "a dummy value consistent with the VR": the pseudonym is one, consistent per patient.
      result = { tag: el.tag, vr: el.vr, value: new TextEncoder().encode(state.pseudonym) };
      record(state, el, path, 'D', `${reason}; pseudonym consistent per patient`);
    } else {
      result = apply(el, action, state, path, depth, mode);
      if (depth === 0 && el.tag === PATIENT_BIRTH_DATE && state.birthDateCap && result?.value?.length && (action === 'K' || action === 'C')) {
        const capped = action === 'C' && state.shiftDays !== undefined ? shiftDa(state.birthDateCap, state.shiftDays) : state.birthDateCap;
        result = { tag: el.tag, vr: el.vr, value: new TextEncoder().encode(capped ?? '19000101') };
      }
      if (annexRowFor(el.tag) || action !== 'K' || isGraphicsGroup(el.tag) || mode !== 'normal') record(state, el, path, action, reason);
    }
    if (result) out.push(result);
  }
  return out;
}
