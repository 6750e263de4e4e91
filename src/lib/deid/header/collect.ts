import { type EditableElement, type TextDecoding, getText } from './edit-access';
import { isUidElement } from './element-actions';
import type { ScrubSource } from './text-scrub';

/** Person names whose parts are scrubbed from free text. */
const NAME_TAGS = new Set([
  0x00100010, 0x00101001, 0x00101005, 0x00101060, 0x00080090, 0x0008009c, 0x00081048, 0x00081050, 0x00081060,
  0x00081070, 0x00102297, 0x0040a075, 0x0040a123, 0x00321032, 0x00400006,
]);
/** Identifiers scrubbed whole: IDs, accession, institution, station, serial number, address, phone. */
const IDENTIFIER_TAGS = new Set([
  0x00100020, 0x00101000, 0x00080050, 0x00080080, 0x00080081, 0x00081010, 0x00181000, 0x00101040, 0x00102154,
  0x00200010, 0x00081040, 0x00380010, 0x00401001,
]);
const DATE_TAGS = new Set([0x00100030]);

export interface CollectedValues {
  uids: Set<string>;
  aeTitles: Set<string>;
  scrub: ScrubSource;
}

/** One pass over every level (meta, data set, every item at any depth): what the HMACs and the scrubber need. */
export function collectValues(meta: readonly EditableElement[], elements: readonly EditableElement[], decoding: TextDecoding): CollectedValues {
  const uids = new Set<string>();
  const aeTitles = new Set<string>();
  const names: string[] = [];
  const identifiers: string[] = [];
  const dates: string[] = [];
  const visit = (list: readonly EditableElement[]): void => {
    for (const el of list) {
      if (el.items) {
        for (const item of el.items) visit(item.elements);
        continue;
      }
      if (!el.value || el.value.length === 0) continue;
      if (isUidElement(el)) for (const uid of latin1Values(el)) uids.add(uid);
      else if (el.vr === 'AE') for (const ae of getText(el, decoding)) aeTitles.add(ae);
      else if (NAME_TAGS.has(el.tag)) names.push(...getText(el, decoding));
      else if (IDENTIFIER_TAGS.has(el.tag)) identifiers.push(...getText(el, decoding));
      else if (DATE_TAGS.has(el.tag)) dates.push(...getText(el, decoding));
    }
  };
  visit(meta);
  visit(elements);
  return { uids, aeTitles, scrub: { names, identifiers, dates } };
}

/** The first text value of a top-level element, "" when absent. */
export function topLevelText(elements: readonly EditableElement[], tag: number, decoding: TextDecoding): string {
  const el = elements.find((e) => e.tag === tag);
  return el ? getText(el, decoding).join('\\') : '';
}

function latin1Values(el: EditableElement): string[] {
  return el.value ? new TextDecoder('latin1').decode(el.value).replace(/[\0 ]+$/, '').split('\\').map((v) => v.trim()) : [];
}
