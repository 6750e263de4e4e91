/**
 * The one place the header engine reaches the editable data set's helpers (src/lib/dicom/edit).
 */
export type { EditableDataset, EditableElement, EditableItem } from '../../dicom/edit';
export {
  getText, setValue, specificCharacterSet, makeElement, encodeText, encodingFor, decodingFor, textBytes, getElement, insertElement,
} from '../../dicom/edit';
export type { TextDecoding } from '../../dicom/parse/charset';
