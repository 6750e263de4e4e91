import type { EditableDataset, EditableElement, EditableItem } from './types';

/**
 * A structural copy: new lists, elements and items, the same value/fragment byte arrays. Safe
 * because the editing functions REPLACE an element's value array and never write into it; code
 * that writes into `value` bytes in place must copy them first.
 */
export function cloneDataset(ds: EditableDataset): EditableDataset {
  return { meta: ds.meta.map(cloneElement), elements: ds.elements.map(cloneElement), transferSyntaxUid: ds.transferSyntaxUid };
}

export function cloneElement(el: EditableElement): EditableElement {
  const copy: EditableElement = { tag: el.tag, vr: el.vr };
  if (el.value) copy.value = el.value;
  if (el.items) copy.items = el.items.map(cloneItem);
  if (el.fragments) copy.fragments = [...el.fragments];
  return copy;
}

function cloneItem(item: EditableItem): EditableItem {
  const copy: EditableItem = { elements: item.elements.map(cloneElement) };
  if (item.sourceOffset !== undefined) copy.sourceOffset = item.sourceOffset;
  return copy;
}
