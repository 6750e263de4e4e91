import { isPhiBearingTag } from '../deid/annex-e/phi-bearing';
import { formatTag, keywordForTag, type DicomReader } from '../dicom/parse';

/** One line of the header panel: an element, with PHI-bearing attributes marked as such. */
export interface HeaderRow {
  /** Item path of nested elements, e.g. "00400275[0].00321060". */
  path: string;
  depth: number;
  tag: string;
  keyword: string;
  vr: string;
  /** The value as text, shortened; binary values say how long they are. */
  value: string;
  phi: boolean;
}

const MAX_VALUE_CHARS = 160;
const MAX_VALUES = 16;
const BINARY_VRS = new Set(['OB', 'OW', 'OD', 'OF', 'OL', 'OV', 'UN']);

/**
 * The header as rows for display. Values are decoded through the data set's character set;
 * long and binary values are summarised, never dumped. A nested element counts as PHI-bearing
 * when it or any sequence around it is, since a sequence the profile removes takes its items.
 */
export function headerRows(reader: DicomReader, limit = 5000): HeaderRow[] {
  const rows: HeaderRow[] = [];
  const phiAtDepth: boolean[] = [];
  for (const { node, path, depth, reader: owner } of reader.iterate()) {
    if (rows.length >= limit) break;
    const phi = isPhiBearingTag(node.tag) || (depth > 0 && phiAtDepth[depth - 1] === true);
    phiAtDepth[depth] = phi;
    rows.push({
      path,
      depth,
      tag: formatTag(node.tag),
      keyword: keywordForTag(node.tag) ?? ((node.tag >>> 16) % 2 === 1 ? 'private' : 'unknown'),
      vr: node.vr,
      value: valueText(owner, node),
      phi,
    });
  }
  return rows;
}

function valueText(owner: DicomReader, node: Parameters<DicomReader['stringsOf']>[0]): string {
  if (node.items) return `${node.items.length} item${node.items.length === 1 ? '' : 's'}`;
  if (node.fragments) return `encapsulated, ${Math.max(0, node.fragments.length - 1)} fragments`;
  const vr = node.valueVr ?? node.vr;
  if (BINARY_VRS.has(vr) || node.tag === 0x7fe00010) return `${node.length} bytes`;
  let values: string[];
  try {
    values = owner.stringsOf(node);
  } catch {
    return `${node.length} bytes (unreadable)`;
  }
  const shown = values.slice(0, MAX_VALUES).join('\\');
  const more = values.length > MAX_VALUES ? ` … (${values.length} values)` : '';
  const text = shown + more;
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}…` : text;
}
