import type { AnnexEAction } from '../annex-e/types';
import { isPhiBearingTag } from '../annex-e/phi-bearing';
import { annexRowFor, privateAnnexRow } from '../header/annex-rows';
import { formatTag, isPrivateTag, keywordForTag, lookupTag, parseTag, tagForKeyword, tagHex } from '../../dicom/parse';

/** One attribute as the policy editor shows it: what it is, and what Table E.1-1 does with it. */
export interface AttributeInfo {
  /** How the policy stores it: the keyword when it names exactly this tag, else 8 hex digits. */
  key: string;
  tag: number;
  /** "(0010,0010)". */
  tagText: string;
  /** The Table E.1-1 name, or the dictionary keyword, or "private attribute". */
  name: string;
  /** The Basic profile action of Table E.1-1; undefined when the table does not list it (kept). */
  annexDefault?: AnnexEAction;
  /** Whether the Basic profile treats it as able to identify a patient (see isPhiBearingTag). */
  phiBearing: boolean;
  isPrivate: boolean;
}

/**
 * A keyword ("PatientName") or tag ("00100010", "(0010,0010)") checked against the DICOM
 * dictionary: undefined when it is neither a known standard attribute nor a private data element
 * (private creators and group lengths are not attributes a policy can act on alone).
 */
export function describeAttribute(input: string): AttributeInfo | undefined {
  const text = input.trim();
  const tag = parseTag(text) ?? tagForKeyword(text);
  if (tag === undefined) return undefined;
  const element = tag & 0xffff;
  if (element === 0) return undefined;
  const isPrivate = isPrivateTag(tag);
  if (isPrivate && element < 0x1000) return undefined; // private creator (gggg,0010-00FF) or reserved
  const entry = lookupTag(tag);
  if (!isPrivate && !entry) return undefined;
  const keyword = isPrivate ? undefined : keywordForTag(tag);
  const row = isPrivate ? privateAnnexRow() : annexRowFor(tag);
  const info: AttributeInfo = {
    key: keyword !== undefined && tagForKeyword(keyword) === tag ? keyword : tagHex(tag),
    tag,
    tagText: formatTag(tag),
    name: isPrivate ? 'private attribute' : row?.name ?? keyword ?? formatTag(tag),
    phiBearing: isPhiBearingTag(tag),
    isPrivate,
  };
  if (row) info.annexDefault = row.basic;
  return info;
}

/**
 * Why an override lets something through, or undefined when it does not: keeping (K) or only
 * cleaning (C) an attribute the profile would otherwise remove, empty, replace or remap.
 */
export function overrideExposure(info: AttributeInfo, action: string): string | undefined {
  if (action !== 'K' && action !== 'C') return undefined;
  if (!info.phiBearing || info.annexDefault === undefined || info.annexDefault === 'K') return undefined;
  if (info.annexDefault === action) return undefined;
  const what = `${info.key} (${info.name})`;
  const table = `Table E.1-1 says ${info.annexDefault}`;
  if (action === 'C') {
    return `${what} is only cleaned of the identifiers found elsewhere in the header (${table}); other words in it can still identify the patient.`;
  }
  if (info.annexDefault === 'U') return `${what} keeps its original UID (${table}): it can be traced back to the hospital's archive.`;
  return `${what} is kept as it is, whatever the profile says (${table}): its value can identify the patient.`;
}

/** Why a safe-listed attribute lets something through, or undefined when listing it is harmless. */
export function safeListExposure(info: AttributeInfo, retainUids: boolean): string | undefined {
  if (!info.phiBearing || info.annexDefault === undefined || info.annexDefault === 'K') return undefined;
  // A listed UID is still remapped unless Retain UIDs (see resolve-action.ts): no new exposure.
  if (info.annexDefault === 'U' && !retainUids) return undefined;
  return `${info.key} (${info.name}) is on the safe list and keeps its value (Table E.1-1 says ${info.annexDefault}): it can identify the patient.`;
}
