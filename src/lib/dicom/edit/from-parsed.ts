import { EnclaveError } from '../../jobs';
import { windowBytes } from '../parse/byte-window';
import { formatTag } from '../parse/dictionary';
import { EXPLICIT_VR_LITTLE_ENDIAN } from '../parse/transfer-syntax';
import type { ByteWindow, DicomNode, ParsedDicom } from '../parse/types';
import { toLittleEndian } from './byte-order';
import type { EditableDataset, EditableElement } from './types';
import { TAG } from './tags';
import { isMetaTag } from './meta';
import { textBytes } from './text';

/**
 * The editable copy of a FULL parse. Values are views into the parsed bytes (nothing is copied)
 * except a big-endian source's binary numbers, which are swapped to little endian here.
 * Conversions (also listed in index.ts):
 * - the output transfer syntax is explicit VR little endian, or the encapsulated one kept;
 *   implicit, big-endian and deflated sources become explicit VR little endian;
 * - an implicit source's VRs are the parser's dictionary VRs (ambiguous ones resolved as vr.ts
 *   does); unknown private tags stay UN with their bytes unchanged;
 * - a sequence the parser expanded from UN (or any element with items) becomes VR SQ;
 * - an explicit UN whose tag the dictionary knows stays UN; in a big-endian source its bytes are
 *   swapped as its dictionary VR says (node.valueVr), so a reader that types it reads it right.
 * - group 0002 elements the parser found in the data set (a damaged meta group length) move to
 *   the meta group (a duplicate of a meta element is dropped);
 * Truncated files are refused: a de-identified export must not be a half file.
 */
export function toEditable(parsed: ParsedDicom): EditableDataset {
  if (parsed.mode !== 'full') {
    throw new EnclaveError('InvalidInputError', 'An editable data set needs a full parse (parseDicomBytes(bytes, { mode: "full" })), not a header scan.');
  }
  if (parsed.truncated) {
    throw new EnclaveError('InvalidInputError', 'The file is truncated; it cannot be rewritten without losing data.');
  }
  const ts = parsed.transferSyntax;
  const transferSyntaxUid = ts.encapsulated && !ts.deflated ? ts.uid : EXPLICIT_VR_LITTLE_ENDIAN;
  const meta = convertList(parsed.meta, parsed.fileBytes, true);
  const elements = convertList(parsed.elements, parsed.datasetBytes, parsed.littleEndian);
  // Group 0002 read as data set elements (a wrong meta group length) are meta elements.
  const stray = elements.filter((e) => isMetaTag(e.tag));
  for (const e of stray) if (!meta.some((m) => m.tag === e.tag)) meta.push(e);
  const tsElement = meta.find((e) => e.tag === TAG.TransferSyntaxUID);
  if (tsElement) tsElement.value = textBytes(transferSyntaxUid, 'UI');
  return {
    meta,
    elements: stray.length > 0 ? elements.filter((e) => !isMetaTag(e.tag)) : elements,
    transferSyntaxUid,
  };
}

function convertList(nodes: readonly DicomNode[], window: ByteWindow, littleEndian: boolean): EditableElement[] {
  const out: EditableElement[] = new Array(nodes.length);
  for (let i = 0; i < nodes.length; i++) out[i] = convertNode(nodes[i]!, window, littleEndian);
  return out;
}

function convertNode(node: DicomNode, window: ByteWindow, littleEndian: boolean): EditableElement {
  if (node.items) {
    return {
      tag: node.tag,
      vr: 'SQ',
      items: node.items.map((item) => ({ elements: convertList(item.elements, window, item.littleEndian), sourceOffset: item.offset })),
    };
  }
  if (node.fragments) {
    return {
      tag: node.tag,
      vr: 'OB', // PS3.5 A.4: encapsulated pixel data are OB (an OW label is corrected)
      fragments: node.fragments.map((f) => required(windowBytes(window, f.valueOffset, f.length), node)),
    };
  }
  const bytes = required(windowBytes(window, node.valueOffset, node.length), node);
  const vr = node.vr;
  return { tag: node.tag, vr, value: littleEndian ? bytes : toLittleEndian(bytes, node.valueVr ?? vr) };
}

function required(bytes: Uint8Array | undefined, node: DicomNode): Uint8Array {
  if (bytes) return bytes;
  throw new EnclaveError('InvalidInputError', `The value of element ${formatTag(node.tag)} was not read; an editable data set needs a full parse.`);
}
