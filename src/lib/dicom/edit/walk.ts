import type { EditableDataset, EditableElement } from './types';

/** One step from the top level down: the sequence element and the index of the item entered. */
export interface PathStep {
  tag: number;
  item: number;
}

export interface WalkContext {
  /** Enclosing sequences and items, outermost first; empty at the top level. */
  path: readonly PathStep[];
  /** The list holding the element (the data set's or an item's elements). */
  parent: EditableElement[];
  /** 0 at the top level, 1 inside an item of a top-level sequence, … */
  depth: number;
}

/** What a visitor may ask for: drop the element, or do not descend into its items. */
export type WalkDecision = void | 'remove' | 'skip';

export type Visitor = (element: EditableElement, context: WalkContext) => WalkDecision;

/**
 * Visits every element of the data set (not the meta group), depth first, parents before their
 * items, in list order. A visitor returning 'remove' removes the element from its list (its
 * items are not visited). Inserting into `context.parent` while walking is not supported.
 */
export function walk(ds: EditableDataset, visitor: Visitor): void {
  walkList(ds.elements, [], visitor);
}

function walkList(list: EditableElement[], path: PathStep[], visitor: Visitor): void {
  let write = 0;
  for (let read = 0; read < list.length; read++) {
    const el = list[read]!;
    const decision = visitor(el, { path, parent: list, depth: path.length });
    if (decision === 'remove') continue;
    list[write++] = el;
    if (decision === 'skip' || !el.items) continue;
    el.items.forEach((item, i) => walkList(item.elements, [...path, { tag: el.tag, item: i }], visitor));
  }
  list.length = write;
}

type TagTest = number | ((element: EditableElement, context: WalkContext) => boolean);

function matcher(test: TagTest): (element: EditableElement, context: WalkContext) => boolean {
  return typeof test === 'number' ? (e) => e.tag === test : test;
}

export interface FoundElement extends WalkContext {
  element: EditableElement;
}

/** Every element matching a tag (or a predicate) at any depth. */
export function findElements(ds: EditableDataset, test: TagTest): FoundElement[] {
  const match = matcher(test);
  const found: FoundElement[] = [];
  walk(ds, (element, context) => {
    if (match(element, context)) found.push({ element, ...context });
  });
  return found;
}

/** Removes every element matching a tag (or a predicate) at any depth; returns how many. */
export function removeElements(ds: EditableDataset, test: TagTest): number {
  const match = matcher(test);
  let removed = 0;
  walk(ds, (element, context) => {
    if (!match(element, context)) return undefined;
    removed++;
    return 'remove';
  });
  return removed;
}

/** The element with this tag directly in `list` (no descent). */
export function getElement(list: readonly EditableElement[], tag: number): EditableElement | undefined {
  for (const el of list) if (el.tag === tag) return el;
  return undefined;
}

/**
 * Puts `element` into `list` at its place in ascending tag order, replacing an element with the
 * same tag. Returns the element.
 */
export function insertElement(list: EditableElement[], element: EditableElement): EditableElement {
  let lo = 0;
  let hi = list.length;
  // Binary search assumes a sorted list; an unsorted one still gets the element once.
  const existing = list.findIndex((e) => e.tag === element.tag);
  if (existing >= 0) {
    list[existing] = element;
    return element;
  }
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.tag < element.tag) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, element);
  return element;
}
