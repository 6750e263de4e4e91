import {
  ITEM, MAX_DEPTH, SEQUENCE_DELIMITER, UNDEFINED_LENGTH, type ElementParser, type Syntax,
} from './element-parser';
import { StopParse } from './errors';
import type { DicomNode } from './types';

/**
 * Reads the items of a sequence (node.items), of defined or undefined length, each item of
 * defined or undefined length. Anomalies (a missing delimiter, an item that overruns its
 * sequence, a non-item where an item should be) become warnings and the reading goes on at
 * the most plausible place, as pydicom and dcmtk do.
 */
export function readSequenceItems(p: ElementParser, node: DicomNode, syntax: Syntax, bound: number, depth: number): void {
  const items: NonNullable<DicomNode['items']> = [];
  node.items = items;
  const start = node.valueOffset;
  const undefinedSeq = node.undefinedLength;
  // A defined-length sequence is bounded by its own length (and by the data's end).
  const declaredEnd = start + node.length;
  const end = undefinedSeq ? bound : Math.min(declaredEnd, p.size);
  let pos = start;
  for (;;) {
    if (!undefinedSeq && pos >= end) break;
    if (pos + 8 > p.size) {
      node.length = pos - start;
      node.end = p.size;
      p.truncate(pos, undefinedSeq ? 'missing-sequence-delimiter' : 'truncated');
    }
    if (pos + 8 > end) {
      if (undefinedSeq) {
        p.warn('missing-sequence-delimiter', 'A sequence of undefined length reaches the end of the item that holds it without its delimiter.', pos, node.tag);
        node.length = pos - start;
        node.end = pos;
        return;
      }
      if (pos < end) p.warn('bad-item', 'A sequence ends in the middle of an item header.', pos, node.tag);
      pos = end;
      break;
    }
    p.ensure(pos, 8);
    const tag = p.tagAt(pos, syntax.littleEndian);
    if (tag === SEQUENCE_DELIMITER) {
      if (undefinedSeq) {
        node.length = pos - start;
        node.end = pos + 8;
        return;
      }
      p.warn('unexpected-delimiter', 'A sequence of defined length contains a sequence delimiter; it was skipped.', pos, node.tag);
      pos += 8;
      continue;
    }
    if (tag !== ITEM) {
      if (undefinedSeq) {
        // The sequence was not closed: what follows belongs to the enclosing data set.
        p.warn('missing-sequence-delimiter', 'A sequence of undefined length ends without its sequence delimiter.', pos, node.tag);
        node.length = pos - start;
        node.end = pos;
        return;
      }
      p.warn('bad-item', 'A sequence holds something that is not an item; the rest of the sequence was skipped.', pos, node.tag);
      pos = end;
      break;
    }
    const itemLength = p.u32(pos + 4, syntax.littleEndian);
    const item = p.newItem(pos, itemLength, syntax);
    items.push(item);
    if (depth + 1 > MAX_DEPTH) {
      p.warn('depth-limit', `Sequences are nested more than ${MAX_DEPTH} deep; the inner items were not read.`, pos, node.tag);
      throw new StopParse('malformed');
    }
    if (itemLength === UNDEFINED_LENGTH) {
      const read = p.readElements(item.elements, pos + 8, end, syntax, depth + 1, true, false);
      if (!read.delimited && read.end >= p.size) {
        item.end = p.size;
        p.truncate(read.end, 'missing-item-delimiter');
      }
      if (!read.delimited && read.end >= end) {
        p.warn('missing-item-delimiter', 'An item of undefined length reaches the end of its sequence without its delimiter.', read.end, node.tag);
      }
      item.length = (read.delimited ? read.end - 8 : read.end) - item.valueOffset;
      item.end = read.end;
      pos = read.end;
    } else {
      const itemEnd = pos + 8 + itemLength;
      if (itemEnd > end) {
        p.warn(itemEnd > p.size ? 'value-past-end' : 'bad-item', 'An item runs past the end of its sequence.', pos, node.tag);
      }
      item.end = itemEnd;
      p.readElements(item.elements, pos + 8, Math.min(itemEnd, end), syntax, depth + 1, false, false);
      if (itemEnd > p.size) p.truncate(p.size);
      pos = itemEnd;
    }
  }
  node.end = undefinedSeq ? pos : Math.max(pos, declaredEnd);
  if (!undefinedSeq && declaredEnd > p.size) {
    node.end = p.size;
    p.truncate(p.size, 'value-past-end');
  }
}
