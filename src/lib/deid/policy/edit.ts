import { EnclaveError } from '../../jobs';
import { attributeKeyToTag } from './attribute-key';
import { describeAttribute, type AttributeInfo } from './attribute-info';
import type { DeidPolicy, PolicyAction } from './types';

/**
 * Edits the policy editor makes, each returning a new policy (the stored one is never changed in
 * place). Attributes are checked against the dictionary and stored under one canonical key, so
 * "(0010,0010)" and "PatientName" are the same override, never two.
 */

function known(input: string): AttributeInfo {
  const info = describeAttribute(input);
  if (!info) {
    throw new EnclaveError(
      'DeidPolicyError',
      `"${input.trim()}" is not a DICOM attribute: give a keyword such as PatientName or a tag such as (0010,0010).`,
    );
  }
  return info;
}

function sameTag(key: string, tag: number): boolean {
  return attributeKeyToTag(key) === tag;
}

export function setOverride(policy: DeidPolicy, attribute: string, action: PolicyAction): DeidPolicy {
  const info = known(attribute);
  const overrides = Object.fromEntries(Object.entries(policy.overrides).filter(([key]) => !sameTag(key, info.tag)));
  overrides[info.key] = action;
  return { ...policy, overrides };
}

export function removeOverride(policy: DeidPolicy, key: string): DeidPolicy {
  const tag = attributeKeyToTag(key);
  const overrides = Object.fromEntries(Object.entries(policy.overrides).filter(([k]) => k !== key && (tag === undefined || !sameTag(k, tag))));
  return { ...policy, overrides };
}

export function setMode(policy: DeidPolicy, mode: DeidPolicy['mode']): DeidPolicy {
  return { ...policy, mode, safeList: policy.safeList ?? [] };
}

export function addSafeListEntry(policy: DeidPolicy, attribute: string): DeidPolicy {
  const info = known(attribute);
  const list = policy.safeList ?? [];
  if (list.some((key) => sameTag(key, info.tag))) return policy;
  return { ...policy, safeList: [...list, info.key] };
}

export function removeSafeListEntry(policy: DeidPolicy, key: string): DeidPolicy {
  return { ...policy, safeList: (policy.safeList ?? []).filter((k) => k !== key) };
}
