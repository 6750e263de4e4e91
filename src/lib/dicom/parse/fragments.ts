import { ITEM, SEQUENCE_DELIMITER, UNDEFINED_LENGTH, type ElementParser, type Syntax } from './element-parser';
import type { DicomNode, Fragment } from './types';

/**
 * Reads the items of encapsulated data (pixel data of undefined length): the Basic Offset
 * Table, then one item per fragment, closed by a sequence delimiter. With `onlyLoaded` (a
 * header scan at top-level pixel data) it reads only headers already in memory and marks the
 * list incomplete instead of asking for more bytes: encodedFrames walks the rest on demand.
 */
export function readFragments(p: ElementParser, node: DicomNode, syntax: Syntax, onlyLoaded: boolean): void {
  const fragments: Fragment[] = [];
  node.fragments = fragments;
  node.fragmentsComplete = false;
  const start = node.valueOffset;
  let pos = start;
  for (;;) {
    if (pos + 8 > p.size) {
      node.length = pos - start;
      node.end = p.size;
      if (onlyLoaded) {
        p.truncated = true;
        p.warn('missing-sequence-delimiter', 'The encapsulated pixel data end without their sequence delimiter; the file is probably truncated.', pos, node.tag);
        return;
      }
      p.truncate(pos, 'missing-sequence-delimiter');
    }
    if (onlyLoaded ? !p.isLoaded(pos, 8) : !p.ensure(pos, 8)) {
      node.length = pos - start;
      node.end = pos;
      return;
    }
    const tag = p.tagAt(pos, syntax.littleEndian);
    if (tag === SEQUENCE_DELIMITER) {
      node.length = pos - start;
      node.end = pos + 8;
      node.fragmentsComplete = true;
      return;
    }
    const length = p.u32(pos + 4, syntax.littleEndian);
    if (tag !== ITEM || length === UNDEFINED_LENGTH) {
      p.warn('bad-item', 'Encapsulated pixel data hold something that is not a fragment; the fragment list stops there.', pos, node.tag);
      node.length = pos - start;
      node.end = pos;
      node.fragmentsComplete = true;
      return;
    }
    fragments.push({ offset: pos, valueOffset: pos + 8, length });
    if (pos + 8 + length > p.size) {
      node.length = p.size - start;
      node.end = p.size;
      if (onlyLoaded) {
        p.truncated = true;
        p.warn('value-past-end', 'A pixel data fragment runs past the end of the file; the file is probably truncated.', pos, node.tag);
        return;
      }
      p.truncate(pos, 'value-past-end');
    }
    pos += 8 + length;
  }
}
