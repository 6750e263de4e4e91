import type { AttributeReader } from '../attributes';

/** Small readers shared by the metadata extractors. */

/** A trimmed, non-empty text value (an empty Type 2 attribute counts as absent). */
export function text(reader: AttributeReader, keyword: string): string | undefined {
  const v = reader.string(keyword)?.trim();
  return v === undefined || v === '' ? undefined : v;
}

/** Every non-empty value of a multi-valued text attribute, trimmed and upper-cased (CS). */
export function codes(reader: AttributeReader, keyword: string): string[] {
  return reader.strings(keyword).map((s) => s.trim().toUpperCase()).filter((s) => s !== '');
}

export function finite(reader: AttributeReader, keyword: string, index = 0): number | undefined {
  const v = reader.number(keyword, index);
  return v !== undefined && Number.isFinite(v) ? v : undefined;
}

/** Rounded to `digits` decimals, without -0: values for a table, not for further maths. */
export function round(v: number, digits = 6): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f || 0;
}

/** A number as a table shows it: integers plainly, others with at most 6 decimals, no exponent. */
export function formatNumber(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return '';
  return String(round(v));
}

/**
 * The items of a functional-group macro of an enhanced multi-frame image: the shared item when
 * the shared group has it (then it holds for every frame), else each frame's own item.
 */
export function functionalGroupItems(reader: AttributeReader, macro: string): AttributeReader[] {
  const shared = reader.sequence('SharedFunctionalGroupsSequence')[0]?.sequence(macro)[0];
  if (shared) return [shared];
  return reader.sequence('PerFrameFunctionalGroupsSequence').flatMap((frame) => frame.sequence(macro).slice(0, 1));
}

export function isEnhanced(reader: AttributeReader): boolean {
  return reader.has('SharedFunctionalGroupsSequence') || reader.has('PerFrameFunctionalGroupsSequence');
}

/** Distinct values in order of first appearance. */
export function distinct<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}
