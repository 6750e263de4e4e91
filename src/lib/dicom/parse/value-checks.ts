import { formatTag } from './dictionary';
import type { ElementParser } from './element-parser';
import type { DicomNode } from './types';
import { MAX_VALUE_LENGTH, NUMBER_VR_SIZE } from './vr';

/**
 * Flags values whose length breaks their VR's rule (PS3.5 Table 6.2-1): a binary number VR
 * whose length is not a multiple of its size, or a text value longer than its VR allows (e.g.
 * a 18-character TM). The bytes are kept as they are; de-identification needs to know, because
 * a strict reader elsewhere may reject the file.
 */
export function checkValueLength(p: ElementParser, node: DicomNode, vr: string): void {
  const size = NUMBER_VR_SIZE[vr];
  if (size !== undefined && node.length % size !== 0) {
    p.warn('invalid-value-length', `${formatTag(node.tag)} ${vr} has length ${node.length}, not a multiple of ${size}.`, node.offset, node.tag);
    return;
  }
  const max = MAX_VALUE_LENGTH[vr];
  if (max === undefined || node.length <= max || !p.isLoaded(node.valueOffset, node.length)) return;
  let longest = 0;
  let run = 0;
  for (let i = node.valueOffset; i < node.valueOffset + node.length; i++) {
    if (p.u8(i) === 0x5c) {
      run = 0;
    } else if (++run > longest) {
      longest = run;
    }
  }
  // One trailing pad byte makes an odd value even; it does not count against the limit.
  if (longest > max + 1 || (longest === max + 1 && node.length % 2 === 1)) {
    p.warn('invalid-value-length', `${formatTag(node.tag)} ${vr} has a value of ${longest} characters; at most ${max} are allowed.`, node.offset, node.tag);
  }
}
