import { lookupTag } from '../../dicom/parse';
import { capAge, isValidTm, shiftDa, shiftDt } from './dates';
import { dummyBytes, dummyText } from './dummy-values';
import { encodeText, getText, textBytes, type EditableElement } from './edit-access';
import type { WalkState } from './walk-state';

/** A UID element: UI, or UN (explicit VR files written by tools that did not know the tag) where the dictionary says UI. */
export function isUidElement(el: EditableElement): boolean {
  return el.vr === 'UI' || (el.vr === 'UN' && lookupTag(el.tag)?.vr === 'UI');
}

/** VRs whose free text Clean (C) scrubs. */
export const FREE_TEXT_VRS = new Set(['LO', 'SH', 'ST', 'LT', 'UT', 'UC', 'PN']);

function withValue(el: EditableElement, value: Uint8Array): EditableElement {
  return { tag: el.tag, vr: el.vr, value };
}

export function zeroLength(el: EditableElement): EditableElement {
  return el.vr === 'SQ' ? { tag: el.tag, vr: 'SQ', items: [] } : withValue(el, new Uint8Array(0));
}

function ascii(text: string): Uint8Array {
  return textBytes(text, 'UN');
}

/** Every UID value mapped through the instance's table (standard UIDs map to themselves). */
export function remapUids(el: EditableElement, state: WalkState): EditableElement {
  const values = el.value ? new TextDecoder('latin1').decode(el.value).replace(/[\0 ]+$/, '').split('\\') : [];
  const mapped = values.map((v) => state.uids.get(v.trim()) ?? v.trim());
  return withValue(el, ascii(mapped.join('\\')));
}

function randomUid(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return `2.25.${n.toString(10)}`;
}

/** D: a dummy valid for the VR; for a UID, the remapped UID (a new one when there was none). */
export function dummy(el: EditableElement, state: WalkState): EditableElement {
  if (isUidElement(el)) return el.value && el.value.length > 0 ? remapUids(el, state) : withValue(el, ascii(randomUid()));
  if (el.vr === 'DA' && state.shiftDays !== undefined) {
    const shifted = shiftValues(el, state, (v, d) => shiftDa(v, d));
    if (shifted) return shifted;
  }
  return withValue(el, dummyBytes(el.vr, el.value?.length ?? 0));
}

function shiftValues(el: EditableElement, state: WalkState, shift: (value: string, days: number) => string | undefined): EditableElement | undefined {
  const values = getText(el, state.decoding);
  if (values.length === 0 || state.shiftDays === undefined) return undefined;
  const days = state.shiftDays;
  const shifted = values.map((v) => shift(v, days));
  if (shifted.some((v) => v === undefined)) return undefined;
  return withValue(el, ascii(shifted.join('\\')));
}

/** K: kept, except that an age above 89 is capped when the HIPAA option asks for it. */
export function keep(el: EditableElement, state: WalkState): EditableElement {
  if (el.vr === 'AS' && state.policy.hipaaAgeOver89 && el.value) {
    const capped = getText(el, state.decoding).map(capAge);
    return withValue(el, ascii(capped.join('\\')));
  }
  return el;
}

/**
 * C for a leaf: dates shifted per patient (Retain Longitudinal Modified Dates), kept with Full
 * Dates, dummied otherwise; times kept when valid (only the date moves); AE titles aliased;
 * free text scrubbed of this instance's identifiers and PHI patterns; anything else kept.
 */
export function clean(el: EditableElement, state: WalkState): EditableElement {
  const longitudinal = state.policy.options.retainLongitudinal;
  if (el.vr === 'DA' || el.vr === 'DT') {
    if (longitudinal === 'full') return el;
    const shifted = shiftValues(el, state, el.vr === 'DA' ? shiftDa : shiftDt);
    return shifted ?? withValue(el, dummyBytes(el.vr, 0));
  }
  if (el.vr === 'TM') {
    const values = getText(el, state.decoding);
    return values.every(isValidTm) ? el : withValue(el, dummyBytes('TM', 0));
  }
  if (el.vr === 'AS') return keep(el, state);
  if (el.vr === 'AE') {
    const values = getText(el, state.decoding).map((v) => state.aeAliases.get(v) ?? dummyText('AE') ?? '');
    return withValue(el, ascii(values.join('\\')));
  }
  if (FREE_TEXT_VRS.has(el.vr)) {
    const scrubbed = getText(el, state.decoding).map(state.scrub).join('\\');
    const bytes = encodeText(scrubbed, state.encoding === 'other' ? 'ascii' : state.encoding);
    return withValue(el, bytes ?? dummyBytes(el.vr, 0));
  }
  return el;
}
