/**
 * The editable data set and the Part 10 serializer: what de-identification edits and writes.
 *
 *   const ds = toEditable(parseDicomBytes(bytes, { mode: 'full' }));   // values are views, LE
 *   removeElements(ds, (el) => isPrivateTag(el.tag));                   // any depth
 *   setText(getElement(ds.elements, 0x00100010)!, ['Anonymous'], ds);
 *   const out = serializePart10(ds);                                    // explicit VR LE (or encapsulated TS kept)
 *
 * Documented conversions (toEditable + serializePart10): implicit, big-endian and deflated
 * sources are written explicit VR little endian (TransferSyntaxUID set accordingly; binary
 * values swapped); sequences expanded from UN become SQ; encapsulated pixel data are OB;
 * sequences and items are written with undefined length; retired group lengths (gggg,0000)
 * are dropped; odd-length values are padded (space for text, NUL for UI/binary); the meta
 * group's Media Storage SOP Class/Instance UIDs follow the data set's SOP Class/Instance UID;
 * elements are sorted by tag at every level; a DICOMDIR's record offsets are recomputed.
 * Truncated files and header scans are refused (InvalidInputError).
 *
 * Text: setText(el, values, ds) encodes in the data set's character set (default, ISO_IR 100,
 * ISO_IR 192); non-ASCII into a default-repertoire data set switches it to ISO_IR 192; text a
 * character set cannot hold is refused. Values are never written into in place: setters replace
 * `value`, so cloneDataset can share byte arrays. walk/findElements/removeElements see the data
 * set, not the meta group (the serializer rebuilds what matters there: see meta.ts).
 */
export type { EditableDataset, EditableElement, EditableItem } from './types';
export { toEditable } from './from-parsed';
export { serializePart10, elementSize } from './serialize';
export { completeMeta } from './meta';
export {
  walk, findElements, removeElements, getElement, insertElement,
  type Visitor, type WalkContext, type WalkDecision, type PathStep, type FoundElement,
} from './walk';
export {
  getText, getNumbers, datasetDecoding, setText, setNumbers, setUid, setValue, makeElement, specificCharacterSet, type ElementValue,
} from './values';
export { encodeText, encodingFor, textBytes, decodingFor, type TextEncodingName } from './text';
export { formatDecimalString, formatIntegerString } from './number-text';
export { isValidUid } from './uid';
export { cloneDataset, cloneElement } from './clone';
export { replacePixelData, type ReplacePixelDataOptions } from './pixel-data';
export { toLittleEndian } from './byte-order';
export { TAG as EDIT_TAG, ENCLAVE_IMPLEMENTATION_CLASS_UID, isDatasetGroupLength } from './tags';
